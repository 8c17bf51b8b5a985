// Rolls a key's old raw checks into runs (snapshot_rollups) one bucket per transaction, and
// reads the figures of the database's size. RetentionService decides what and when.
#pragma once

#include "core/model/snapshotstoragestats.h"
#include "core/result.h"

#include <QtGlobal>
#include <optional>
#include <vector>

namespace qw {

class Database;

class SnapshotRollupRepository final
{
public:
    static constexpr qint64 kHourMs = 3600LL * 1000;
    static constexpr qint64 kDayMs = 24 * kHourMs;

    // What one step did: `found` false when the key had no bucket left to roll.
    struct Step
    {
        bool found = false;
        qint64 checksRolled = 0; // raw checks (hourly) or hourly runs (daily) replaced
    };

    explicit SnapshotRollupRepository(Database &db)
        : m_db(db)
    {}

    // Rolls the oldest not yet rolled UTC hour of `keyId`'s raw checks that ends at or before
    // `cutoffMs`, in one transaction that holds the key's write lock (SQLite: BEGIN IMMEDIATE;
    // PostgreSQL: an advisory lock on the key) and reads the bucket inside it. Kept raw: a rise
    // of the balance (top-up), a fall of `used` (a reset), a change of status, kind, unit, limit
    // or out-of-credit notice, a check an alert was raised on, and the key's newest check. Only
    // the rows it read are deleted, so a check written meanwhile is never lost.
    [[nodiscard]] Result<Step> rollNextHour(qint64 keyId, qint64 cutoffMs);
    // Merges the hourly runs of the oldest not yet merged UTC day of `keyId` ending at or before
    // `cutoffMs` into daily runs, where no raw check lies between two runs.
    [[nodiscard]] Result<Step> rollNextDay(qint64 keyId, qint64 cutoffMs);

    // Up to `limit` key ids above `afterId`, ascending.
    [[nodiscard]] Result<std::vector<qint64>> keyIds(qint64 afterId, int limit);
    // Counts every row: seconds on tens of millions of checks (the command line's `db stats`).
    [[nodiscard]] Result<SnapshotStorageStats> stats();
    // The bytes the database takes (SQLite: its pages; PostgreSQL: pg_database_size).
    [[nodiscard]] Result<qint64> sizeBytes();
    // Gives free space back: VACUUM (and a WAL checkpoint) on SQLite, VACUUM ANALYZE on PostgreSQL.
    [[nodiscard]] Result<void> vacuum();

private:
    Database &m_db;
};

} // namespace qw
