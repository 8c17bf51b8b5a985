#include "core/storage/seriesreader.h"

#include "core/storage/database.h"

#include <QDateTime>
#include <QSqlDriver>
#include <sqlite3.h>

namespace qw {

namespace {

// The same rows as SnapshotRepository::balanceSeries reads where no rolled run reaches: one range of
// the (key_id, checked_at) index.
constexpr char kSeries[] = "SELECT checked_at, remaining FROM snapshots WHERE key_id = ? AND checked_at >= ? "
                           "AND status = 'ok' AND remaining IS NOT NULL ORDER BY checked_at, id";

} // namespace

SeriesReader::SeriesReader(Database &db)
    : m_snapshots(db)
{}

SeriesReader::~SeriesReader()
{
    if (m_statement)
        sqlite3_finalize(m_statement);
}

Result<std::unique_ptr<SeriesReader>> SeriesReader::prepare(Database &db)
{
    std::unique_ptr<SeriesReader> reader(new SeriesReader(db));
    const QSqlDatabase handle = db.handle();
    // Qt's SQLite driver hands out the connection it uses (QSqlDriver::handle()), which lives in
    // the same system libsqlite3 this library links.
    if (db.backend() == DatabaseUrl::Backend::Sqlite) {
        const QVariant native = handle.driver()->handle();
        if (native.isValid() && qstrcmp(native.typeName(), "sqlite3*") == 0) {
            if (sqlite3 *connection = *static_cast<sqlite3 *const *>(native.data())) {
                if (sqlite3_prepare_v2(connection, kSeries, -1, &reader->m_statement, nullptr) != SQLITE_OK)
                    return fail(ErrorCode::Database, QStringLiteral("Reading the trends failed: %1")
                                                         .arg(QString::fromUtf8(sqlite3_errmsg(connection))));
                return reader;
            }
        }
    }
    // Elsewhere (PostgreSQL) each key is one SnapshotRepository::balanceSeries().
    return reader;
}

Result<void> SeriesReader::read(qint64 keyId, qint64 fromMs, std::vector<BalancePoint> &points)
{
    points.clear();
    if (m_statement && m_snapshots.readsRawOnlyFrom(fromMs)) {
        sqlite3_reset(m_statement);
        sqlite3_bind_int64(m_statement, 1, keyId);
        sqlite3_bind_int64(m_statement, 2, fromMs);
        int step = SQLITE_ROW;
        while ((step = sqlite3_step(m_statement)) == SQLITE_ROW)
            points.push_back({sqlite3_column_int64(m_statement, 0), sqlite3_column_int64(m_statement, 1)});
        if (step != SQLITE_DONE)
            return fail(ErrorCode::Database,
                        QStringLiteral("Reading the trends failed: %1")
                            .arg(QString::fromUtf8(sqlite3_errmsg(sqlite3_db_handle(m_statement)))));
        return {};
    }
    // PostgreSQL, or a range that rolled runs reach: the one reader of raw and rolled history,
    // which reconnects a dropped connection for a read like this one.
    auto series = m_snapshots.balanceSeries(keyId, QDateTime::fromMSecsSinceEpoch(fromMs, Qt::UTC));
    if (!series)
        return tl::unexpected(series.error());
    points = std::move(*series);
    return {};
}

} // namespace qw
