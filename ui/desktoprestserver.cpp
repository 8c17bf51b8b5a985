#include "ui/desktoprestserver.h"

#include "core/session/session.h"
#ifdef QW_WITH_REST
#include "core/rest/restapi.h"
#include "core/rest/restconfiguration.h"
#else
namespace qw::rest {
// Without QtHttpServer there is no API to own; this stands in so the member's type is complete.
class RestApi final
{
};
} // namespace qw::rest
#endif

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace qw::ui {

namespace {

#ifdef QW_WITH_REST
// Every option in one comparable string: RestOptions has no operator==, and a restart only for a
// real change keeps clients connected through an unrelated Apply.
QString fingerprint(const rest::RestOptions &options)
{
    const QJsonObject object{
        {QStringLiteral("host"), options.endpoint.host},
        {QStringLiteral("port"), options.endpoint.port},
        {QStringLiteral("allowRemote"), options.allowRemote},
        {QStringLiteral("cert"), options.tlsCertificateFile},
        {QStringLiteral("key"), options.tlsKeyFile},
        {QStringLiteral("metricsPublic"), options.metricsPublic},
        {QStringLiteral("origins"), QJsonArray::fromStringList(options.allowedOrigins)},
        {QStringLiteral("tokenSeconds"), options.tokenLifetimeSeconds},
    };
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}
#endif

} // namespace

DesktopRestServer::DesktopRestServer(Session &session, Configuration configuration, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_configuration(std::move(configuration))
{}

DesktopRestServer::~DesktopRestServer() = default;

void DesktopRestServer::applySettings()
{
    if (!m_configuration.restEnabledOnDesktop()) {
        stop();
        return;
    }
#ifdef QW_WITH_REST
    auto options = rest::RestConfiguration::options(m_configuration);
    if (!options) {
        stop();
        setState(State::Failed, {}, options.error().message);
        return;
    }
    const QString wanted = fingerprint(*options);
    if (m_api && m_api->isListening() && wanted == m_runningOptions)
        return;
    // The old server goes first, so a restart on the same port finds it free; a new RestApi
    // starts from the new options alone, with nothing carried over from the old ones.
    m_api.reset();
    m_runningOptions.clear();
    m_api = std::make_unique<rest::RestApi>(m_session);
    auto url = m_api->start(*options);
    if (!url) {
        setState(State::Failed, {}, url.error().message);
        return;
    }
    m_runningOptions = wanted;
    setState(State::Listening, *url, {});
#else
    Q_UNUSED(m_session)
    setState(State::Failed, {}, tr("this build of QuotaWatch has no REST API"));
#endif
}

void DesktopRestServer::stop()
{
    m_api.reset(); // closes the listening socket and every connection
    m_runningOptions.clear();
    setState(State::Off, {}, {});
}

QString DesktopRestServer::statusText() const
{
    switch (m_state) {
    case State::Off:
        return {};
    case State::Listening:
        return tr("REST API on %1").arg(m_url.toString());
    case State::Failed:
        return tr("REST API not started: %1").arg(m_problem);
    }
    return {};
}

void DesktopRestServer::setState(State state, const QUrl &url, const QString &problem)
{
    if (state == m_state && url == m_url && problem == m_problem)
        return;
    m_state = state;
    m_url = url;
    m_problem = problem;
    emit stateChanged();
}

} // namespace qw::ui
