#include "core/storage/database.h"

#include "core/secrets/privatefiles.h"
#include "core/storage/migrations.h"

#include <QFileInfo>
#include <QMutex>
#include <QSet>
#include <QSqlDriver>
#include <QSqlError>

namespace qw {

namespace {

QString driverName(DatabaseUrl::Backend backend)
{
    return backend == DatabaseUrl::Backend::Sqlite ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL");
}

QString missingDriverHint(DatabaseUrl::Backend backend)
{
    return backend == DatabaseUrl::Backend::Sqlite
               ? QStringLiteral("the Qt SQLite driver is not installed (Debian/Ubuntu: libqt6sql6-sqlite)")
               : QStringLiteral("the Qt PostgreSQL driver is not installed (Debian/Ubuntu: libqt6sql6-psql)");
}

// Makes the database's folder (0700) and file (0600) when they do not exist yet, before SQLite
// opens the file: SQLite itself would create it 0644, and its -wal and -shm files copy the
// database file's mode. Files an older QuotaWatch (or a copy) left readable by others are
// tightened; when that is impossible (a file of another account, a file system without modes)
// the database still opens, with a warning, rather than locking the user out of their data.
Result<void> prepareSqliteFile(const QString &path)
{
    if (auto folder = PrivateFiles::makeFolder(QFileInfo(path).absolutePath()); !folder)
        return fail(ErrorCode::Database, folder.error().message);
    if (auto created = PrivateFiles::createFile(path); !created)
        return fail(ErrorCode::Database, created.error().message);
    // The journal only exists when a crash interrupted a write before WAL mode was on.
    for (const QString &suffix :
         {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")}) {
        if (auto restricted = PrivateFiles::restrictToOwner(path + suffix); !restricted)
            qWarning("%s", qPrintable(restricted.error().message));
    }
    return {};
}

// Said once per process and server, not at every reconnect.
void logSslDefaultOnce(const DatabaseUrl &url)
{
    static QMutex mutex;
    static QSet<QString> told;
    const QMutexLocker lock(&mutex);
    if (told.contains(url.host))
        return;
    told.insert(url.host);
    qInfo("quotawatch: PostgreSQL at %s is not on this machine: connecting with sslmode=verify-full "
          "(encrypted, the server's certificate and name checked against ~/.postgresql/root.crt); "
          "add ?sslmode=... to the URL to choose otherwise",
          qPrintable(url.host));
}

// Statements that change nothing, so running one again after a dropped connection cannot write
// anything twice. A write whose connection dropped may have committed before the reply was
// lost: it is reported, never replayed.
bool isReplaySafe(const QString &sql)
{
    const QString head = sql.trimmed().left(8).toUpper();
    return head.startsWith(QLatin1String("SELECT")) || head.startsWith(QLatin1String("SET ")) ||
           head.startsWith(QLatin1String("SHOW "));
}

// Failures that say the database answers but cannot take writes now, rather than that the
// statement was wrong: PostgreSQL's "insufficient resources" class (disk full, out of memory,
// too many connections) and a read-only server (a standby after a failover); SQLite's full disk
// or file, out of memory and I/O errors. A ping cannot tell these apart from a working
// database, so DatabaseHealth takes them as an outage (ErrorCode::DatabaseUnavailable).
bool refusesWrites(const QSqlError &error, DatabaseUrl::Backend backend)
{
    const QString code = error.nativeErrorCode();
    if (backend == DatabaseUrl::Backend::Postgres)
        return code.startsWith(QLatin1String("53")) || code == QLatin1String("25006");
    bool isNumber = false;
    const int primary =
        code.toInt(&isNumber) & 0xff; // an extended result code keeps the primary in its low byte
    constexpr int kNoMemory = 7, kIoError = 10, kFull = 13;
    return isNumber && (primary == kNoMemory || primary == kIoError || primary == kFull);
}

const QString kOutcomeUnknown =
    QStringLiteral("the connection to the database was lost while %1; the change may or may not have been "
                   "saved, and it was not sent again so as not to save it twice");

} // namespace

Database::Database(DatabaseUrl url, QString connectionName)
    : m_url(std::move(url))
    , m_connectionName(std::move(connectionName))
{}

Database::~Database()
{
    forgetStatements();
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen()) {
            if (m_inTransaction)
                db.rollback();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

Result<std::unique_ptr<Database>> Database::open(const DatabaseUrl &url, const QString &connectionName)
{
    if (!QSqlDatabase::isDriverAvailable(driverName(url.backend)))
        return fail(ErrorCode::Database, missingDriverHint(url.backend));

    std::unique_ptr<Database> db(new Database(url, connectionName));
    QSqlDatabase handle = QSqlDatabase::addDatabase(driverName(url.backend), connectionName);
    if (url.backend == DatabaseUrl::Backend::Sqlite) {
        if (auto prepared = prepareSqliteFile(url.path); !prepared)
            return tl::unexpected(prepared.error());
    }
    configure(handle, url);

    if (auto connected = db->connect(); !connected)
        return tl::unexpected(connected.error());
    if (auto migrated = Migrations::apply(*db); !migrated)
        return tl::unexpected(migrated.error());
    return db;
}

void Database::configure(QSqlDatabase &handle, const DatabaseUrl &url)
{
    if (url.backend == DatabaseUrl::Backend::Sqlite) {
        handle.setDatabaseName(url.path);
        // Another QuotaWatch process (the tray app and `serve`, say) may hold a write lock briefly.
        handle.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        return;
    }
    handle.setHostName(url.host);
    handle.setPort(url.port);
    handle.setUserName(url.user);
    handle.setPassword(url.password);
    handle.setDatabaseName(url.databaseName);
    QString options = url.effectiveConnectOptions();
    if (options != url.connectOptions)
        logSslDefaultOnce(url);
    if (!options.contains(QLatin1String("connect_timeout")))
        options +=
            (options.isEmpty() ? QString() : QStringLiteral(";")) + QStringLiteral("connect_timeout=5");
    handle.setConnectOptions(options);
}

Result<DatabaseProbe> Database::probe(const DatabaseUrl &url, const QString &connectionName)
{
    if (!QSqlDatabase::isDriverAvailable(driverName(url.backend)))
        return fail(ErrorCode::Database, missingDriverHint(url.backend));
    DatabaseProbe found;
    found.latestVersion = Migrations::latestVersion();
    if (url.backend == DatabaseUrl::Backend::Sqlite && !QFileInfo(url.path).isFile()) {
        if (QFileInfo::exists(url.path))
            return fail(ErrorCode::Database, QStringLiteral("%1 is not a file").arg(url.path));
        return found; // made on first use; nothing is created here
    }
    // A Database of its own (removed with it), never migrated.
    std::unique_ptr<Database> db(new Database(url, connectionName));
    QSqlDatabase handle = QSqlDatabase::addDatabase(driverName(url.backend), connectionName);
    configure(handle, url);
    if (url.backend == DatabaseUrl::Backend::Sqlite)
        handle.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
    if (!handle.open()) {
        const QString detail = handle.lastError().text().simplified();
        if (url.backend == DatabaseUrl::Backend::Sqlite)
            return fail(ErrorCode::Database,
                        QStringLiteral("cannot open the database %1: %2").arg(url.path, detail));
        return fail(ErrorCode::Database,
                    QStringLiteral("cannot connect to PostgreSQL at %1: %2").arg(url.redacted(), detail));
    }
    // Reading the catalogue also tells whether a SQLite file is a database at all.
    auto tables = db->run(url.backend == DatabaseUrl::Backend::Sqlite
                              ? QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table'")
                              : QStringLiteral("SELECT table_name FROM information_schema.tables "
                                               "WHERE table_schema = current_schema()"));
    if (!tables) {
        if (url.backend == DatabaseUrl::Backend::Sqlite)
            return fail(ErrorCode::Database, QStringLiteral("%1 is not a usable QuotaWatch database: %2")
                                                 .arg(url.path, tables.error().message));
        return tl::unexpected(tables.error());
    }
    bool hasVersionTable = false;
    bool hasOthers = false;
    while (tables->next()) {
        if (tables->value(0).toString() == QLatin1String("schema_version"))
            hasVersionTable = true;
        else
            hasOthers = true;
    }
    if (!hasVersionTable) {
        found.holdsOtherTables = hasOthers;
        return found;
    }
    auto version = db->run(QStringLiteral("SELECT MAX(version) FROM schema_version"));
    if (!version)
        return tl::unexpected(version.error());
    found.initialized = true;
    found.schemaVersion = version->next() ? version->value(0).toInt() : 0;
    return found;
}

Result<void> Database::ping()
{
    if (checkLink() == Link::Down)
        return fail(ErrorCode::Database,
                    QStringLiteral("cannot connect to PostgreSQL at %1").arg(m_url.redacted()));
    if (auto answered = run(QStringLiteral("SELECT 1")); !answered)
        return tl::unexpected(answered.error());
    if (m_url.backend != DatabaseUrl::Backend::Sqlite || m_inTransaction)
        return {};
    auto version = run(QStringLiteral("PRAGMA user_version"));
    if (!version)
        return tl::unexpected(version.error());
    const int current = version->next() ? version->value(0).toInt() : 0;
    version->finish();
    // Writing the header needs the write lock and room for a WAL frame.
    if (auto written = run(QStringLiteral("PRAGMA user_version = %1").arg(current)); !written)
        return tl::unexpected(written.error());
    return {};
}

Result<void> Database::connect()
{
    QSqlDatabase db = handle();
    if (!db.open()) {
        const QString detail = db.lastError().text();
        if (m_url.backend == DatabaseUrl::Backend::Sqlite)
            return fail(ErrorCode::Database,
                        QStringLiteral("cannot open the database %1: %2").arg(m_url.path, detail));
        return fail(ErrorCode::Database,
                    QStringLiteral("cannot connect to PostgreSQL at %1: %2. Check that the server is running "
                                   "and the URL is right.")
                        .arg(m_url.redacted(), detail.simplified()));
    }
    if (m_url.backend == DatabaseUrl::Backend::Sqlite) {
        // WAL lets the UI read while a check writes; NORMAL is durable enough with WAL and much
        // faster; foreign keys are off by default in SQLite; secure_delete overwrites what a
        // DELETE frees, so a removed key's encrypted secret does not linger in free space of the
        // file (a per-connection setting, off in SQLite's own default build, which is what Qt
        // bundles; some distributions, Debian among them, build it on); a 16 MiB page cache
        // instead of SQLite's 2 MiB holds what a round of 10,000 keys reads again each round
        // (their rows and rule states), which otherwise came back from the OS, three reads a
        // check. The first statement also tells us whether the file is a database at all.
        for (const auto *pragma :
             {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON",
              "PRAGMA secure_delete=ON", "PRAGMA cache_size=-16384"}) {
            QSqlQuery query(db);
            if (!query.exec(QLatin1String(pragma))) {
                const QString detail = query.lastError().text();
                db.close();
                return fail(
                    ErrorCode::Database,
                    QStringLiteral("%1 is not a usable QuotaWatch database: %2").arg(m_url.path, detail));
            }
        }
    } else {
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("SET TIME ZONE 'UTC'")))
            return tl::unexpected(queryError(query, QStringLiteral("setting up the connection")));
    }
    return {};
}

QSqlDatabase Database::handle() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

Database::Link Database::checkLink()
{
    if (m_url.backend != DatabaseUrl::Backend::Postgres || m_inTransaction)
        return Link::Fine;
    QSqlDatabase db = handle();
    if (db.isOpen()) {
        QSqlQuery probe(db);
        if (probe.exec(QStringLiteral("SELECT 1")))
            return Link::Fine; // the connection is fine: the statement itself failed
    }
    forgetStatements();
    db.close();
    return connect() ? Link::Restored : Link::Down;
}

Result<void> Database::reopenIfClosed()
{
    // A connection that could not be re-established stays closed: try again before the
    // statement, rather than running it on a closed handle.
    if (m_url.backend != DatabaseUrl::Backend::Postgres || handle().isOpen())
        return {};
    return connect();
}

bool Database::execute(QSqlQuery &query, const QString &sql, const QVariantList &values, bool prepare)
{
    if (values.isEmpty() && prepare) {
        // PostgreSQL cannot PREPARE DDL; a statement without parameters needs no preparing.
        return query.exec(sql);
    }
    if (prepare && !query.prepare(sql))
        return false;
    for (qsizetype i = 0; i < values.size(); ++i)
        query.bindValue(int(i), values[i]);
    return query.exec();
}

std::optional<Error> Database::retryOrError(const QSqlQuery &query, const QString &sql)
{
    // A server restart drops the connection: reconnect, and run a read once more. A write
    // may have committed before the reply was lost, so it is reported as such instead.
    const Link link = checkLink();
    if (link == Link::Restored && isReplaySafe(sql))
        return std::nullopt;
    if (link != Link::Fine && !isReplaySafe(sql))
        return Error{ErrorCode::Database, kOutcomeUnknown.arg(QStringLiteral("writing"))};
    return queryError(query, QStringLiteral("running a query"));
}

Result<QSqlQuery> Database::run(const QString &sql, const QVariantList &values)
{
    if (auto reopened = reopenIfClosed(); !reopened)
        return tl::unexpected(reopened.error());
    for (int attempt = 0;; ++attempt) {
        QSqlQuery query(handle());
        // Results are read once, front to back; without this QSqlQuery keeps every row it saw.
        query.setForwardOnly(true);
        if (execute(query, sql, values, true))
            return query;
        if (attempt == 0) {
            if (auto error = retryOrError(query, sql))
                return tl::unexpected(*error);
            continue;
        }
        return tl::unexpected(queryError(query, QStringLiteral("running a query")));
    }
}

Result<CachedStatement> Database::runCached(const QString &sql, const QVariantList &values)
{
    if (auto reopened = reopenIfClosed(); !reopened)
        return tl::unexpected(reopened.error());
    for (int attempt = 0;; ++attempt) {
        std::shared_ptr<CachedStatement::Slot> &slot = m_statements[sql];
        if (slot && slot->inUse) {
            // The same statement while its rows are still being read: a one-off beside it.
            auto ran = run(sql, values);
            if (!ran)
                return tl::unexpected(ran.error());
            return CachedStatement(std::move(*ran));
        }
        if (!slot) {
            // A fixed set of texts: a bound only against a caller that builds them from data.
            constexpr qsizetype kMaxStatements = 128;
            if (m_statements.size() > kMaxStatements) {
                m_statements.clear();
                return runCached(sql, values);
            }
            slot = std::make_shared<CachedStatement::Slot>();
            slot->query = QSqlQuery(handle());
            slot->query.setForwardOnly(true);
            if (!slot->query.prepare(sql)) {
                const Error error = queryError(slot->query, QStringLiteral("preparing a statement"));
                m_statements.remove(sql);
                return tl::unexpected(error);
            }
        }
        std::shared_ptr<CachedStatement::Slot> kept = slot;
        if (execute(kept->query, sql, values, false))
            return CachedStatement(std::move(kept));
        // A failed statement is prepared again next time (the server may have dropped it with
        // the connection, or the schema under it changed).
        m_statements.remove(sql);
        if (attempt == 0) {
            if (auto error = retryOrError(kept->query, sql))
                return tl::unexpected(*error);
            continue;
        }
        return tl::unexpected(queryError(kept->query, QStringLiteral("running a query")));
    }
}

Result<QSqlQuery> Database::prepare(const QString &sql)
{
    if (auto reopened = reopenIfClosed(); !reopened)
        return tl::unexpected(reopened.error());
    QSqlQuery query(handle());
    if (!query.prepare(sql))
        return tl::unexpected(queryError(query, QStringLiteral("preparing a statement")));
    return query;
}

Result<void> Database::beginTransaction()
{
    if (auto reopened = reopenIfClosed(); !reopened)
        return reopened;
    QSqlDatabase db = handle();
    if (!db.transaction()) {
        if (checkLink() != Link::Restored || !handle().transaction())
            return fail(ErrorCode::Database,
                        QStringLiteral("cannot start a transaction: %1").arg(handle().lastError().text()));
    }
    m_inTransaction = true;
    return {};
}

Result<void> Database::commit()
{
    QSqlDatabase db = handle();
    const bool ok = db.commit();
    if (!ok) {
        const QString detail = db.lastError().text();
        const bool refused = refusesWrites(db.lastError(), m_url.backend);
        db.rollback();
        m_inTransaction = false;
        // A COMMIT whose reply was lost may have taken effect; the caller must not retry it.
        if (checkLink() != Link::Fine)
            return fail(ErrorCode::Database, kOutcomeUnknown.arg(QStringLiteral("committing")));
        return fail(refused ? ErrorCode::DatabaseUnavailable : ErrorCode::Database,
                    QStringLiteral("cannot commit a transaction: %1").arg(detail));
    }
    m_inTransaction = false;
    return {};
}

void Database::rollback()
{
    if (!m_inTransaction)
        return;
    handle().rollback();
    m_inTransaction = false;
}

Error Database::queryError(const QSqlQuery &query, const QString &what) const
{
    // Only the driver's text: the bound values may be tokens and must not reach a message.
    return Error{
        refusesWrites(query.lastError(), m_url.backend) ? ErrorCode::DatabaseUnavailable
                                                        : ErrorCode::Database,
        QStringLiteral("database error while %1: %2").arg(what, query.lastError().text().simplified())};
}

Transaction::Transaction(Database &db)
    : m_db(db)
    , m_started(db.beginTransaction())
{}

Transaction::~Transaction()
{
    if (m_started && !m_done)
        m_db.rollback();
}

Result<void> Transaction::commit()
{
    if (!m_started)
        return m_started;
    m_done = true;
    return m_db.commit();
}

} // namespace qw
