#include "core/rest/platformscontroller.h"

#include "adapters/platformregistry.h"
#include "core/json/modeljson.h"

namespace qw::rest {

bool PlatformsController::supportsBalance(const Adapter &adapter)
{
    if (!adapter.readable())
        return false;
    const QList<ReadingKind> kinds = adapter.kinds();
    return kinds.contains(ReadingKind::Balance) || kinds.contains(ReadingKind::KeyLimit) ||
           kinds.contains(ReadingKind::Quota);
}

void PlatformsController::addRoutes(Router &router)
{
    // The registry never changes while the server runs: the answer is built once.
    QJsonArray platforms;
    for (const auto &adapter : m_platforms.all()) {
        QJsonObject platform = ModelJson::platform(*adapter);
        platform.insert(QStringLiteral("supports_balance"), supportsBalance(*adapter));
        platforms.append(platform);
    }
    router.add(Method::Get, QStringLiteral("/api/platforms"), Access::Public,
               [platforms](const RestRequest &, RestReply reply) { reply.json(StatusCode::Ok, platforms); });
}

} // namespace qw::rest
