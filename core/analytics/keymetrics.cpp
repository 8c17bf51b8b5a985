#include "core/analytics/keymetrics.h"

#include "core/alerts/alertrules.h"
#include "core/analytics/burnrate.h"
#include "core/storage/apikeyrepository.h"
#include "core/storage/readtransaction.h"
#include "core/storage/snapshotrepository.h"

#include <algorithm>

namespace qw {

Result<std::vector<KeyGauge>> KeyMetrics::collect(std::optional<qint64> userId, const QDateTime &now)
{
    ReadTransaction transaction(m_db);
    ApiKeyRepository keyRepository(m_db);
    auto keys = userId ? keyRepository.listOwnedBy(*userId) : keyRepository.list();
    if (!keys)
        return tl::unexpected(keys.error());
    SnapshotRepository snapshots(m_db);
    auto latest = snapshots.latestOfEach(userId);
    if (!latest)
        return tl::unexpected(latest.error());
    // The same window the forecast alert reads, so a dashboard and an alert agree.
    auto series = snapshots.balanceSeriesOfEach(userId, now.addMSecs(-AlertRules::kHistoryMs));
    if (!series)
        return tl::unexpected(series.error());

    // All three are ordered by key id: one merge pass, no per-key lookups.
    std::vector<KeyGauge> gauges;
    gauges.reserve(keys->size());
    auto nextLatest = latest->begin();
    auto nextPoint = series->begin();
    std::vector<BalancePoint> points;
    for (ApiKey &key : *keys) {
        key.secretEnc.clear();
        KeyGauge gauge{std::move(key), std::nullopt, std::nullopt};
        const qint64 id = gauge.key.id;
        while (nextLatest != latest->end() && nextLatest->keyId < id)
            ++nextLatest;
        if (nextLatest != latest->end() && nextLatest->keyId == id)
            gauge.latest = std::move(*nextLatest);
        points.clear();
        while (nextPoint != series->end() && nextPoint->first < id)
            ++nextPoint;
        for (; nextPoint != series->end() && nextPoint->first == id; ++nextPoint)
            points.push_back(nextPoint->second);
        if (points.size() >= 2) {
            const BurnEstimate burn = BurnRate::estimate(points);
            if (burn.daysUntilEmpty && burn.observedMs >= AlertRules::kForecastMinObservedMs)
                gauge.daysUntilEmpty = burn.daysUntilEmpty;
        }
        gauges.push_back(std::move(gauge));
    }
    return gauges;
}

} // namespace qw
