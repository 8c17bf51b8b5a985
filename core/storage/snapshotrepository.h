// The history of checks: the raw checks and, older than the retention, their rolled-up runs
// (snapshot_rollups), read as one series. Reads are by key and time range over the indexes.
#pragma once

#include "core/model/balancepoint.h"
#include "core/model/snapshot.h"
#include "core/result.h"

#include <QVariantList>
#include <optional>
#include <span>
#include <vector>

namespace qw {

class Database;

class SnapshotRepository final
{
public:
    explicit SnapshotRepository(Database &db)
        : m_db(db)
    {}

    [[nodiscard]] Result<qint64> insert(const Snapshot &snapshot);
    // Inserts in transactions of `batchSize` rows with one prepared statement; all or nothing
    // per batch. Used by imports and benchmarks.
    [[nodiscard]] Result<void> insertMany(std::span<const Snapshot> snapshots, int batchSize = 5000);
    // Snapshots of one key with from <= checked_at < to, oldest first, skipping `offset` and
    // at most `limit` of them (negative: all). Null bounds are open.
    [[nodiscard]] Result<std::vector<Snapshot>> range(qint64 keyId, const QDateTime &from = {},
                                                      const QDateTime &to = {}, qint64 offset = 0,
                                                      qint64 limit = -1);
    [[nodiscard]] Result<qint64> countInRange(qint64 keyId, const QDateTime &from, const QDateTime &to);
    // Snapshots of one key with from <= checked_at < to, newest first, at most `limit`.
    [[nodiscard]] Result<std::vector<Snapshot>> newest(qint64 keyId, const QDateTime &from,
                                                       const QDateTime &to, qint64 limit);
    [[nodiscard]] Result<std::optional<Snapshot>> latest(qint64 keyId);
    // The latest snapshot of every key of account `userId` (every account's when nullopt) that
    // has one, in one statement: one index probe per key instead of one query per key.
    [[nodiscard]] Result<std::vector<Snapshot>> latestOfEach(std::optional<qint64> userId);
    // The same for the keys of `userId` with ids from `firstId` to `lastId` (a page of them).
    [[nodiscard]] Result<std::vector<Snapshot>> latestOfEach(qint64 userId, qint64 firstId, qint64 lastId);
    // balanceSeries() of every key of account `userId` (every account's when nullopt) since
    // `from`, in one statement, by key id then oldest first.
    [[nodiscard]] Result<std::vector<std::pair<qint64, BalancePoint>>>
    balanceSeriesOfEach(std::optional<qint64> userId, const QDateTime &from);
    // The same for the keys `keyIds` with from <= checked_at < to (the checks of a stored batch,
    // whose alerts are evaluated next), in one statement.
    [[nodiscard]] Result<std::vector<std::pair<qint64, BalancePoint>>>
    balanceSeriesOfEach(const std::vector<qint64> &keyIds, const QDateTime &from, const QDateTime &to);
    // The remaining amount of successful checks with from <= checked_at < to, oldest first.
    // Two integer columns instead of whole snapshots: a year of 5-minute checks reads in a
    // fraction of the time, which is what keeps chart range changes instant.
    [[nodiscard]] Result<std::vector<BalancePoint>> balanceSeries(qint64 keyId, const QDateTime &from = {},
                                                                  const QDateTime &to = {});

    // Whether no rolled run can reach a range starting at `fromMs`, so that the raw checks alone
    // are the whole history from there (nearly every chart, trend and alert).
    [[nodiscard]] bool readsRawOnlyFrom(qint64 fromMs);

private:
    struct HistorySource;
    // The successful readings of `source` by key id then oldest first; `keepPrepared` for a
    // statement that runs over and over (Database::runCached).
    [[nodiscard]] Result<std::vector<std::pair<qint64, BalancePoint>>>
    seriesByKey(const HistorySource &source, bool keepPrepared);

    struct HistorySource
    {
        QString sql; // "(SELECT ... ) history"
        QVariantList values;
    };
    [[nodiscard]] HistorySource history(const QString &keys, const QVariantList &keyValues, qint64 fromMs,
                                        qint64 toMs);

    Database &m_db;
    // Every rolled run ends before this (the latest hourly_through of any key); read on first use.
    std::optional<qint64> m_rolledThroughMs;
};

} // namespace qw
