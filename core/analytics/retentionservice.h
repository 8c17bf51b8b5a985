// How long raw checks are kept and what the history takes on disk: the retention setting, the
// roll-up of old checks into hourly and then daily runs (a few buckets at a time, so the engine
// can run it between checks), the database's figures and compaction. For the command line's
// `db stats` / `db compact`, the Settings dialog and the engine's RetentionRunner.
#pragma once

#include "core/model/snapshotstoragestats.h"
#include "core/result.h"

#include <QDateTime>
#include <chrono>

namespace qw {

class Clock;
class Database;

struct RetentionSettings
{
    static constexpr int kDefaultRawDays = 90;
    static constexpr int kMinRawDays = 1;
    static constexpr int kMaxRawDays = 3650;
    // Hourly runs older than this are merged into daily ones. Fixed: a year of hourly points is
    // what a year's chart needs, and older history is read by the day.
    static constexpr int kHourlyDays = 365;

    int rawDays = kDefaultRawDays;
    int hourlyDays = kHourlyDays;
};

struct DatabaseStats
{
    SnapshotStorageStats rows;
    qint64 sizeBytes = 0;
    RetentionSettings retention;
};

struct RollupProgress
{
    qint64 buckets = 0;      // key-buckets looked at (each its own transaction)
    qint64 checksRolled = 0; // raw checks that became part of an hourly run
    bool finished = false;   // nothing left to roll now
};

class RetentionService final
{
public:
    RetentionService(Database &db, const Clock &clock)
        : m_db(db)
        , m_clock(clock)
    {}

    [[nodiscard]] Result<RetentionSettings> settings();
    // Raw checks are kept `days` days (kMinRawDays to kMaxRawDays); InvalidInput otherwise.
    [[nodiscard]] Result<void> setRawDays(int days);
    // Every figure, counting every row (seconds on tens of millions of checks).
    [[nodiscard]] Result<DatabaseStats> stats();
    // Only what is cheap: the size and the setting (the Settings dialog).
    [[nodiscard]] Result<qint64> sizeBytes();

    // Rolls up what is older than the retention, key by key, one bucket per transaction, until
    // `budget` has passed (a negative budget: until nothing is left). Resumes where the last
    // call stopped; a finished pass starts over from the first key next time.
    [[nodiscard]] Result<RollupProgress> rollUp(std::chrono::milliseconds budget);
    // Rolls everything up now, then gives the free space back (VACUUM / VACUUM ANALYZE).
    [[nodiscard]] Result<RollupProgress> compact();

private:
    Database &m_db;
    const Clock &m_clock;
    qint64 m_afterKey = 0;     // keys up to this id are done in the current pass
    bool m_hourlyDone = false; // the current key's hourly buckets are done; its days are next
};

} // namespace qw
