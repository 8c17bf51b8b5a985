// Reads the balance series of many keys one after another, for the key table's 7-day trends: on
// SQLite with one statement prepared once, straight through the sqlite3 handle, so that the
// millions of values of 10,000 keys' week never become a QVariant each; elsewhere, and for a range
// that rolled runs reach, through SnapshotRepository::balanceSeries().
#pragma once

#include "core/model/balancepoint.h"
#include "core/result.h"
#include "core/storage/snapshotrepository.h"

#include <memory>
#include <vector>

struct sqlite3_stmt;

namespace qw {

class Database;

class SeriesReader final
{
public:
    // Prepares the statement on `db`, which must outlive the reader and stay on this thread.
    [[nodiscard]] static Result<std::unique_ptr<SeriesReader>> prepare(Database &db);
    ~SeriesReader();
    SeriesReader(const SeriesReader &) = delete;
    SeriesReader &operator=(const SeriesReader &) = delete;

    // The successful readings of `keyId` at `fromMs` or later, oldest first, into `points`
    // (cleared first, its capacity kept for the next key).
    [[nodiscard]] Result<void> read(qint64 keyId, qint64 fromMs, std::vector<BalancePoint> &points);

private:
    explicit SeriesReader(Database &db);

    SnapshotRepository m_snapshots;
    sqlite3_stmt *m_statement = nullptr; // SQLite; else SnapshotRepository per key
};

} // namespace qw
