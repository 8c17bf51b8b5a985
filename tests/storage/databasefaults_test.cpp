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

TEST_F(DatabaseDroppedConnection, ACachedStatementIsPreparedAgainAfterTheConnectionDropped)
{
    const QString count = QStringLiteral("SELECT COUNT(*) FROM faults_t WHERE x = ?");
    ASSERT_TRUE(m_other->run(QStringLiteral("INSERT INTO faults_t (x) VALUES (7)")));
    {
        auto before = m_db->runCached(count, {7});
        ASSERT_TRUE(before && before->query().next());
        EXPECT_EQ(before->query().value(0).toInt(), 1);
    }
    dropFirstConnection();
    // The server forgot the prepared statement with the connection: a read is prepared anew.
    auto after = m_db->runCached(count, {7});
    ASSERT_TRUE(after) << after.error().message.toStdString();
    ASSERT_TRUE(after->query().next());
    EXPECT_EQ(after->query().value(0).toInt(), 1);

    const QString insert = QStringLiteral("INSERT INTO faults_t (x) VALUES (?)");
    ASSERT_TRUE(m_db->runCached(insert, {8}));
    dropFirstConnection();
    auto written = m_db->runCached(insert, {9});
    ASSERT_FALSE(written) << "a write on a dropped connection must not be run again blindly";
    EXPECT_TRUE(written.error().message.contains(QStringLiteral("may or may not have been saved")));
    ASSERT_TRUE(m_db->runCached(insert, {10})) << "and the statement works again afterwards";
    EXPECT_EQ(countRows(*m_other, QStringLiteral("faults_t")), 3);
}

class CachedStatements : public BackendTest
{
};

TEST_F(CachedStatements, AReadLeftUnfinishedDoesNotHideLaterWritesOfAnotherConnection)
{
    // Kept statements are reset when their handle goes: a read that stopped after its first row
    // must not keep a SQLite read transaction (an old snapshot) open on the connection.
    ASSERT_TRUE(m_db->run(QStringLiteral("CREATE TABLE cached_t (x INTEGER)")));
    ASSERT_TRUE(m_db->run(QStringLiteral("INSERT INTO cached_t (x) VALUES (1), (2), (3)")));
    auto other = m_testDb->open();
    ASSERT_NE(other, nullptr);
    const QString select = QStringLiteral("SELECT x FROM cached_t WHERE x >= ? ORDER BY x");
    {
        auto first = m_db->runCached(select, {0});
        ASSERT_TRUE(first && first->query().next());
        EXPECT_EQ(first->query().value(0).toInt(), 1); // two rows left unread
    }
    ASSERT_TRUE(other->run(QStringLiteral("INSERT INTO cached_t (x) VALUES (4)")));
    EXPECT_EQ(countRows(*m_db, QStringLiteral("cached_t")), 4);
    // And the other connection can still write while this one keeps its statements.
    ASSERT_TRUE(other->run(QStringLiteral("DELETE FROM cached_t WHERE x = 1")));
    auto again = m_db->runCached(select, {0});
    ASSERT_TRUE(again && again->query().next());
    EXPECT_EQ(again->query().value(0).toInt(), 2);
}

TEST_F(CachedStatements, TheSameStatementInsideALoopOverItsOwnRowsGetsItsOwn)
{
    if (isPostgres())
        GTEST_SKIP() << "Qt's PostgreSQL driver streams forward-only rows: no second statement runs on "
                        "the connection while one is read, kept or not";
    ASSERT_TRUE(m_db->run(QStringLiteral("CREATE TABLE cached_t (x INTEGER)")));
    ASSERT_TRUE(m_db->run(QStringLiteral("INSERT INTO cached_t (x) VALUES (1), (2), (3)")));
    const QString select = QStringLiteral("SELECT x FROM cached_t WHERE x >= ? ORDER BY x");
    auto outer = m_db->runCached(select, {1});
    ASSERT_TRUE(outer);
    std::vector<int> pairs;
    while (outer->query().next()) {
        const int x = outer->query().value(0).toInt();
        auto inner = m_db->runCached(select, {x});
        ASSERT_TRUE(inner);
        while (inner->query().next())
            pairs.push_back(x * 10 + inner->query().value(0).toInt());
    }
    EXPECT_EQ(pairs, (std::vector<int>{11, 12, 13, 22, 23, 33}));
}

TEST_F(CachedStatements, AFailingStatementReportsTheDatabaseError)
{
    auto missing = m_db->runCached(QStringLiteral("SELECT x FROM no_such_table WHERE x = ?"), {1});
    ASSERT_FALSE(missing);
    EXPECT_TRUE(missing.error().message.contains(QStringLiteral("no_such_table")))
        << missing.error().message.toStdString();
}
