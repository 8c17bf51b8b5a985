// The HTTP server of the REST API: Qt HttpServer's low-level QAbstractHttpServer, with the parts
// every route shares done once here — the body size cap, the route table's 404 and 405, bearer
// authentication, the security headers, CORS for an allow-list, and the access log signal.
// Controllers only see a RestRequest and answer through a RestReply.
#pragma once

#include "core/rest/router.h"

#include <QAbstractHttpServer>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QSslConfiguration>
#include <QStringList>
#include <optional>

namespace qw::rest {

class RequestAuthenticator;

class RestServer final : public QAbstractHttpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RestServer)

public:
    // A request body larger than this is refused with 413 (and the connection closed) before it
    // is read whole.
    static constexpr qsizetype kMaxBodyBytes = 64 * 1024;

    // `router` and `authenticator` must outlive the server.
    RestServer(const Router &router, RequestAuthenticator &authenticator, QObject *parent = nullptr);

    // Origins (scheme://host[:port]) allowed to call the API from a browser; empty: CORS off.
    void setAllowedOrigins(QStringList origins) { m_allowedOrigins = std::move(origins); }

    // Listens on `address`:`port` (0: any free port), over TLS when `tls` is given. The port
    // listened on, or an Io error that says why not (address in use, not an address of this host).
    [[nodiscard]] Result<quint16> listen(const QHostAddress &address, quint16 port,
                                         const std::optional<QSslConfiguration> &tls = std::nullopt);

signals:
    // One answered request, for the access log: never a header, a body or a query string.
    void requestHandled(const QByteArray &method, const QString &path, int status, qint64 elapsedMs);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    [[nodiscard]] QList<Header> commonHeaders(const RestRequest &request) const;
    [[nodiscard]] bool isAllowedOrigin(const QByteArray &origin) const;
    void dispatch(RestRequest request, RestReply reply);
    void answerPreflight(RestReply reply);

    const Router &m_router;
    RequestAuthenticator &m_authenticator;
    QStringList m_allowedOrigins;
};

} // namespace qw::rest
