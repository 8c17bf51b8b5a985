#include "core/rest/healthcontroller.h"

#include "core/session/session.h"

namespace qw::rest {

void HealthController::addRoutes(Router &router)
{
    router.add(Method::Get, QStringLiteral("/api/health"), Access::Public,
               handler(this, &HealthController::health));
}

void HealthController::health(const RestRequest &, RestReply reply)
{
    const bool databaseOk = m_session.pingDatabase().has_value();
    reply.addHeader("Cache-Control", "no-store");
    reply.json(
        databaseOk ? StatusCode::Ok : StatusCode::ServiceUnavailable,
        QJsonObject{
            {QStringLiteral("status"), databaseOk ? QStringLiteral("ok") : QStringLiteral("unavailable")},
            {QStringLiteral("version"), QStringLiteral(QW_VERSION)},
            {QStringLiteral("database"), databaseOk ? QStringLiteral("ok") : QStringLiteral("unreachable")},
        });
}

} // namespace qw::rest
