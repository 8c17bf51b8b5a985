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
    if (isEmpty(*latest))
        return KeyHealth::Empty;
    const auto threshold = AlertRules::effectiveThreshold(key, *latest);
    if (threshold && latest->remaining && *latest->remaining < *threshold)
        return KeyHealth::Low;
    return KeyHealth::Ok;
}

bool KeyHealthRules::isEmpty(const Snapshot &snapshot)
{
    if (snapshot.status != CheckStatus::Ok)
        return false;
    if (snapshot.outOfCredit())
        return true;
    // Spending alone (kind spend) has no floor: a total spent says nothing about what is left.
    if (snapshot.kind != ReadingKind::Spend && snapshot.remaining && snapshot.remaining->micros() <= 0)
        return true;
    return snapshot.used && snapshot.limit && snapshot.limit->micros() > 0 &&
           snapshot.used->micros() >= snapshot.limit->micros();
}

int KeyHealthRules::severity(KeyHealth health)
{
    switch (health) {
    case KeyHealth::Empty:
        return 5;
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
    case KeyHealth::Empty:
        return QStringLiteral("empty");
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
