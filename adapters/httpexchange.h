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
};

struct HttpReply
{
    int status = 0;
    HttpHeaders headers;
    QByteArray body;

    // The first header with this name (case-insensitive), or empty.
    [[nodiscard]] QByteArray header(QByteArrayView name) const
    {
        for (const auto &[key, value] : headers) {
            if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
};

} // namespace qw
