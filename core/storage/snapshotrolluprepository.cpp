#include "core/storage/snapshotrolluprepository.h"

#include "core/storage/database.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <algorithm>
#include <iterator>

namespace qw {

namespace {

std::optional<qint64> optionalOf(const QVariant &value)
{
    return value.isNull() ? std::nullopt : std::optional<qint64>(value.toLongLong());
}

QVariant variantOf(const std::optional<qint64> &value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<qint64>());
}

// What one check (or the end of one run) reads: what decides whether the next one continues it.
struct Reading
{
    qint64 id = 0;
    qint64 atMs = 0;
    QString status;
    QVariant kind; // text or NULL
    QString unit;
    std::optional<qint64> remaining;
    std::optional<qint64> used;
    std::optional<qint64> limit;
    QString error;
    qint64 latencyMs = 0;
};

// Whether `next` can be folded into a run with `previous`: the same kind of reading, and the
// balance not risen (a top-up) nor `used` fallen (a reset). Within a run the balance therefore
// only falls, which is what lets a run stand for its checks with its first and last reading.
bool continues(const Reading &previous, const Reading &next)
{
    return previous.status == next.status && previous.kind == next.kind && previous.unit == next.unit &&
           previous.limit == next.limit && previous.error.isEmpty() == next.error.isEmpty() &&
           previous.remaining.has_value() == next.remaining.has_value() &&
           (!next.remaining || *next.remaining <= *previous.remaining) &&
           previous.used.has_value() == next.used.has_value() && (!next.used || *next.used >= *previous.used);
}

struct Run
{
    Reading first;
    Reading last;
    std::optional<qint64> low;
    qint64 spend = 0;
    qint64 latencySum = 0;
    qint64 checks = 0;

    void add(const Reading &reading, qint64 count = 1)
    {
        if (checks == 0)
            first = reading;
        else if (last.remaining && reading.remaining)
            spend += std::max<qint64>(0, *last.remaining - *reading.remaining);
        last = reading;
        if (reading.remaining)
            low = low ? std::min(*low, *reading.remaining) : *reading.remaining;
        latencySum += reading.latencyMs * count;
        checks += count;
    }
};

// The key's write lock for one roll-up step. SQLite: BEGIN IMMEDIATE takes the database's write
// lock before anything is read, so no check of the key can be stored between the read and the
// delete. PostgreSQL: a transaction-scoped advisory lock on the key makes two instances' steps
// on one key take turns; a check stored meanwhile is not in the rows read and so not deleted.
class KeyWriteLock final
{
public:
    KeyWriteLock(Database &db, qint64 keyId)
        : m_db(db)
    {
        if (sqlite()) {
            auto begun = m_db.run(QStringLiteral("BEGIN IMMEDIATE"));
            m_started = begun ? Result<void>{} : Result<void>(tl::unexpected(begun.error()));
            return;
        }
        m_started = m_db.beginTransaction();
        if (!m_started)
            return;
        if (auto locked = m_db.run(
                QStringLiteral("SELECT pg_advisory_xact_lock(7274830, CAST(? AS INTEGER))"), {keyId});
            !locked) {
            m_db.rollback();
            m_started = tl::unexpected(locked.error());
        }
    }
    ~KeyWriteLock()
    {
        if (m_started && !m_done) {
            if (sqlite())
                (void)m_db.run(QStringLiteral("ROLLBACK"));
            else
                m_db.rollback();
        }
    }
    KeyWriteLock(const KeyWriteLock &) = delete;
    KeyWriteLock &operator=(const KeyWriteLock &) = delete;

    [[nodiscard]] const Result<void> &started() const { return m_started; }
    [[nodiscard]] Result<void> commit()
    {
        m_done = true;
        if (!sqlite())
            return m_db.commit();
        auto committed = m_db.run(QStringLiteral("COMMIT"));
        if (!committed) {
            (void)m_db.run(QStringLiteral("ROLLBACK"));
            return tl::unexpected(committed.error());
        }
        return {};
    }

private:
    [[nodiscard]] bool sqlite() const { return m_db.backend() == DatabaseUrl::Backend::Sqlite; }

    Database &m_db;
    Result<void> m_started;
    bool m_done = false;
};

const QString kInsertRun = QStringLiteral(
    "INSERT INTO snapshot_rollups (key_id, first_at, last_at, resolution, bucket_start, status, kind, unit, "
    "open_remaining, low_remaining, close_remaining, spend, open_used, close_used, \"limit\", error, "
    "latency_ms, checks) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

Result<void> insertRun(Database &db, qint64 keyId, const Run &run, const QString &resolution,
                       qint64 bucketStart)
{
    auto inserted = db.run(
        kInsertRun,
        {keyId, run.first.atMs, run.last.atMs, resolution, bucketStart, run.last.status, run.last.kind,
         run.last.unit, variantOf(run.first.remaining), variantOf(run.low), variantOf(run.last.remaining),
         run.spend, variantOf(run.first.used), variantOf(run.last.used), variantOf(run.last.limit),
         run.last.error.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(run.last.error),
         run.checks > 0 ? run.latencySum / run.checks : 0, run.checks});
    if (!inserted)
        return tl::unexpected(inserted.error());
    return {};
}

Result<void> setProgress(Database &db, qint64 keyId, const QString &column, qint64 throughMs)
{
    auto written = db.run(QStringLiteral("INSERT INTO rollup_progress (key_id, %1) VALUES (?, ?) "
                                         "ON CONFLICT (key_id) DO UPDATE SET %1 = excluded.%1")
                              .arg(column),
                          {keyId, throughMs});
    if (!written)
        return tl::unexpected(written.error());
    return {};
}

Result<qint64> progress(Database &db, qint64 keyId, const QString &column)
{
    auto query =
        db.run(QStringLiteral("SELECT %1 FROM rollup_progress WHERE key_id = ?").arg(column), {keyId});
    if (!query)
        return tl::unexpected(query.error());
    return query->next() ? query->value(0).toLongLong() : 0;
}

// The first value of the first row, NULL when there is none.
Result<QVariant> scalar(Database &db, const QString &sql, const QVariantList &values)
{
    auto query = db.run(sql, values);
    if (!query)
        return tl::unexpected(query.error());
    return query->next() ? query->value(0) : QVariant();
}

constexpr char kReadingColumns[] = "checked_at, status, kind, unit, remaining, used, \"limit\", error";

Reading readingOf(const QSqlQuery &query, int at)
{
    Reading reading;
    reading.atMs = query.value(at).toLongLong();
    reading.status = query.value(at + 1).toString();
    reading.kind = query.value(at + 2).isNull() ? QVariant() : QVariant(query.value(at + 2).toString());
    reading.unit = query.value(at + 3).toString();
    reading.remaining = optionalOf(query.value(at + 4));
    reading.used = optionalOf(query.value(at + 5));
    reading.limit = optionalOf(query.value(at + 6));
    reading.error = query.value(at + 7).toString();
    return reading;
}

// The reading just before `beforeMs`: the later of the newest raw check and the end of the
// newest run before it.
Result<std::optional<Reading>> previousReading(Database &db, qint64 keyId, qint64 beforeMs)
{
    std::optional<Reading> previous;
    {
        auto raw = db.run(QStringLiteral("SELECT ") + QLatin1String(kReadingColumns) +
                              QStringLiteral(" FROM snapshots WHERE key_id = ? AND checked_at < ? "
                                             "ORDER BY checked_at DESC, id DESC LIMIT 1"),
                          {keyId, beforeMs});
        if (!raw)
            return tl::unexpected(raw.error());
        if (raw->next())
            previous = readingOf(*raw, 0);
    }
    auto rolled =
        db.run(QStringLiteral("SELECT last_at, status, kind, unit, close_remaining, close_used, "
                              "\"limit\", error FROM snapshot_rollups WHERE key_id = ? AND first_at < ? "
                              "ORDER BY first_at DESC LIMIT 1"),
               {keyId, beforeMs});
    if (!rolled)
        return tl::unexpected(rolled.error());
    if (rolled->next()) {
        Reading end = readingOf(*rolled, 0);
        if (!previous || end.atMs > previous->atMs)
            previous = end;
    }
    return previous;
}

qint64 floorTo(qint64 ms, qint64 bucketMs)
{
    return ms - ((ms % bucketMs) + bucketMs) % bucketMs;
}

// The start of `keyId`'s oldest bucket (of `bucketMs`) left to roll, with the key's write lock
// then held in `lock`; nullopt when there is none. `oldest` finds the oldest time at or after the
// key's progress in `progressColumn` and before `endMs` (its placeholders: key id, progress,
// end). Looked up first without the lock — most keys have nothing to roll on most passes, and
// finding that out takes no write lock — then again inside it: another instance may have
// rolled that bucket meanwhile.
Result<std::optional<qint64>> lockNextBucket(Database &db, std::optional<KeyWriteLock> &lock, qint64 keyId,
                                             const QString &progressColumn, const QString &oldest,
                                             qint64 endMs, qint64 bucketMs)
{
    const auto find = [&]() -> Result<QVariant> {
        auto through = progress(db, keyId, progressColumn);
        if (!through)
            return tl::unexpected(through.error());
        return scalar(db, oldest, {keyId, *through, endMs});
    };
    for (bool locked : {false, true}) {
        if (locked) {
            lock.emplace(db, keyId);
            if (!lock->started())
                return tl::unexpected(lock->started().error());
        }
        auto next = find();
        if (!next)
            return tl::unexpected(next.error());
        if (next->isNull())
            return std::optional<qint64>();
        if (locked)
            return std::optional<qint64>(floorTo(next->toLongLong(), bucketMs));
    }
    return std::optional<qint64>(); // not reached
}

} // namespace

Result<SnapshotRollupRepository::Step> SnapshotRollupRepository::rollNextHour(qint64 keyId, qint64 cutoffMs)
{
    std::optional<KeyWriteLock> lock;
    auto next = lockNextBucket(m_db, lock, keyId, QStringLiteral("hourly_through"),
                               QStringLiteral("SELECT MIN(checked_at) FROM snapshots WHERE key_id = ? AND "
                                              "checked_at >= ? AND checked_at < ?"),
                               floorTo(cutoffMs, kHourMs), kHourMs);
    if (!next)
        return tl::unexpected(next.error());
    if (!*next)
        return Step{};
    const qint64 bucketStart = **next;
    const qint64 bucketEnd = bucketStart + kHourMs;

    std::vector<Reading> readings;
    {
        auto rows = m_db.run(QStringLiteral("SELECT id, latency_ms, ") + QLatin1String(kReadingColumns) +
                                 QStringLiteral(" FROM snapshots WHERE key_id = ? AND checked_at >= ? AND "
                                                "checked_at < ? ORDER BY checked_at, id"),
                             {keyId, bucketStart, bucketEnd});
        if (!rows)
            return tl::unexpected(rows.error());
        while (rows->next()) {
            Reading reading = readingOf(*rows, 2);
            reading.id = rows->value(0).toLongLong();
            reading.latencyMs = rows->value(1).toLongLong();
            readings.push_back(std::move(reading));
        }
    }
    auto previous = previousReading(m_db, keyId, bucketStart);
    if (!previous)
        return tl::unexpected(previous.error());
    std::vector<qint64> alertedMs;
    {
        // An alert is dated with the check that raised it (AlertRules).
        auto alerts =
            m_db.run(QStringLiteral("SELECT created_at FROM alerts WHERE key_id = ? AND created_at >= ? "
                                    "AND created_at < ?"),
                     {keyId, bucketStart, bucketEnd});
        if (!alerts)
            return tl::unexpected(alerts.error());
        while (alerts->next())
            alertedMs.push_back(alerts->value(0).toLongLong());
    }
    auto newest =
        scalar(m_db,
               QStringLiteral("SELECT id FROM snapshots WHERE key_id = ? ORDER BY checked_at DESC, id DESC "
                              "LIMIT 1"),
               {keyId});
    if (!newest)
        return tl::unexpected(newest.error());

    // Runs of consecutive checks that each continue the one before and are neither alerted nor
    // the newest; everything else stays raw and ends the run it interrupts.
    std::vector<Run> runs;
    std::vector<qint64> rolledIds;
    bool inRun = false;
    const Reading *before = *previous ? &**previous : nullptr;
    for (const Reading &reading : readings) {
        const bool keep = !before || !continues(*before, reading) || reading.id == newest->toLongLong() ||
                          std::find(alertedMs.begin(), alertedMs.end(), reading.atMs) != alertedMs.end();
        if (keep) {
            inRun = false;
        } else {
            if (!inRun)
                runs.emplace_back();
            inRun = true;
            runs.back().add(reading);
            rolledIds.push_back(reading.id);
        }
        before = &reading;
    }
    for (const Run &run : runs) {
        if (auto inserted = insertRun(m_db, keyId, run, QStringLiteral("hour"), bucketStart); !inserted)
            return tl::unexpected(inserted.error());
    }
    if (!rolledIds.empty()) {
        auto remove = m_db.prepare(QStringLiteral("DELETE FROM snapshots WHERE id = ?"));
        if (!remove)
            return tl::unexpected(remove.error());
        for (qint64 id : rolledIds) {
            remove->bindValue(0, id);
            if (!remove->exec())
                return tl::unexpected(m_db.queryError(*remove, QStringLiteral("rolling up checks")));
        }
    }
    if (auto saved = setProgress(m_db, keyId, QStringLiteral("hourly_through"), bucketEnd); !saved)
        return tl::unexpected(saved.error());
    if (auto committed = lock->commit(); !committed)
        return tl::unexpected(committed.error());
    return Step{true, qint64(rolledIds.size())};
}

Result<SnapshotRollupRepository::Step> SnapshotRollupRepository::rollNextDay(qint64 keyId, qint64 cutoffMs)
{
    std::optional<KeyWriteLock> lock;
    auto next =
        lockNextBucket(m_db, lock, keyId, QStringLiteral("daily_through"),
                       QStringLiteral("SELECT MIN(first_at) FROM snapshot_rollups WHERE key_id = ? AND "
                                      "first_at >= ? AND first_at < ? AND resolution = 'hour'"),
                       floorTo(cutoffMs, kDayMs), kDayMs);
    if (!next)
        return tl::unexpected(next.error());
    if (!*next)
        return Step{};
    const qint64 dayStart = **next;
    const qint64 dayEnd = dayStart + kDayMs;

    std::vector<qint64> rawMs;
    {
        auto raw =
            m_db.run(QStringLiteral("SELECT checked_at FROM snapshots WHERE key_id = ? AND checked_at >= ? "
                                    "AND checked_at < ? ORDER BY checked_at"),
                     {keyId, dayStart, dayEnd});
        if (!raw)
            return tl::unexpected(raw.error());
        while (raw->next())
            rawMs.push_back(raw->value(0).toLongLong());
    }
    std::vector<Run> merged;
    qint64 hourly = 0;
    {
        // A run's open and close readings, with its own low, spend, latency and count.
        auto rows =
            m_db.run(QStringLiteral("SELECT first_at, last_at, status, kind, unit, open_remaining, "
                                    "low_remaining, close_remaining, spend, open_used, close_used, "
                                    "\"limit\", error, latency_ms, checks FROM snapshot_rollups "
                                    "WHERE key_id = ? AND first_at >= ? AND first_at < ? ORDER BY first_at"),
                     {keyId, dayStart, dayEnd});
        if (!rows)
            return tl::unexpected(rows.error());
        while (rows->next()) {
            ++hourly;
            Reading open;
            open.atMs = rows->value(0).toLongLong();
            open.status = rows->value(2).toString();
            open.kind = rows->value(3).isNull() ? QVariant() : QVariant(rows->value(3).toString());
            open.unit = rows->value(4).toString();
            open.remaining = optionalOf(rows->value(5));
            open.used = optionalOf(rows->value(9));
            open.limit = optionalOf(rows->value(11));
            open.error = rows->value(12).toString();
            Reading close = open;
            close.atMs = rows->value(1).toLongLong();
            close.remaining = optionalOf(rows->value(7));
            close.used = optionalOf(rows->value(10));
            Run run;
            run.first = open;
            run.last = close;
            run.low = optionalOf(rows->value(6));
            run.spend = rows->value(8).toLongLong();
            run.checks = rows->value(14).toLongLong();
            run.latencySum = rows->value(13).toLongLong() * run.checks;

            // Merged with the run before when nothing raw lies between them (a kept check
            // breaks the series there) and this run continues that one.
            const bool rawBetween =
                !merged.empty() && std::any_of(rawMs.begin(), rawMs.end(), [&](qint64 atMs) {
                    return atMs >= merged.back().last.atMs && atMs <= run.first.atMs;
                });
            if (merged.empty() || rawBetween || !continues(merged.back().last, run.first)) {
                merged.push_back(std::move(run));
                continue;
            }
            Run &into = merged.back();
            if (into.last.remaining && run.first.remaining)
                into.spend += *into.last.remaining - *run.first.remaining;
            into.spend += run.spend;
            if (run.low)
                into.low = into.low ? std::min(*into.low, *run.low) : *run.low;
            into.latencySum += run.latencySum;
            into.checks += run.checks;
            into.last = run.last;
        }
    }
    if (auto removed =
            m_db.run(QStringLiteral("DELETE FROM snapshot_rollups WHERE key_id = ? AND first_at >= ? AND "
                                    "first_at < ?"),
                     {keyId, dayStart, dayEnd});
        !removed)
        return tl::unexpected(removed.error());
    for (const Run &run : merged) {
        if (auto inserted = insertRun(m_db, keyId, run, QStringLiteral("day"), dayStart); !inserted)
            return tl::unexpected(inserted.error());
    }
    if (auto saved = setProgress(m_db, keyId, QStringLiteral("daily_through"), dayEnd); !saved)
        return tl::unexpected(saved.error());
    if (auto committed = lock->commit(); !committed)
        return tl::unexpected(committed.error());
    return Step{true, hourly};
}

Result<std::vector<qint64>> SnapshotRollupRepository::keyIds(qint64 afterId, int limit)
{
    auto query = m_db.run(QStringLiteral("SELECT id FROM api_keys WHERE id > ? ORDER BY id LIMIT ?"),
                          {afterId, limit});
    if (!query)
        return tl::unexpected(query.error());
    std::vector<qint64> ids;
    while (query->next())
        ids.push_back(query->value(0).toLongLong());
    return ids;
}

Result<SnapshotStorageStats> SnapshotRollupRepository::stats()
{
    SnapshotStorageStats stats;
    auto raw = scalar(m_db, QStringLiteral("SELECT COUNT(*) FROM snapshots"), {});
    if (!raw)
        return tl::unexpected(raw.error());
    stats.rawChecks = raw->toLongLong();
    {
        auto rolled = m_db.run(QStringLiteral("SELECT resolution, COUNT(*), COALESCE(SUM(checks), 0), "
                                              "MIN(first_at) FROM snapshot_rollups GROUP BY "
                                              "resolution"));
        if (!rolled)
            return tl::unexpected(rolled.error());
        while (rolled->next()) {
            const qint64 runs = rolled->value(1).toLongLong();
            (rolled->value(0).toString() == QLatin1String("day") ? stats.dailyRuns : stats.hourlyRuns) = runs;
            stats.rolledChecks += rolled->value(2).toLongLong();
            const qint64 oldest = rolled->value(3).toLongLong();
            stats.oldestRolledMs = stats.oldestRolledMs ? std::min(*stats.oldestRolledMs, oldest) : oldest;
        }
    }
    // One probe of the (key_id, checked_at) index per key rather than a scan of every check.
    auto oldest =
        scalar(m_db,
               QStringLiteral("SELECT MIN(oldest) FROM (SELECT (SELECT MIN(s.checked_at) FROM snapshots s "
                              "WHERE s.key_id = k.id) AS oldest FROM api_keys k) firsts"),
               {});
    if (!oldest)
        return tl::unexpected(oldest.error());
    stats.oldestRawMs = optionalOf(*oldest);
    return stats;
}

Result<qint64> SnapshotRollupRepository::sizeBytes()
{
    if (m_db.backend() == DatabaseUrl::Backend::Sqlite) {
        auto pages = scalar(m_db, QStringLiteral("PRAGMA page_count"), {});
        if (!pages)
            return tl::unexpected(pages.error());
        auto pageSize = scalar(m_db, QStringLiteral("PRAGMA page_size"), {});
        if (!pageSize)
            return tl::unexpected(pageSize.error());
        return pages->toLongLong() * pageSize->toLongLong();
    }
    auto size = scalar(m_db, QStringLiteral("SELECT pg_database_size(current_database())"), {});
    if (!size)
        return tl::unexpected(size.error());
    return size->toLongLong();
}

Result<void> SnapshotRollupRepository::vacuum()
{
    // Not through run(): VACUUM cannot be a prepared statement on PostgreSQL, nor run inside a
    // transaction on either.
    const QStringList statements =
        m_db.backend() == DatabaseUrl::Backend::Sqlite
            ? QStringList{QStringLiteral("VACUUM"), QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"),
                          QStringLiteral("PRAGMA optimize")}
            : QStringList{QStringLiteral("VACUUM ANALYZE")};
    if (m_db.inTransaction())
        return fail(ErrorCode::Database, QStringLiteral("cannot compact the database inside a transaction"));
    for (const QString &statement : statements) {
        QSqlQuery query(m_db.handle());
        if (!query.exec(statement))
            return tl::unexpected(m_db.queryError(query, QStringLiteral("compacting the database")));
    }
    return {};
}

} // namespace qw
