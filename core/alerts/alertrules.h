// Decides which alerts one new check raises, from the key, the check, the key's recent history
// and what the rules remembered (updated in place). No storage and no clock: the check's time
// is "now", so tests feed any sequence of checks and read the decisions.
#pragma once

#include "core/alerts/alertsettings.h"
#include "core/alerts/keyalertstate.h"
#include "core/analytics/burnrate.h"
#include "core/model/alert.h"
#include "core/model/apikey.h"
#include "core/model/balancepoint.h"
#include "core/model/snapshot.h"

#include <span>
#include <vector>

namespace qw {

class AlertRules final
{
public:
    // How much history the rules read: the burn rate and the spike's usual rate come from it.
    static constexpr qint64 kHistoryMs = 7LL * 24 * 60 * 60 * 1000;
    // A spike needs this much usual history before it to compare with.
    static constexpr qint64 kSpikeBaselineMs = 12LL * 60 * 60 * 1000;
    // At most one spike alert per key in this long.
    static constexpr qint64 kSpikeCooldownMs = 6LL * 60 * 60 * 1000;
    // The threshold of a key that has none when its account is out of credit (HTTP 402): one
    // micro-unit, so the reading of 0 lies under it.
    static constexpr Amount kOutOfCreditThreshold = Amount::fromMicros(1);
    // The forecast alert needs this much observed spending before it says anything. (The key
    // table, the chart and /metrics show a fast drain sooner, BurnRate::forecastDays(); an alert
    // is a message to someone, and waits for the longer evidence.)
    static constexpr qint64 kForecastMinObservedMs = BurnRate::kForecastMinObservedMs;

    // `history`: the key's successful readings of the last kHistoryMs, oldest first, ending
    // with `snapshot` when it succeeded. Alerts come back with their words filled in, naming the
    // platform `platformName` ("OpenRouter"), or by its id when that is empty.
    [[nodiscard]] static std::vector<Alert> evaluate(const ApiKey &key, const Snapshot &snapshot,
                                                     std::span<const BalancePoint> history,
                                                     const AlertSettings &settings, KeyAlertState &state,
                                                     const QString &platformName = {});

    // The threshold as an amount in the key's unit: a percentage of the reported limit, or the
    // amount itself; nullopt when there is none or the percentage has no limit to refer to.
    [[nodiscard]] static std::optional<Amount> effectiveThreshold(const ApiKey &key,
                                                                  const Snapshot &snapshot);
    // A rise worth calling a top-up: at least 0.01 and at least 2 % of the balance before (smaller
    // rises are refunds and rounding, the noise of a balance hovering in place).
    [[nodiscard]] static bool isTopUp(Amount before, Amount after);
};

} // namespace qw
