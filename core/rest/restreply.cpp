#include "core/rest/restreply.h"

#include <QJsonDocument>

namespace qw::rest {

RestReply::RestReply(QHttpServerResponder &&responder, QTcpSocket *socket, QList<Header> commonHeaders,
                     SentListener onSent)
    : m_responder(std::move(responder))
    , m_socket(socket)
    , m_headers(std::move(commonHeaders))
    , m_onSent(std::move(onSent))
{}

RestReply::RestReply(RestReply &&other) noexcept
    : m_responder(std::move(other.m_responder))
    , m_socket(std::move(other.m_socket))
    , m_headers(std::move(other.m_headers))
    , m_onSent(std::move(other.m_onSent))
    , m_sent(other.m_sent)
{
    other.m_responder.reset();
    other.m_sent = true; // the moved-from reply has nothing left to answer
}

RestReply::~RestReply()
{
    if (!m_sent)
        error(StatusCode::InternalServerError, QStringLiteral("the server could not answer this request"));
}

void RestReply::markPrivate()
{
    addHeader("Cache-Control", "no-store");
}

void RestReply::addHeader(QByteArray name, QByteArray value)
{
    m_headers.append(Header(std::move(name), std::move(value)));
}

void RestReply::json(StatusCode status, const QJsonObject &body)
{
    send(status, QJsonDocument(body).toJson(QJsonDocument::Compact), "application/json");
}

void RestReply::json(StatusCode status, const QJsonArray &body)
{
    send(status, QJsonDocument(body).toJson(QJsonDocument::Compact), "application/json");
}

void RestReply::error(StatusCode status, const QString &detail)
{
    if (status == StatusCode::Unauthorized)
        addHeader("WWW-Authenticate", "Bearer");
    json(status, QJsonObject{{QStringLiteral("detail"), detail}});
}

void RestReply::error(const Error &error)
{
    this->error(ErrorStatus::of(error.code), error.message);
}

void RestReply::noContent()
{
    send(StatusCode::NoContent, {}, {});
}

void RestReply::send(StatusCode status, const QByteArray &body, const QByteArray &contentType)
{
    if (m_sent)
        return;
    m_sent = true;
    if (m_onSent)
        m_onSent(status);
    // The client may have hung up while a check was in flight; its socket is gone with it.
    if (!m_responder || !m_socket || m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    QHttpServerResponder &responder = *m_responder;
    responder.writeStatusLine(status);
    for (const auto &[name, value] : std::as_const(m_headers))
        responder.writeHeader(name, value);
    if (status != StatusCode::NoContent) {
        if (!contentType.isEmpty())
            responder.writeHeader("Content-Type", contentType);
        responder.writeHeader("Content-Length", QByteArray::number(body.size()));
    }
    // writeBody() ends the headers; a 204 has no body but still needs that blank line.
    responder.writeBody(body);
}

} // namespace qw::rest
