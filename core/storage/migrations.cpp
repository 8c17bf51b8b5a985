#include "core/storage/migrations.h"

#include "core/storage/database.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QStringList>

namespace qw {

namespace {

// Each migration is a list of statements written once for both databases. Placeholders stand
// for the few places the dialects differ:
//   {serial}  auto-increment primary key that never reuses a deleted id
//   {rowid}   plain auto-increment primary key (cheapest on SQLite: the rowid)
//   {bool} {true} {false}
// Times are BIGINT milliseconds since the Unix epoch (UTC); amounts are BIGINT micro-units.
// "limit" is quoted: it is a reserved word in both.
struct Migration
{
    int version;
    QStringList statements;
    QStringList postgresOnly = {}; // after `statements`, on PostgreSQL only
};

const std::vector<Migration> &migrations()
{
    static const std::vector<Migration> list{
        {1,
         {
             QStringLiteral("CREATE TABLE users ("
                            " id {serial},"
                            " username TEXT NOT NULL UNIQUE,"
                            " password_hash TEXT,"
                            " is_admin {bool} NOT NULL DEFAULT {false},"
                            " created_at BIGINT NOT NULL)"),
             QStringLiteral("CREATE TABLE api_keys ("
                            " id {serial},"
                            " user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                            " name TEXT NOT NULL,"
                            " platform TEXT NOT NULL,"
                            " base_url TEXT,"
                            " secret_enc TEXT NOT NULL,"
                            " secret_hint TEXT NOT NULL,"
                            " options_json TEXT NOT NULL DEFAULT '{}',"
                            " threshold BIGINT,"
                            " interval_s INTEGER NOT NULL,"
                            " enabled {bool} NOT NULL DEFAULT {true},"
                            " created_at BIGINT NOT NULL,"
                            " updated_at BIGINT NOT NULL,"
                            " next_check_at BIGINT,"
                            " lease_owner TEXT,"
                            " lease_until BIGINT)"),
             QStringLiteral("CREATE INDEX api_keys_user_idx ON api_keys (user_id)"),
             QStringLiteral("CREATE TABLE snapshots ("
                            " id {rowid},"
                            " key_id BIGINT NOT NULL REFERENCES api_keys(id) ON DELETE CASCADE,"
                            " checked_at BIGINT NOT NULL,"
                            " status TEXT NOT NULL,"
                            " kind TEXT,"
                            " remaining BIGINT,"
                            " used BIGINT,"
                            " \"limit\" BIGINT,"
                            " unit TEXT NOT NULL DEFAULT '',"
                            " balances_json TEXT NOT NULL DEFAULT '[]',"
                            " error TEXT,"
                            " latency_ms INTEGER NOT NULL DEFAULT 0)"),
             QStringLiteral("CREATE INDEX snapshots_key_time_idx ON snapshots (key_id, checked_at)"),
             QStringLiteral("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
         }},
        {2,
         {
             // When a quota refills (ElevenLabs, Zhipu, monthly budgets), as the provider says.
             QStringLiteral("ALTER TABLE snapshots ADD COLUMN resets_at BIGINT"),
         }},
        {3,
         {
             // A threshold may be a percentage of the limit the provider reports.
             QStringLiteral(
                 "ALTER TABLE api_keys ADD COLUMN threshold_percent {bool} NOT NULL DEFAULT {false}"),
             // Where alerts go. Secrets (SMTP password, webhook URL, tokens) only in config_enc, a
             // Fernet token under the master key; config_json holds what a list may show.
             QStringLiteral("CREATE TABLE channels ("
                            " id {serial},"
                            " user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                            " kind TEXT NOT NULL,"
                            " name TEXT NOT NULL,"
                            " config_json TEXT NOT NULL DEFAULT '{}',"
                            " config_enc TEXT NOT NULL,"
                            " enabled {bool} NOT NULL DEFAULT {true},"
                            " created_at BIGINT NOT NULL)"),
             QStringLiteral("CREATE TABLE alerts ("
                            " id {serial},"
                            " key_id BIGINT NOT NULL REFERENCES api_keys(id) ON DELETE CASCADE,"
                            " kind TEXT NOT NULL,"
                            " state TEXT NOT NULL DEFAULT 'open',"
                            " created_at BIGINT NOT NULL,"
                            " remaining BIGINT,"
                            " unit TEXT,"
                            " threshold BIGINT,"
                            " threshold_percent {bool} NOT NULL DEFAULT {false},"
                            " days_left DOUBLE PRECISION,"
                            " title TEXT NOT NULL,"
                            " message TEXT NOT NULL)"),
             QStringLiteral("CREATE INDEX alerts_key_time_idx ON alerts (key_id, created_at)"),
             // One row per alert and channel: the unit of at-least-once delivery. A row being sent
             // is leased, so a process that died mid-send hands it on when the lease runs out.
             QStringLiteral("CREATE TABLE outbox ("
                            " id {serial},"
                            " alert_id BIGINT NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,"
                            " channel_id BIGINT NOT NULL REFERENCES channels(id) ON DELETE CASCADE,"
                            " status TEXT NOT NULL DEFAULT 'pending',"
                            " attempts INTEGER NOT NULL DEFAULT 0,"
                            " next_attempt_at BIGINT NOT NULL,"
                            " lease_owner TEXT,"
                            " lease_until BIGINT,"
                            " last_error TEXT,"
                            " sent_at BIGINT,"
                            " UNIQUE (alert_id, channel_id))"),
             QStringLiteral("CREATE INDEX outbox_due_idx ON outbox (status, next_attempt_at)"),
             // What the alert rules remember about a key between checks (armed, failing since...).
             QStringLiteral("CREATE TABLE alert_state ("
                            " key_id BIGINT PRIMARY KEY REFERENCES api_keys(id) ON DELETE CASCADE,"
                            " state_json TEXT NOT NULL)"),
         }},
        {4,
         {
             // Free labels to group keys by (team, product, environment): comma-separated.
             QStringLiteral("ALTER TABLE api_keys ADD COLUMN tags TEXT NOT NULL DEFAULT ''"),
         }},
        {5,
         {},
         {
             // Every write announces itself to the other processes on the database
             // (DatabaseChangeFeed): "key:<id>" for a key added, edited or removed, "check:<key id>"
             // for a stored check, "settings". The scheduler's own bookkeeping (next check, lease)
             // is no change anyone needs to hear of. SQLite has PRAGMA data_version instead.
             QStringLiteral(
                 "CREATE FUNCTION quotawatch_notify_key() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                 "BEGIN\n"
                 "    IF TG_OP = 'DELETE' THEN\n"
                 "        PERFORM pg_notify('quotawatch_changes', 'key:' || OLD.id);\n"
                 "    ELSIF TG_OP = 'INSERT' THEN\n"
                 "        PERFORM pg_notify('quotawatch_changes', 'key:' || NEW.id);\n"
                 "    ELSIF to_jsonb(NEW) - ARRAY['next_check_at', 'lease_owner', 'lease_until']\n"
                 "          IS DISTINCT FROM\n"
                 "          to_jsonb(OLD) - ARRAY['next_check_at', 'lease_owner', 'lease_until'] THEN\n"
                 "        PERFORM pg_notify('quotawatch_changes', 'key:' || NEW.id);\n"
                 "    END IF;\n"
                 "    RETURN NULL;\n"
                 "END\n"
                 "$$"),
             QStringLiteral("CREATE TRIGGER api_keys_notify AFTER INSERT OR UPDATE OR DELETE ON api_keys"
                            " FOR EACH ROW EXECUTE FUNCTION quotawatch_notify_key()"),
             QStringLiteral(
                 "CREATE FUNCTION quotawatch_notify_check() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                 "BEGIN\n"
                 "    PERFORM pg_notify('quotawatch_changes', 'check:' || NEW.key_id);\n"
                 "    RETURN NULL;\n"
                 "END\n"
                 "$$"),
             QStringLiteral("CREATE TRIGGER snapshots_notify AFTER INSERT ON snapshots"
                            " FOR EACH ROW EXECUTE FUNCTION quotawatch_notify_check()"),
             QStringLiteral(
                 "CREATE FUNCTION quotawatch_notify_settings() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                 "BEGIN\n"
                 "    PERFORM pg_notify('quotawatch_changes', 'settings');\n"
                 "    RETURN NULL;\n"
                 "END\n"
                 "$$"),
             QStringLiteral("CREATE TRIGGER settings_notify AFTER INSERT OR UPDATE OR DELETE ON settings"
                            " FOR EACH STATEMENT EXECUTE FUNCTION quotawatch_notify_settings()"),
         }},
        {6,
         {
             // Personal access tokens for scripts and Prometheus. Only the SHA-256 of a token is
             // kept: tokens are 32 random bytes, so a fast hash is enough and the lookup is by it.
             QStringLiteral("CREATE TABLE access_tokens ("
                            " id {serial},"
                            " user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                            " name TEXT NOT NULL,"
                            " token_hash TEXT NOT NULL UNIQUE,"
                            " created_at BIGINT NOT NULL,"
                            " last_used_at BIGINT,"
                            " revoked {bool} NOT NULL DEFAULT {false})"),
             QStringLiteral("CREATE INDEX access_tokens_user_idx ON access_tokens (user_id)"),
         }},
        {7,
         {
             // The HMAC that ties each sealed secret to its destination (DestinationBinding):
             // NULL in rows written before, which BindingMigration binds once after unlocking.
             QStringLiteral("ALTER TABLE api_keys ADD COLUMN binding TEXT"),
             QStringLiteral("ALTER TABLE channels ADD COLUMN binding TEXT"),
             // Option values that are secrets (the custom platform's request headers), as a Fernet
             // token of a JSON object under the master key; '' when the key has none.
             QStringLiteral("ALTER TABLE api_keys ADD COLUMN secret_options_enc TEXT NOT NULL DEFAULT ''"),
         }},
        {8,
         {
             // The reading's windows and pots beside its headline (ReadingDetail) as a JSON array;
             // NULL when a check had none, so old rows and single-number readings cost nothing.
             QStringLiteral("ALTER TABLE snapshots ADD COLUMN details_json TEXT"),
         }},
        {9,
         {
             // Team mode: which instance stored a key's last check (KeyLeaseRepository). The lease
             // itself (lease_owner, lease_until) has been in api_keys since migration 1.
             QStringLiteral("ALTER TABLE api_keys ADD COLUMN last_checked_by TEXT"),
         },
         {
             // Like the lease, who checked last is the schedulers' bookkeeping: written after every
             // check, it must not announce a key change (every instance would re-read its keys).
             QStringLiteral(
                 "CREATE OR REPLACE FUNCTION quotawatch_notify_key() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                 "BEGIN\n"
                 "    IF TG_OP = 'DELETE' THEN\n"
                 "        PERFORM pg_notify('quotawatch_changes', 'key:' || OLD.id);\n"
                 "    ELSIF TG_OP = 'INSERT' THEN\n"
                 "        PERFORM pg_notify('quotawatch_changes', 'key:' || NEW.id);\n"
                 "    ELSIF to_jsonb(NEW) - ARRAY['next_check_at', 'lease_owner', 'lease_until', "
                 "'last_checked_by']\n"
                 "          IS DISTINCT FROM\n"
                 "          to_jsonb(OLD) - ARRAY['next_check_at', 'lease_owner', 'lease_until', "
                 "'last_checked_by'] THEN\n"
                 "        PERFORM pg_notify('quotawatch_changes', 'key:' || NEW.id);\n"
                 "    END IF;\n"
                 "    RETURN NULL;\n"
                 "END\n"
                 "$$"),
         }},
        {10,
         {
             // Retention (RetentionService): raw checks older than the retention are rolled into
             // runs, one row per run of consecutive checks of one key with one status, kind, unit
             // and limit in which the remaining amount never rises (a rise, a status change, an
             // alerted check and the key's newest check stay raw). A run is its first reading
             // (open) at first_at and its last (close) at last_at; within a run the balance only
             // falls, so open - close is what was spent and low is close. Amounts in micro-units
             // like snapshots. resolution is 'hour' (runs within one UTC hour) or 'day' (hourly
             // runs older than a year merged within one UTC day).
             QStringLiteral("CREATE TABLE snapshot_rollups ("
                            " key_id BIGINT NOT NULL REFERENCES api_keys(id) ON DELETE CASCADE,"
                            " first_at BIGINT NOT NULL,"
                            " last_at BIGINT NOT NULL,"
                            " resolution TEXT NOT NULL,"
                            " bucket_start BIGINT NOT NULL,"
                            " status TEXT NOT NULL,"
                            " kind TEXT,"
                            " unit TEXT NOT NULL DEFAULT '',"
                            " open_remaining BIGINT,"
                            " low_remaining BIGINT,"
                            " close_remaining BIGINT,"
                            " spend BIGINT NOT NULL DEFAULT 0,"
                            " open_used BIGINT,"
                            " close_used BIGINT,"
                            " \"limit\" BIGINT,"
                            " error TEXT,"
                            " latency_ms INTEGER NOT NULL DEFAULT 0,"
                            " checks INTEGER NOT NULL)"),
             QStringLiteral(
                 "CREATE INDEX snapshot_rollups_key_time_idx ON snapshot_rollups (key_id, first_at)"),
             // How far each key has been rolled: buckets before these times are done, so a pass
             // does not re-read the raw checks that were kept (top-ups, status changes, alerts).
             QStringLiteral("CREATE TABLE rollup_progress ("
                            " key_id BIGINT PRIMARY KEY REFERENCES api_keys(id) ON DELETE CASCADE,"
                            " hourly_through BIGINT NOT NULL DEFAULT 0,"
                            " daily_through BIGINT NOT NULL DEFAULT 0)"),
             // Readers ask how far any key has been rolled (MAX, one index probe) to read the raw
             // checks alone for ranges after it: every check's alert evaluation does.
             QStringLiteral("CREATE INDEX rollup_progress_hourly_idx ON rollup_progress (hourly_through)"),
             // Raw checks are kept 90 days by default (editable in Settings); hourly runs a year.
             QStringLiteral("INSERT INTO settings (key, value) VALUES ('retention.raw_days', '90')"),
         }},
    };
    return list;
}

QString forDialect(QString sql, DatabaseUrl::Backend backend)
{
    const bool sqlite = backend == DatabaseUrl::Backend::Sqlite;
    sql.replace(QLatin1String("{serial}"), sqlite ? QLatin1String("INTEGER PRIMARY KEY AUTOINCREMENT")
                                                  : QLatin1String("BIGSERIAL PRIMARY KEY"));
    sql.replace(QLatin1String("{rowid}"),
                sqlite ? QLatin1String("INTEGER PRIMARY KEY") : QLatin1String("BIGSERIAL PRIMARY KEY"));
    sql.replace(QLatin1String("{bool}"), sqlite ? QLatin1String("INTEGER") : QLatin1String("BOOLEAN"));
    sql.replace(QLatin1String("{true}"), sqlite ? QLatin1String("1") : QLatin1String("TRUE"));
    sql.replace(QLatin1String("{false}"), sqlite ? QLatin1String("0") : QLatin1String("FALSE"));
    return sql;
}

bool hasVersionTable(Database &db)
{
    return db.handle().tables().contains(QStringLiteral("schema_version"));
}

Error tooNew(int found)
{
    return Error{
        ErrorCode::SchemaTooNew,
        QStringLiteral("this database was written by a newer QuotaWatch (schema version %1; this program "
                       "knows up to %2). Install the newer QuotaWatch; the database was left untouched.")
            .arg(found)
            .arg(Migrations::latestVersion())};
}

// Serialises migrations between processes that open the same database at once: a write lock on
// SQLite, a transaction-scoped advisory lock on PostgreSQL.
Result<void> beginExclusive(Database &db)
{
    if (db.backend() == DatabaseUrl::Backend::Sqlite) {
        if (auto begun = db.run(QStringLiteral("BEGIN IMMEDIATE")); !begun)
            return tl::unexpected(begun.error());
        return {};
    }
    if (auto begun = db.beginTransaction(); !begun)
        return begun;
    if (auto locked = db.run(QStringLiteral("SELECT pg_advisory_xact_lock(7274829)")); !locked) {
        db.rollback();
        return tl::unexpected(locked.error());
    }
    return {};
}

Result<void> endExclusive(Database &db, bool commit)
{
    if (db.backend() == DatabaseUrl::Backend::Sqlite) {
        auto done = db.run(commit ? QStringLiteral("COMMIT") : QStringLiteral("ROLLBACK"));
        if (!done)
            return tl::unexpected(done.error());
        return {};
    }
    if (commit)
        return db.commit();
    db.rollback();
    return {};
}

} // namespace

int Migrations::latestVersion()
{
    return migrations().back().version;
}

Result<int> Migrations::currentVersion(Database &db)
{
    if (!hasVersionTable(db))
        return 0;
    auto query = db.run(QStringLiteral("SELECT MAX(version) FROM schema_version"));
    if (!query)
        return tl::unexpected(query.error());
    return query->next() ? query->value(0).toInt() : 0;
}

Result<void> Migrations::apply(Database &db)
{
    // Check before taking any lock or writing anything, so a newer database stays untouched.
    auto before = currentVersion(db);
    if (!before)
        return tl::unexpected(before.error());
    if (*before > latestVersion())
        return tl::unexpected(tooNew(*before));
    if (*before == latestVersion())
        return {};

    if (auto begun = beginExclusive(db); !begun)
        return begun;
    auto step = [&]() -> Result<void> {
        if (!hasVersionTable(db)) {
            auto created = db.run(QStringLiteral("CREATE TABLE schema_version ("
                                                 " version INTEGER NOT NULL PRIMARY KEY,"
                                                 " applied_at BIGINT NOT NULL)"));
            if (!created)
                return tl::unexpected(created.error());
        }
        // Another process may have migrated while we waited for the lock.
        auto current = currentVersion(db);
        if (!current)
            return tl::unexpected(current.error());
        if (*current > latestVersion())
            return tl::unexpected(tooNew(*current));
        for (const Migration &migration : migrations()) {
            if (migration.version <= *current)
                continue;
            QStringList statements = migration.statements;
            if (db.backend() == DatabaseUrl::Backend::Postgres)
                statements += migration.postgresOnly;
            for (const QString &statement : statements) {
                auto ran = db.run(forDialect(statement, db.backend()));
                if (!ran)
                    return tl::unexpected(Error{ErrorCode::Database, QStringLiteral("migration %1 failed: %2")
                                                                         .arg(migration.version)
                                                                         .arg(ran.error().message)});
            }
            auto recorded =
                db.run(QStringLiteral("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)"),
                       {migration.version, QDateTime::currentMSecsSinceEpoch()});
            if (!recorded)
                return tl::unexpected(recorded.error());
        }
        return {};
    };
    auto result = step();
    if (auto ended = endExclusive(db, result.has_value()); result && !ended)
        return ended;
    return result;
}

} // namespace qw
