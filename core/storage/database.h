// One open database connection (SQLite or PostgreSQL) for the thread that opened it, with the
// schema migrated. Repositories run their statements through run(), which prepares, binds and
// executes, and on PostgreSQL reconnects when the server dropped the connection. Only reads run
// again after that: a write or a COMMIT whose reply was lost may have taken effect, so it fails
// with a message that says its outcome is unknown rather than being replayed into a duplicate
// (and nothing inside a transaction is replayed: the transaction is gone with the connection).
#pragma once

#include "core/model/databaseprobe.h"
#include "core/model/databaseurl.h"
#include "core/result.h"
#include "core/storage/cachedstatement.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariantList>
#include <memory>
#include <optional>

namespace qw {

class Database final
{
public:
    // Opens (creating a SQLite file and its folder when needed) and migrates. The connection is
    // named `connectionName`, unique per thread. Fails with SchemaTooNew, leaving the database
    // untouched, when it was written by a newer QuotaWatch.
    [[nodiscard]] static Result<std::unique_ptr<Database>> open(const DatabaseUrl &url,
                                                                const QString &connectionName);
    // Connects to `url` and reads what is there, creating and changing nothing: no SQLite file
    // or folder, no table, no migration. For "Test connection" before switching databases.
    [[nodiscard]] static Result<DatabaseProbe> probe(const DatabaseUrl &url, const QString &connectionName);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    [[nodiscard]] DatabaseUrl::Backend backend() const { return m_url.backend; }
    [[nodiscard]] const DatabaseUrl &url() const { return m_url; }
    [[nodiscard]] QSqlDatabase handle() const;

    // Prepares `sql`, binds `values` positionally and executes it.
    // Whether the database can be written now: reconnects a dropped PostgreSQL connection and
    // runs a trivial query; on SQLite it also takes the write lock and writes the file header
    // (PRAGMA user_version, which QuotaWatch does not otherwise use), which fails on a file
    // another process keeps locked or on a full disk.
    [[nodiscard]] Result<void> ping();

    [[nodiscard]] Result<QSqlQuery> run(const QString &sql, const QVariantList &values = {});
    // run() for a statement that runs very often (every check): prepared once per connection and
    // kept (see CachedStatement). Read its rows while the handle lives; it is reset when it goes.
    // `sql` must be one of a fixed set of texts (the cache is keyed on it), never built from data.
    [[nodiscard]] Result<CachedStatement> runCached(const QString &sql, const QVariantList &values = {});
    // Prepares a statement for repeated execution inside a transaction (batch inserts).
    [[nodiscard]] Result<QSqlQuery> prepare(const QString &sql);

    [[nodiscard]] Result<void> beginTransaction();
    [[nodiscard]] Result<void> commit();
    void rollback();
    [[nodiscard]] bool inTransaction() const { return m_inTransaction; }

    // A user-facing message for a failed statement; never includes bound values (they may be
    // secrets or tokens).
    [[nodiscard]] Error queryError(const QSqlQuery &query, const QString &what) const;

private:
    Database(DatabaseUrl url, QString connectionName);
    // Registers the named connection with the URL's parameters, not yet opened.
    static void configure(QSqlDatabase &handle, const DatabaseUrl &url);
    [[nodiscard]] Result<void> connect();
    enum class Link
    {
        Fine,     // the connection works (or is not one that drops: SQLite, inside a transaction)
        Restored, // it had dropped and is connected again
        Down,     // it had dropped and the server cannot be reached now
    };
    [[nodiscard]] Link checkLink();
    [[nodiscard]] Result<void> reopenIfClosed();
    // Binds and executes `query` (prepared when `prepare`); true when it ran.
    [[nodiscard]] static bool execute(QSqlQuery &query, const QString &sql, const QVariantList &values,
                                      bool prepare);
    // The failure of `sql` after its first attempt: whether to run it again (the connection was
    // restored and it is a read), or the error to report.
    [[nodiscard]] std::optional<Error> retryOrError(const QSqlQuery &query, const QString &sql);
    // Prepared statements belong to the connection: dropped before it closes or reconnects.
    void forgetStatements() { m_statements.clear(); }

    DatabaseUrl m_url;
    QString m_connectionName;
    bool m_inTransaction = false;
    QHash<QString, std::shared_ptr<CachedStatement::Slot>> m_statements;
};

// Rolls back unless commit() was called, so an early return cannot leave half-written rows.
class Transaction final
{
public:
    explicit Transaction(Database &db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    [[nodiscard]] const Result<void> &started() const { return m_started; }
    [[nodiscard]] Result<void> commit();

private:
    Database &m_db;
    Result<void> m_started;
    bool m_done = false;
};

} // namespace qw
