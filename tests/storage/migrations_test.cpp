#include "core/storage/database.h"
#include "core/storage/migrations.h"
#include "tests/support/backendtest.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>

using namespace qw;
using qw::test::BackendTest;

namespace {

QStringList columnsOf(Database &db, const QString &table)
{
    const QSqlRecord record = db.handle().record(table);
    QStringList names;
    for (int i = 0; i < record.count(); ++i)
        names << record.fieldName(i);
    return names;
}

} // namespace

class Migrations_ : public BackendTest
{
};

TEST_F(Migrations_, FreshDatabaseIsAtLatestVersionWithTheDesignedTables)
{
    auto version = Migrations::currentVersion(*m_db);
    ASSERT_TRUE(version);
    EXPECT_EQ(*version, Migrations::latestVersion());

    const QStringList tables = m_db->handle().tables();
    for (const char *table : {"users", "api_keys", "snapshots", "settings", "schema_version"})
        EXPECT_TRUE(tables.contains(QLatin1String(table))) << table;

    const QStringList keyColumns = columnsOf(*m_db, QStringLiteral("api_keys"));
    for (const char *column :
         {"id", "user_id", "name", "platform", "base_url", "secret_enc", "secret_hint", "options_json",
          "threshold", "interval_s", "enabled", "created_at", "updated_at", "next_check_at", "lease_owner",
          "lease_until", "last_checked_by"})
        EXPECT_TRUE(keyColumns.contains(QLatin1String(column))) << column;
    const QStringList snapshotColumns = columnsOf(*m_db, QStringLiteral("snapshots"));
    for (const char *column : {"id", "key_id", "checked_at", "status", "kind", "remaining", "used", "limit",
                               "unit", "balances_json", "error", "latency_ms", "resets_at", "details_json"})
        EXPECT_TRUE(snapshotColumns.contains(QLatin1String(column))) << column;
}

TEST_F(Migrations_, SnapshotIndexExists)
{
    const QString sql =
        isPostgres()
            ? QStringLiteral("SELECT indexdef FROM pg_indexes WHERE indexname = 'snapshots_key_time_idx'")
            : QStringLiteral("SELECT sql FROM sqlite_master WHERE name = 'snapshots_key_time_idx'");
    auto query = m_db->run(sql);
    ASSERT_TRUE(query);
    ASSERT_TRUE(query->next());
    const QString definition = query->value(0).toString().remove(u'"');
    EXPECT_TRUE(definition.contains(QStringLiteral("key_id, checked_at"))) << definition.toStdString();
}

TEST_F(Migrations_, ReopeningAppliesNothingTwice)
{
    auto again = m_testDb->open();
    ASSERT_NE(again, nullptr);
    auto rows = again->run(QStringLiteral("SELECT COUNT(*) FROM schema_version"));
    ASSERT_TRUE(rows);
    ASSERT_TRUE(rows->next());
    EXPECT_EQ(rows->value(0).toInt(), Migrations::latestVersion());
}

TEST_F(Migrations_, NewerSchemaIsRefusedAndLeftUntouched)
{
    const int future = Migrations::latestVersion() + 5;
    ASSERT_TRUE(m_db->run(QStringLiteral("INSERT INTO schema_version (version, applied_at) VALUES (?, 0)"),
                          {future}));
    ASSERT_TRUE(m_db->run(QStringLiteral("INSERT INTO settings (key, value) VALUES ('marker', 'kept')")));
    m_db.reset();

    QByteArray before;
    if (!isPostgres()) {
        QFile file(DatabaseUrl::parse(m_testDb->url())->path);
        ASSERT_TRUE(file.open(QIODevice::ReadOnly));
        before = QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
    }

    auto url = DatabaseUrl::parse(m_testDb->url());
    auto refused = Database::open(*url, QStringLiteral("too-new"));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::SchemaTooNew);
    EXPECT_TRUE(refused.error().message.contains(QString::number(future)));
    EXPECT_TRUE(refused.error().message.contains(QStringLiteral("newer QuotaWatch")));

    if (!isPostgres()) {
        QFile file(url->path);
        ASSERT_TRUE(file.open(QIODevice::ReadOnly));
        EXPECT_EQ(QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256), before);
    }
}

TEST(MigrationsSqlite, FileThatIsNotADatabaseGivesAClearError)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("notes.db"));
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(4096, 'x'));
    file.close();

    auto db = Database::open(*DatabaseUrl::parse(path), QStringLiteral("garbage"));
    ASSERT_FALSE(db);
    EXPECT_EQ(db.error().code, ErrorCode::Database);
    EXPECT_TRUE(db.error().message.contains(path));
    QFile reread(path);
    ASSERT_TRUE(reread.open(QIODevice::ReadOnly));
    EXPECT_EQ(reread.readAll(), QByteArray(4096, 'x'));
}

TEST(MigrationsPostgres, UnreachableServerGivesAClearError)
{
    // Port 1 on loopback: nothing listens there.
    auto db = Database::open(*DatabaseUrl::parse(QStringLiteral("postgresql://qw:pw@127.0.0.1:1/quota")),
                             QStringLiteral("unreachable"));
    ASSERT_FALSE(db);
    EXPECT_EQ(db.error().code, ErrorCode::Database);
    EXPECT_TRUE(db.error().message.contains(QStringLiteral("127.0.0.1")));
    EXPECT_FALSE(db.error().message.contains(QStringLiteral("pw@")));
}
