#include "core/analytics/historyservice.h"

#include "core/keys/keyservice.h"
#include "core/storage/apikeyrepository.h"
#include "core/storage/readtransaction.h"
#include "core/storage/seriesreader.h"
#include "core/storage/snapshotrepository.h"

#include <limits>

namespace qw {

Result<void> HistoryService::requireKey(qint64 keyId)
{
    auto key = ApiKeyRepository(m_db).find(keyId);
    if (!key)
        return tl::unexpected(key.error());
    if (!*key)
        return tl::unexpected(KeyService::notFound(keyId));
    return {};
}

Result<std::vector<Snapshot>> HistoryService::checks(qint64 keyId, const TimeRange &range)
{
    ReadTransaction transaction(m_db);
    if (auto found = requireKey(keyId); !found)
        return tl::unexpected(found.error());
    return SnapshotRepository(m_db).range(keyId, range.from, range.to);
}

Result<HistoryPage> HistoryService::page(qint64 keyId, const TimeRange &range, int page, int pageSize)
{
    if (page < 1)
        return fail(ErrorCode::InvalidInput, QStringLiteral("the page must be 1 or more"));
    if (pageSize < 1 || pageSize > kMaxPageSize)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("the page size must be from 1 to %1").arg(kMaxPageSize));
    ReadTransaction transaction(m_db);
    if (auto found = requireKey(keyId); !found)
        return tl::unexpected(found.error());
    SnapshotRepository snapshots(m_db);
    auto total = snapshots.countInRange(keyId, range.from, range.to);
    if (!total)
        return tl::unexpected(total.error());
    auto checks = snapshots.range(keyId, range.from, range.to, qint64(page - 1) * pageSize, pageSize);
    if (!checks)
        return tl::unexpected(checks.error());
    return HistoryPage{std::move(*checks), *total};
}

Result<std::optional<Snapshot>> HistoryService::latest(qint64 keyId)
{
    return SnapshotRepository(m_db).latest(keyId);
}

Result<std::vector<BalancePoint>> HistoryService::balanceSeries(qint64 keyId, const TimeRange &range)
{
    return SnapshotRepository(m_db).balanceSeries(keyId, range.from, range.to);
}

Result<std::map<qint64, std::vector<BalancePoint>>>
HistoryService::balanceSeries(std::span<const qint64> keyIds, const QDateTime &from)
{
    ReadTransaction transaction(m_db);
    // One statement prepared once for every key, each value read without a QVariant.
    auto reader = SeriesReader::prepare(m_db);
    if (!reader)
        return tl::unexpected(reader.error());
    const qint64 fromMs = from.isValid() ? from.toMSecsSinceEpoch() : std::numeric_limits<qint64>::min();
    std::map<qint64, std::vector<BalancePoint>> series;
    for (qint64 keyId : keyIds) {
        std::vector<BalancePoint> points;
        if (auto read = (*reader)->read(keyId, fromMs, points); !read)
            return tl::unexpected(read.error());
        series.emplace(keyId, std::move(points));
    }
    return series;
}

} // namespace qw
