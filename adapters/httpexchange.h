// What an adapter asks the HTTP client to send, and what comes back. Adapters only describe
// requests; core/poll owns the sockets, timeouts and limits.
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

namespace qw {

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

struct HttpRequestSpec
{
    QByteArray method = QByteArrayLiteral("GET");
    QString path;        // appended to the key's base URL, e.g. "/user/balance"
    QUrlQuery query;     // never carries a secret: secrets travel in headers only
    HttpHeaders headers; // may hold the secret; the client wipes them after sending
    QByteArray body;
    // Where `path` starts. A built-in platform's paths start at the API's root, so an
    // OpenAI-style base URL ("https://api.deepseek.com/v1", as people paste it) is that root
    // with /v1 after it, and the /v1 is not said twice or where the path does not have it. The
    // custom platform's path is the user's own, appended to their base URL as it is.
    bool pathFromApiRoot = true;
};

// The first header named `name` (case-insensitive) in `headers`, or empty.
[[nodiscard]] inline QByteArray headerValue(const HttpHeaders &headers, QByteArrayView name)
{
    for (const auto &[key, value] : headers) {
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

struct HttpReply
{
    int status = 0;
    HttpHeaders headers;
    QByteArray body;

    // The first header with this name (case-insensitive), or empty.
    [[nodiscard]] QByteArray header(QByteArrayView name) const { return headerValue(headers, name); }
};

} // namespace qw
