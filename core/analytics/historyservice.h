// The history use case for every front end: a key's stored checks over a time range, a page at
// a time, and the remaining-amount series that charts, trends and forecasts draw.
#pragma once

#include "core/analytics/timerange.h"
#include "core/model/balancepoint.h"
#include "core/model/snapshot.h"
#include "core/result.h"

#include <map>
#include <optional>
#include <span>
#include <vector>

namespace qw {

class Database;

struct HistoryPage
{
    std::vector<Snapshot> checks; // oldest first
    qint64 total = 0;             // checks in the whole range
};

class HistoryService final
{
public:
    static constexpr int kMaxPageSize = 10'000;

    explicit HistoryService(Database &db)
        : m_db(db)
    {}

    // Every check of `keyId` in `range`, oldest first. NotFound when there is no such key.
    [[nodiscard]] Result<std::vector<Snapshot>> checks(qint64 keyId, const TimeRange &range = {});
    // Page `page` (from 1) of `pageSize` checks (1 to kMaxPageSize), with the range's total.
    [[nodiscard]] Result<HistoryPage> page(qint64 keyId, const TimeRange &range, int page, int pageSize);
    [[nodiscard]] Result<std::optional<Snapshot>> latest(qint64 keyId);
    // The remaining amount of the key's successful checks in `range`, oldest first.
    [[nodiscard]] Result<std::vector<BalancePoint>> balanceSeries(qint64 keyId, const TimeRange &range = {});
    // The series of many keys since `from`, read in one transaction (the key table's trends).
    [[nodiscard]] Result<std::map<qint64, std::vector<BalancePoint>>>
    balanceSeries(std::span<const qint64> keyIds, const QDateTime &from);

private:
    [[nodiscard]] Result<void> requireKey(qint64 keyId);

    Database &m_db;
};

} // namespace qw
