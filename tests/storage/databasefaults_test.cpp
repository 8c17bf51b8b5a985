// What the database layer does when the database goes away or is only being looked at: a probe
// ("Test connection") creates nothing, a write whose connection dropped is reported instead of
// replayed, reads reconnect on their own, and ping() notices a file another process has locked.
#include "core/storage/database.h"
#include "core/storage/migrations.h"
#include "tests/support/backendtest.h"
#include "tests/support/pgtestserver.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QUuid>

using namespace qw;
using qw::test::BackendTest;
using qw::test::PgTestServer;

namespace {

QString uniqueName(const char *prefix)
{
    return QLatin1String(prefix) + QUuid::createUuid().toString(QUuid::Id128);
}

qint64 countRows(Database &db, const QString &table)
{
    auto query = db.run(QStringLiteral("SELECT COUNT(*) FROM ") + table);
    if (!query || !query->next())
        return -1;
    return query->value(0).toLongLong();
}

} // namespace

TEST(DatabaseProbe, MissingSqliteFileIsReportedAndNotCreated)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString folder = dir.filePath(QStringLiteral("not-yet"));
    const QString path = QDir(folder).filePath(QStringLiteral("quotawatch.db"));
    auto probe = Database::probe(*DatabaseUrl::parse(path), uniqueName("probe-"));
    ASSERT_TRUE(probe) << probe.error().message.toStdString();
    EXPECT_FALSE(probe->initialized);
    EXPECT_EQ(probe->schemaVersion, 0);
    EXPECT_FALSE(QFileInfo::exists(path));
    EXPECT_FALSE(QFileInfo::exists(folder)) << "no folder is made for a probe";
}

TEST(DatabaseProbe, EmptySqliteFileStaysEmpty)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("empty.db"));
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.close();
    auto probe = Database::probe(*DatabaseUrl::parse(path), uniqueName("probe-"));
    ASSERT_TRUE(probe) << probe.error().message.toStdString();
    EXPECT_FALSE(probe->initialized);
    EXPECT_EQ(QFileInfo(path).size(), 0) << "the probe created no table";
}

class DatabaseFaults : public BackendTest
{
};

TEST_F(DatabaseFaults, ProbeOfAMigratedDatabaseGivesItsSchemaVersion)
{
    auto probe = Database::probe(*DatabaseUrl::parse(m_testDb->url()), uniqueName("probe-"));
    ASSERT_TRUE(probe) << probe.error().message.toStdString();
    EXPECT_TRUE(probe->initialized);
    EXPECT_EQ(probe->schemaVersion, Migrations::latestVersion());
    EXPECT_EQ(probe->latestVersion, Migrations::latestVersion());
}

TEST_F(DatabaseFaults, ProbeOfAnEmptyPostgresDatabaseCreatesNoTable)
{
    if (!isPostgres())
        GTEST_SKIP() << "PostgreSQL only";
    const QString url = PgTestServer::createDatabase(); // empty: never opened by QuotaWatch
    ASSERT_FALSE(url.isEmpty());
    auto probe = Database::probe(*DatabaseUrl::parse(url), uniqueName("probe-"));
    ASSERT_TRUE(probe) << probe.error().message.toStdString();
    EXPECT_FALSE(probe->initialized);
    EXPECT_FALSE(probe->holdsOtherTables);
    {
        // Looked at through a plain driver connection: Database::open would migrate it.
        const QUrl parsed(url);
        const QString name = uniqueName("look-");
        {
            QSqlDatabase look = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
            look.setHostName(parsed.host());
            look.setPort(parsed.port(5432));
            look.setUserName(parsed.userName());
            look.setDatabaseName(parsed.path().mid(1));
            ASSERT_TRUE(look.open());
            QSqlQuery tables(look);
            ASSERT_TRUE(tables.exec(QStringLiteral(
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'")));
            ASSERT_TRUE(tables.next());
            EXPECT_EQ(tables.value(0).toInt(), 0) << "the probe created tables";
        }
        QSqlDatabase::removeDatabase(name);
    }
    PgTestServer::dropDatabase(url);
}

TEST_F(DatabaseFaults, PingSucceedsOnAWorkingDatabase)
{
    auto pinged = m_db->ping();
    EXPECT_TRUE(pinged) << pinged.error().message.toStdString();
}

TEST_F(DatabaseFaults, PingFailsWhileAnotherConnectionHoldsTheSqliteWriteLock)
{
    if (isPostgres())
        GTEST_SKIP() << "SQLite only";
    auto other = m_testDb->open();
    ASSERT_NE(other, nullptr);
    ASSERT_TRUE(other->run(QStringLiteral("BEGIN EXCLUSIVE")));
    EXPECT_FALSE(m_db->ping()) << "a locked file is not a working database";
    ASSERT_TRUE(other->run(QStringLiteral("COMMIT")));
    EXPECT_TRUE(m_db->ping());
}

class DatabaseDroppedConnection : public BackendTest
{
protected:
    void SetUp() override
    {
        BackendTest::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        if (!isPostgres())
            GTEST_SKIP() << "PostgreSQL only: a SQLite connection cannot be dropped";
        m_other = m_testDb->open();
        ASSERT_NE(m_other, nullptr);
        ASSERT_TRUE(m_db->run(QStringLiteral("CREATE TABLE faults_t (x INTEGER)")));
    }

    // Ends the first connection's server process from the second, as a server restart or a
    // network cut would, and waits until it is gone.
    void dropFirstConnection()
    {
        auto pid = m_db->run(QStringLiteral("SELECT pg_backend_pid()"));
        ASSERT_TRUE(pid && pid->next());
        const int backend = pid->value(0).toInt();
        pid->finish();
        ASSERT_TRUE(m_other->run(QStringLiteral("SELECT pg_terminate_backend(?)"), {backend}));
        QElapsedTimer waited;
        waited.start();
        while (waited.elapsed() < 10000) {
            auto alive = m_other->run(QStringLiteral("SELECT COUNT(*) FROM pg_stat_activity WHERE pid = ?"),
                                      {backend});
            ASSERT_TRUE(alive && alive->next());
            if (alive->value(0).toInt() == 0)
                return;
            QThread::msleep(20);
        }
        FAIL() << "the backend did not end";
    }

    std::unique_ptr<Database> m_other;
};

TEST_F(DatabaseDroppedConnection, AWriteIsReportedAsUnknownAndNotReplayed)
{
    dropFirstConnection();
    auto inserted = m_db->run(QStringLiteral("INSERT INTO faults_t (x) VALUES (?)"), {1});
    ASSERT_FALSE(inserted) << "a write on a dropped connection must not be run again blindly";
    EXPECT_TRUE(inserted.error().message.contains(QStringLiteral("may or may not have been saved")))
        << inserted.error().message.toStdString();
    EXPECT_EQ(countRows(*m_other, QStringLiteral("faults_t")), 0);
    // The connection is back for what follows.
    ASSERT_TRUE(m_db->run(QStringLiteral("INSERT INTO faults_t (x) VALUES (?)"), {2}));
    EXPECT_EQ(countRows(*m_other, QStringLiteral("faults_t")), 1);
}

TEST_F(DatabaseDroppedConnection, AReadReconnectsAndRunsAgain)
{
    ASSERT_TRUE(m_other->run(QStringLiteral("INSERT INTO faults_t (x) VALUES (7)")));
    dropFirstConnection();
    EXPECT_EQ(countRows(*m_db, QStringLiteral("faults_t")), 1);
}

TEST_F(DatabaseDroppedConnection, ACommitOnADroppedConnectionIsReportedAndNothingIsReplayed)
{
    {
        Transaction transaction(*m_db);
        ASSERT_TRUE(transaction.started());
        ASSERT_TRUE(m_db->run(QStringLiteral("INSERT INTO faults_t (x) VALUES (?)"), {1}));
        ASSERT_TRUE(m_db->run(QStringLiteral("INSERT INTO faults_t (x) VALUES (?)"), {2}));
        dropFirstConnection();
        auto committed = transaction.commit();
        ASSERT_FALSE(committed);
        EXPECT_TRUE(committed.error().message.contains(QStringLiteral("may or may not have been saved")))
            << committed.error().message.toStdString();
    }
    EXPECT_EQ(countRows(*m_other, QStringLiteral("faults_t")), 0);
    EXPECT_EQ(countRows(*m_db, QStringLiteral("faults_t")), 0) << "reads work again";
    // A new transaction after the drop works and commits once.
    {
        Transaction transaction(*m_db);
        ASSERT_TRUE(transaction.started());
        ASSERT_TRUE(m_db->run(QStringLiteral("INSERT INTO faults_t (x) VALUES (?)"), {3}));
        ASSERT_TRUE(transaction.commit());
    }
    EXPECT_EQ(countRows(*m_other, QStringLiteral("faults_t")), 1);
}
