#include "core/analytics/keyhealth.h"

#include "core/alerts/alertrules.h"

namespace qw {

KeyHealth KeyHealthRules::of(const ApiKey &key, const std::optional<Snapshot> &latest)
{
    if (!key.enabled)
        return KeyHealth::Paused;
    if (!latest)
        return KeyHealth::Unknown;
    if (latest->status != CheckStatus::Ok)
        return KeyHealth::Failing;
    if (latest->outOfCredit())
        return KeyHealth::Low;
    const auto threshold = AlertRules::effectiveThreshold(key, *latest);
    if (threshold && latest->remaining && *latest->remaining < *threshold)
        return KeyHealth::Low;
    return KeyHealth::Ok;
}

int KeyHealthRules::severity(KeyHealth health)
{
    switch (health) {
    case KeyHealth::Failing:
        return 4;
    case KeyHealth::Low:
        return 3;
    case KeyHealth::Unknown:
        return 2;
    case KeyHealth::Ok:
        return 1;
    case KeyHealth::Paused:
        break;
    }
    return 0;
}

QString KeyHealthRules::toString(KeyHealth health)
{
    switch (health) {
    case KeyHealth::Ok:
        return QStringLiteral("ok");
    case KeyHealth::Low:
        return QStringLiteral("low");
    case KeyHealth::Failing:
        return QStringLiteral("failing");
    case KeyHealth::Paused:
        return QStringLiteral("paused");
    case KeyHealth::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

} // namespace qw
