#include "core/analytics/keymetrics.h"

#include "core/alerts/alertrules.h"
#include "core/analytics/burnrate.h"
#include "core/storage/apikeyrepository.h"
#include "core/storage/readtransaction.h"
#include "core/storage/snapshotrepository.h"

#include <algorithm>

namespace qw {

namespace {

// Above this many stale forecasts (the first scrape), and above this share of all keys, one
// statement for all keys' windows beats one per key. The share matters with many keys: 10,000
// keys checked every 30 minutes give about 80 new checks between two scrapes, and reading every
// key's week (1.7 million points) for those took seconds where 80 small reads take milliseconds.
constexpr size_t kBulkRefreshFrom = 50;
constexpr size_t kBulkRefreshShare = 4; // one in four

} // namespace

std::optional<double> KeyMetrics::daysUntilEmpty(const std::vector<BalancePoint> &points)
{
    if (points.size() < 2)
        return std::nullopt;
    // The same rule as the desktop's key table and chart, so a dashboard and the app agree.
    return BurnRate::forecastDays(BurnRate::estimate(points));
}

Result<std::vector<KeyGauge>> KeyMetrics::collect(std::optional<qint64> userId, const QDateTime &now)
{
    ReadTransaction transaction(m_db);
    ApiKeyRepository keyRepository(m_db);
    // Names only: the rest of each key (options, times, its secret) is not reported.
    auto keys = keyRepository.listNames(userId);
    if (!keys)
        return tl::unexpected(keys.error());
    SnapshotRepository snapshots(m_db);
    auto latest = snapshots.latestOfEach(userId);
    if (!latest)
        return tl::unexpected(latest.error());

    // Both are ordered by key id: one merge pass.
    std::vector<KeyGauge> gauges;
    gauges.reserve(keys->size());
    std::vector<size_t> stale; // indexes into gauges
    const qint64 nowMs = now.toMSecsSinceEpoch();
    auto nextLatest = latest->begin();
    for (ApiKey &key : *keys) {
        KeyGauge gauge{std::move(key), std::nullopt, std::nullopt};
        const qint64 id = gauge.key.id;
        while (nextLatest != latest->end() && nextLatest->keyId < id)
            ++nextLatest;
        if (nextLatest != latest->end() && nextLatest->keyId == id)
            gauge.latest = std::move(*nextLatest);
        const qint64 latestId = gauge.latest ? gauge.latest->id : 0;
        const auto cached = m_forecasts.constFind(id);
        if (cached != m_forecasts.cend() && cached->latestSnapshotId == latestId &&
            nowMs - cached->computedAtMs < kForecastMaxAgeMs && nowMs >= cached->computedAtMs)
            gauge.daysUntilEmpty = cached->daysUntilEmpty;
        else
            stale.push_back(gauges.size());
        gauges.push_back(std::move(gauge));
    }

    const QDateTime from = now.addMSecs(-AlertRules::kHistoryMs);
    const auto remember = [&](KeyGauge &gauge, const std::vector<BalancePoint> &points) {
        gauge.daysUntilEmpty = daysUntilEmpty(points);
        m_forecasts.insert(gauge.key.id,
                           Forecast{gauge.latest ? gauge.latest->id : 0, nowMs, gauge.daysUntilEmpty});
    };
    if (stale.size() >= kBulkRefreshFrom && stale.size() * kBulkRefreshShare >= gauges.size()) {
        auto series = snapshots.balanceSeriesOfEach(userId, from);
        if (!series)
            return tl::unexpected(series.error());
        auto nextPoint = series->begin();
        std::vector<BalancePoint> points;
        for (size_t index : stale) {
            KeyGauge &gauge = gauges[index];
            points.clear();
            while (nextPoint != series->end() && nextPoint->first < gauge.key.id)
                ++nextPoint;
            for (; nextPoint != series->end() && nextPoint->first == gauge.key.id; ++nextPoint)
                points.push_back(nextPoint->second);
            remember(gauge, points);
        }
    } else {
        for (size_t index : stale) {
            KeyGauge &gauge = gauges[index];
            auto points = snapshots.balanceSeries(gauge.key.id, from);
            if (!points)
                return tl::unexpected(points.error());
            remember(gauge, *points);
        }
    }
    if (!userId && size_t(m_forecasts.size()) > gauges.size()) {
        // Removed keys: forget their forecasts (only a scrape of everyone's keys knows which).
        QHash<qint64, Forecast> kept;
        for (const KeyGauge &gauge : gauges)
            kept.insert(gauge.key.id, m_forecasts.value(gauge.key.id));
        m_forecasts = std::move(kept);
    }
    return gauges;
}

} // namespace qw
