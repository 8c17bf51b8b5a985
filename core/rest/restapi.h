// The REST API as a front end of a Session: the route table, the controllers (auth, keys,
// platforms, metrics, health) and the HTTP server, put together once for `serve` and the desktop.
// Every request is answered on the thread the session lives on; the slow parts (password
// hashing, checks) run elsewhere or asynchronously, so a window on that thread stays responsive.
#pragma once

#include "core/rest/router.h"
#include "core/session/configuration.h"

#include <QObject>
#include <QStringList>
#include <QUrl>
#include <memory>
#include <vector>

namespace qw {
class Session;
}

namespace qw::rest {

class RestController;
class RestServer;
class RequestAuthenticator;

struct RestOptions
{
    RestEndpoint endpoint;
    bool allowRemote = false;           // needed to listen on anything but a loopback address
    QString tlsCertificateFile;         // PEM; with tlsKeyFile: HTTPS
    QString tlsKeyFile;                 // PEM, unencrypted
    bool metricsPublic = false;         // /metrics without a token
    QStringList allowedOrigins;         // CORS; empty: off
    int tokenLifetimeSeconds = 30 * 60; // how long a login's access token is valid
};

class RestApi final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RestApi)

public:
    // `session` (unlocked) must outlive the API.
    explicit RestApi(Session &session, QObject *parent = nullptr);
    ~RestApi() override;

    // Starts listening. The address clients reach it at ("http://127.0.0.1:8000"), or an error
    // that says what to change: a remote address without allowRemote, unreadable TLS files, a
    // port in use. Warnings (listening remotely without HTTPS) go to `warning`.
    [[nodiscard]] Result<QUrl> start(const RestOptions &options, QString *warning = nullptr);
    // Stops listening and closes every connection.
    void stop();
    [[nodiscard]] bool isListening() const { return m_server != nullptr; }
    [[nodiscard]] QUrl url() const { return m_url; }
    // The route table of the running API (empty before start()): what the OpenAPI document
    // must describe, no more and no less.
    [[nodiscard]] std::vector<Router::RouteInfo> routes() const
    {
        return m_server ? m_router.routes() : std::vector<Router::RouteInfo>{};
    }

    // "http://HOST:PORT", IPv6 hosts in brackets.
    [[nodiscard]] static QUrl urlOf(const QString &host, quint16 port, bool https);

signals:
    // One answered request, for the access log (method, path and status only).
    void requestHandled(const QByteArray &method, const QString &path, int status, qint64 elapsedMs);

private:
    void buildRoutes(const RestOptions &options);

    Session &m_session;
    std::unique_ptr<RequestAuthenticator> m_authenticator;
    std::vector<std::unique_ptr<RestController>> m_controllers;
    Router m_router;
    RestServer *m_server = nullptr; // a child while listening
    QUrl m_url;
};

} // namespace qw::rest
