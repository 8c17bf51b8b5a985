// Faults lose nothing and say what happened, with the real binary, a real database and real HTTP
// servers on loopback: PostgreSQL stopped while `serve` runs pauses the checks (no provider_error
// rows) and they resume on their own; `kill -9` of `check` and `serve` at random moments leaves an
// intact database, loses no stored check, and every alert is delivered exactly once in the end.
#include "tests/cli/clitest.h"
#include "tests/support/pgtestserver.h"
#include "tests/support/testhttpserver.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QThread>
#include <algorithm>
#include <chrono>
#include <csignal>
#include <map>
#include <random>

using namespace qw;
using namespace qw::test;

namespace {

const QByteArray kBalance =
    R"({"is_available":true,"balance_infos":[{"currency":"CNY","total_balance":"110.00","granted_balance":"10.00","topped_up_balance":"100.00"}]})";

} // namespace

class CliFaults : public CliTest
{
protected:
    void SetUp() override
    {
        CliTest::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        TestResponse balance = TestResponse::json(kBalance);
        balance.delayMs = 20;
        m_provider.route("GET", "/user/balance", balance);
        m_hook.route("POST", "/hook/*", TestResponse::json("{}"));
    }

    qint64 scalar(const QString &sql)
    {
        auto query = db().run(sql);
        if (!query || !query->next()) {
            ADD_FAILURE() << "cannot read: " << sql.toStdString();
            return -1;
        }
        return query->value(0).toLongLong();
    }

    QProcess *startBinary(const QStringList &args)
    {
        auto *process = new QProcess;
        process->setProcessEnvironment(childEnvironment({}));
        process->setWorkingDirectory(QDir(m_home.path()).filePath(QStringLiteral("work")));
        process->start(QStringLiteral(QW_CLI_BINARY), QStringList{QStringLiteral("--db"), dbUrl()} + args);
        EXPECT_TRUE(process->waitForStarted(10000));
        return process;
    }

    TestHttpServer m_provider;
    TestHttpServer m_hook;
};

TEST_F(CliFaults, ServeWaitsOutAPostgresOutageAndResumesOnItsOwn)
{
    if (!isPostgres())
        GTEST_SKIP() << "PostgreSQL only: the server is stopped and started again";
    const qint64 key =
        addKey(QStringLiteral("outage"), QStringLiteral("deepseek"), "sk-outage-0123456789abcdef",
               {QStringLiteral("--base-url"), m_provider.baseUrl(), QStringLiteral("--interval"),
                QStringLiteral("10s")});
    ASSERT_GT(key, 0);
    const QByteArray okLine = "key " + QByteArray::number(key) + ": ok";

    QProcess serve;
    QByteArray err;
    ASSERT_TRUE(startServe(serve, err));
    ASSERT_TRUE(waitForOutput(serve, err, okLine, 5000)) << err.toStdString();
    m_db.reset(); // the test's own connection would only see the outage too

    ASSERT_TRUE(PgTestServer::pause());
    QElapsedTimer outage;
    outage.start();
    // The next check (within its 10 s interval) finds the database gone.
    EXPECT_TRUE(waitForOutput(serve, err, "is unreachable since", 15000)) << err.toStdString();
    while (outage.elapsed() < 15000)
        (void)waitForOutput(serve, err, "never printed", int(15000 - outage.elapsed()));
    ASSERT_TRUE(PgTestServer::resume());
    QElapsedTimer back;
    back.start();

    EXPECT_TRUE(waitForOutput(serve, err, "reachable again", 14000)) << err.toStdString();
    // Polling resumes within one interval (10 s: the retries are capped at the shortest key
    // interval) of the database's return; the rest is slack for a slow, sanitized CI build.
    const auto backAt = [&] { return err.indexOf("reachable again"); };
    while (err.mid(backAt()).count(okLine) < 1 && back.elapsed() < 14000)
        (void)waitForOutput(serve, err, "never printed", 200);
    EXPECT_GE(err.mid(backAt()).count(okLine), 1) << "no check within one interval: " << err.toStdString();
    const qsizetype downAt = err.indexOf("is unreachable since");
    EXPECT_EQ(err.mid(downAt, backAt() - downAt).count(okLine), 0)
        << "no check while the database was away: " << err.toStdString();
    EXPECT_FALSE(err.contains("database not open")) << err.toStdString();

    ::kill(pid_t(serve.processId()), SIGTERM);
    ASSERT_TRUE(serve.waitForFinished(10000));
    err += serve.readAllStandardError();
    EXPECT_EQ(serve.exitCode(), 0) << err.toStdString();
    EXPECT_EQ(err.count("is unreachable since"), 1) << "said once: " << err.toStdString();
    EXPECT_EQ(err.count("reachable again"), 1) << err.toStdString();
    EXPECT_FALSE(err.contains("provider_error")) << err.toStdString();

    EXPECT_EQ(scalar(QStringLiteral("SELECT COUNT(*) FROM snapshots WHERE status = 'provider_error'")), 0);
    EXPECT_GE(scalar(QStringLiteral("SELECT COUNT(*) FROM snapshots WHERE status = 'ok'")), 2);
}

// A full disk on the PostgreSQL server: `SELECT 1` still answers, so only the SQLSTATE of the
// failed write (53100 disk_full, raised here by a trigger exactly as the server raises it when a
// file cannot grow) says the database cannot take checks. `serve` says so once, keeps retrying
// with backoff without announcing a new outage each time, and says it is over only once a check
// is stored again.
TEST_F(CliFaults, ServeWaitsOutAFullDiskOnPostgresAndResumesOnceWritesSucceed)
{
    if (!isPostgres())
        GTEST_SKIP() << "PostgreSQL only: SQLite's full disk is covered in the poll tests";
    const qint64 key =
        addKey(QStringLiteral("full"), QStringLiteral("deepseek"), "sk-fulldisk-0123456789abcdef",
               {QStringLiteral("--base-url"), m_provider.baseUrl(), QStringLiteral("--interval"),
                QStringLiteral("10s")});
    ASSERT_GT(key, 0);
    const QByteArray okLine = "key " + QByteArray::number(key) + ": ok";
    QProcess serve;
    QByteArray err;
    ASSERT_TRUE(startServe(serve, err));
    ASSERT_TRUE(waitForOutput(serve, err, okLine, 5000)) << err.toStdString();

    ASSERT_TRUE(db().run(QStringLiteral(
        "CREATE FUNCTION qw_test_disk_full() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION "
        "'could not extend file: No space left on device' USING ERRCODE = 'disk_full'; END $$")));
    ASSERT_TRUE(db().run(QStringLiteral("CREATE TRIGGER qw_test_disk_full BEFORE INSERT ON snapshots "
                                        "FOR EACH ROW EXECUTE FUNCTION qw_test_disk_full()")));
    EXPECT_TRUE(waitForOutput(serve, err, "is unreachable since", 15000)) << err.toStdString();
    EXPECT_TRUE(err.contains("No space left on device")) << err.toStdString();
    QElapsedTimer full;
    full.start();
    while (full.elapsed() < 12000) // retries at 1, 3 and 7 s each let a check try, and fail
        (void)waitForOutput(serve, err, "never printed", int(12000 - full.elapsed()));
    EXPECT_EQ(err.count("is unreachable since"), 1) << "one outage, said once: " << err.toStdString();
    EXPECT_FALSE(err.contains("reachable again")) << "a ping alone does not end a full disk";

    ASSERT_TRUE(db().run(QStringLiteral("DROP TRIGGER qw_test_disk_full ON snapshots")));
    ASSERT_TRUE(db().run(QStringLiteral("DROP FUNCTION qw_test_disk_full()")));
    // The next retry comes within the shortest interval (10 s), and its check is stored.
    EXPECT_TRUE(waitForOutput(serve, err, "reachable again", 15000)) << err.toStdString();
    const qsizetype backAt = err.indexOf("reachable again");
    ASSERT_GT(backAt, 0);
    const qsizetype downAt = err.indexOf("is unreachable since");
    EXPECT_EQ(err.mid(downAt, backAt - downAt).count(okLine), 0)
        << "nothing stored while full: " << err.toStdString();
    // The line of the check whose write ended the outage follows the announcement.
    QElapsedTimer resumed;
    resumed.start();
    while (err.mid(downAt).count(okLine) < 1 && resumed.elapsed() < 12000)
        (void)waitForOutput(serve, err, "never printed", 200);
    EXPECT_GE(err.mid(downAt).count(okLine), 1) << err.toStdString();

    ::kill(pid_t(serve.processId()), SIGTERM);
    ASSERT_TRUE(serve.waitForFinished(10000));
    err += serve.readAllStandardError();
    EXPECT_EQ(serve.exitCode(), 0) << err.toStdString();
    EXPECT_EQ(err.count("is unreachable since"), 1) << err.toStdString();
    EXPECT_EQ(err.count("reachable again"), 1) << err.toStdString();
    EXPECT_EQ(scalar(QStringLiteral("SELECT COUNT(*) FROM snapshots WHERE status = 'provider_error'")), 0);
    EXPECT_GE(scalar(QStringLiteral("SELECT COUNT(*) FROM snapshots WHERE status = 'ok'")), 2);
}

TEST_F(CliFaults, KillNineOfCheckAndServeLosesNothingAndDeliversEveryAlertOnce)
{
    constexpr int kKeys = 3;
    std::vector<qint64> keys;
    for (int i = 0; i < kKeys; ++i) {
        // Below the threshold from the first check on: each key raises one low-balance alert.
        keys.push_back(
            addKey(QStringLiteral("crash-%1").arg(i), QStringLiteral("deepseek"),
                   "sk-crash-0123456789abcdef-" + QByteArray::number(i),
                   {QStringLiteral("--base-url"), m_provider.baseUrl(), QStringLiteral("--threshold"),
                    QStringLiteral("500"), QStringLiteral("--interval"), QStringLiteral("10s")}));
        ASSERT_GT(keys.back(), 0);
    }
    const CliResult hook =
        runDb(cmd({"channels", "add", "--kind", "webhook", "--name", "crash hook"}),
              (m_hook.baseUrl() + QStringLiteral("/hook/crash-token-0123456789")).toUtf8());
    ASSERT_TRUE(succeeded(hook)) << hook.describe();

    std::mt19937 random(20261206);
    std::vector<RecordedRequest::Clock::time_point> killedAt;
    constexpr int kKills = 30;
    for (int round = 0; round < kKills; ++round) {
        const bool serve = round % 2 == 1;
        const qint64 storedBefore = scalar(QStringLiteral("SELECT COUNT(*) FROM snapshots"));
        std::unique_ptr<QProcess> process(startBinary(serve ? cmd({"serve", "--no-rest"}) : cmd({"check"})));
        // `check` lives a few hundred milliseconds, `serve` as long as it is let.
        std::uniform_int_distribution<int> delay(0, serve ? 1200 : 400);
        QThread::msleep(delay(random));
        const qint64 storedAtKill = scalar(QStringLiteral("SELECT COUNT(*) FROM snapshots"));
        killedAt.push_back(RecordedRequest::Clock::now());
        ::kill(pid_t(process->processId()), SIGKILL);
        ASSERT_TRUE(process->waitForFinished(10000));
        const qint64 storedAfter = scalar(QStringLiteral("SELECT COUNT(*) FROM snapshots"));
        EXPECT_LE(storedBefore, storedAtKill) << "round " << round;
        EXPECT_LE(storedAtKill, storedAfter) << "a stored check disappeared in round " << round;
        if (!isPostgres()) {
            auto integrity = db().run(QStringLiteral("PRAGMA integrity_check"));
            ASSERT_TRUE(integrity && integrity->next());
            EXPECT_EQ(integrity->value(0).toString(), QStringLiteral("ok")) << "round " << round;
        }
    }

    // Started once more and let run: what the killed processes left queued goes out now, not
    // after the leases of the dead processes run out.
    {
        QProcess serveAgain;
        QByteArray err;
        ASSERT_TRUE(startServe(serveAgain, err));
        QProcess *serve = &serveAgain;
        QElapsedTimer waited;
        waited.start();
        while (waited.elapsed() < 20000 &&
               (scalar(QStringLiteral("SELECT COUNT(*) FROM alerts")) < kKeys ||
                scalar(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE status <> 'sent'")) > 0))
            QThread::msleep(100);
        ::kill(pid_t(serve->processId()), SIGTERM);
        ASSERT_TRUE(serve->waitForFinished(10000));
        EXPECT_EQ(serve->exitCode(), 0) << QByteArray(err + serve->readAllStandardError()).toStdString();
    }

    const qint64 alerts = scalar(QStringLiteral("SELECT COUNT(*) FROM alerts"));
    EXPECT_EQ(alerts, kKeys) << "one low-balance alert per key";
    EXPECT_EQ(scalar(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE status <> 'sent'")), 0);
    // Delivered once each: the hook saw one POST per key's alert. The one exception no sender can
    // avoid: SIGKILL between the hook's answer and the row being marked sent (a few milliseconds),
    // after which nobody can know the POST arrived, and the next process sends it again rather
    // than lose it. Such a second POST must follow a kill that came right after the first.
    std::map<QString, std::vector<RecordedRequest::Clock::time_point>> deliveries;
    for (const RecordedRequest &request : m_hook.requests()) {
        const QString body = QString::fromUtf8(request.body);
        for (int i = 0; i < kKeys; ++i) {
            if (body.contains(QStringLiteral("crash-%1").arg(i)))
                deliveries[QStringLiteral("crash-%1").arg(i)].push_back(request.receivedAt);
        }
    }
    const auto cutByAKill = [&killedAt](RecordedRequest::Clock::time_point sent) {
        return std::any_of(killedAt.begin(), killedAt.end(), [sent](auto kill) {
            return kill >= sent && kill - sent < std::chrono::milliseconds(500);
        });
    };
    for (int i = 0; i < kKeys; ++i) {
        const auto &posts = deliveries[QStringLiteral("crash-%1").arg(i)];
        ASSERT_GE(posts.size(), 1U) << "the alert of key crash-" << i << " was never delivered";
        EXPECT_LE(posts.size(), 2U) << "the alert of key crash-" << i;
        if (posts.size() == 2) {
            EXPECT_TRUE(cutByAKill(posts.front()))
                << "the alert of key crash-" << i
                << " went out twice, and no kill came between its first POST "
                << "and its mark";
        }
    }
    if (!isPostgres()) {
        auto integrity = db().run(QStringLiteral("PRAGMA integrity_check"));
        ASSERT_TRUE(integrity && integrity->next());
        EXPECT_EQ(integrity->value(0).toString(), QStringLiteral("ok"));
    }
}
