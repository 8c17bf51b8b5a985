// The answer to one request, written exactly once: JSON bodies, `{"detail": ...}` errors with the
// status from the one error table, and the security headers every response carries. Move-only,
// so a handler that answers later (a check in flight) takes it along; when the client has gone
// by then, the answer is dropped. A reply destroyed unanswered (a handler's bug) answers 500, so
// no client ever waits for nothing.
#pragma once

#include "core/rest/errorstatus.h"

#include <QByteArray>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QPointer>
#include <QTcpSocket>
#include <functional>
#include <optional>

namespace qw::rest {

using Header = QPair<QByteArray, QByteArray>;

class RestReply final
{
public:
    // Told the status of what was sent (for the access log and the counters).
    using SentListener = std::function<void(StatusCode status)>;

    RestReply(QHttpServerResponder &&responder, QTcpSocket *socket, QList<Header> commonHeaders,
              SentListener onSent);
    RestReply(RestReply &&other) noexcept;
    RestReply &operator=(RestReply &&) = delete;
    Q_DISABLE_COPY(RestReply)
    ~RestReply();

    // For a signed-in caller: the answer is that caller's and no cache may keep it.
    void markPrivate();
    // Added to the answer (before it is sent).
    void addHeader(QByteArray name, QByteArray value);

    void json(StatusCode status, const QJsonObject &body);
    void json(StatusCode status, const QJsonArray &body);
    // `{"detail": detail}`. A 401 carries `WWW-Authenticate: Bearer`.
    void error(StatusCode status, const QString &detail);
    // The status from the error table, the error's message as the detail.
    void error(const Error &error);
    void noContent();
    void send(StatusCode status, const QByteArray &body, const QByteArray &contentType);

    [[nodiscard]] bool isSent() const { return m_sent; }

private:
    std::optional<QHttpServerResponder> m_responder;
    QPointer<QTcpSocket> m_socket;
    QList<Header> m_headers;
    SentListener m_onSent;
    bool m_sent = false;
};

} // namespace qw::rest
