#include "core/rest/restapi.h"

#include "core/rest/authcontroller.h"
#include "core/rest/bearerauthenticator.h"
#include "core/rest/docscontroller.h"
#include "core/rest/healthcontroller.h"
#include "core/rest/keyscontroller.h"
#include "core/rest/metricscontroller.h"
#include "core/rest/platformscontroller.h"
#include "core/rest/restserver.h"
#include "core/rest/tlsfiles.h"
#include "core/session/session.h"

#include <QHostAddress>
#include <QHostInfo>

namespace qw::rest {

RestApi::RestApi(Session &session, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_authenticator(std::make_unique<BearerAuthenticator>(session))
{}

RestApi::~RestApi()
{
    stop();
}

QUrl RestApi::urlOf(const QString &host, quint16 port, bool https)
{
    QUrl url;
    url.setScheme(https ? QStringLiteral("https") : QStringLiteral("http"));
    url.setHost(host);
    url.setPort(port);
    return url;
}

void RestApi::buildRoutes(const RestOptions &options)
{
    m_router = Router();
    m_controllers.clear();
    m_controllers.push_back(std::make_unique<HealthController>(m_session));
    m_controllers.push_back(std::make_unique<DocsController>());
    m_controllers.push_back(std::make_unique<AuthController>(m_session, options.tokenLifetimeSeconds));
    m_controllers.push_back(std::make_unique<KeysController>(m_session));
    m_controllers.push_back(std::make_unique<PlatformsController>(m_session.platforms()));
    m_controllers.push_back(std::make_unique<MetricsController>(m_session, options.metricsPublic));
    for (const auto &controller : m_controllers)
        controller->addRoutes(m_router);
}

Result<QUrl> RestApi::start(const RestOptions &options, QString *warning)
{
    stop();
    QHostAddress address;
    if (options.endpoint.host == QLatin1String("localhost"))
        address = QHostAddress(QHostAddress::LocalHost);
    else if (!address.setAddress(options.endpoint.host))
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("%1 is not an IP address to listen on (use 127.0.0.1, ::1 or 0.0.0.0)")
                        .arg(options.endpoint.host));
    const bool https = !options.tlsCertificateFile.isEmpty() || !options.tlsKeyFile.isEmpty();
    if (!address.isLoopback()) {
        if (!options.allowRemote)
            return fail(
                ErrorCode::InvalidInput,
                QStringLiteral("%1 is reachable from other machines; add --allow-remote to listen there")
                    .arg(options.endpoint.host));
        if (!https && warning)
            *warning =
                QStringLiteral("the REST API listens on %1 without HTTPS: passwords and tokens cross the "
                               "network in clear; use --tls-cert and --tls-key")
                    .arg(options.endpoint.host);
    }
    std::optional<QSslConfiguration> tls;
    if (https) {
        auto loaded = TlsFiles::load(options.tlsCertificateFile, options.tlsKeyFile);
        if (!loaded)
            return tl::unexpected(loaded.error());
        tls = std::move(*loaded);
    }

    buildRoutes(options);
    auto server = std::make_unique<RestServer>(m_router, *m_authenticator);
    server->setAllowedOrigins(options.allowedOrigins);
    auto port = server->listen(address, quint16(options.endpoint.port), tls);
    if (!port)
        return tl::unexpected(port.error());
    connect(server.get(), &RestServer::requestHandled, this, &RestApi::requestHandled);
    m_server = server.release();
    m_server->setParent(this);
    m_url = urlOf(options.endpoint.host, *port, https);
    return m_url;
}

void RestApi::stop()
{
    delete m_server; // closes the listening sockets; open connections go with their server
    m_server = nullptr;
    m_url.clear();
}

} // namespace qw::rest
