// Team mode with the real binary: three `quotawatch serve` processes on one PostgreSQL database
// share 300 keys at a 10 s interval (the shortest an interval may be) against one loopback
// provider that counts the requests per key (each key has its own secret). Over 60 s each key is
// asked 6 ± 1 times in all (not 18: one instance checks it each time), none is skipped, and every
// instance does a share. Then one instance is killed with SIGKILL: the keys it was watching are
// taken over by the other two within one interval (a key it held a lease on at that moment, once
// the lease runs out), and every key keeps being checked.
#include "tests/cli/clitest.h"
#include "tests/support/testhttpserver.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlQuery>
#include <QThread>
#include <chrono>
#include <csignal>
#include <iostream>
#include <map>
#include <memory>

using namespace qw;
using namespace qw::test;
using std::chrono::milliseconds;
using SteadyClock = RecordedRequest::Clock;

namespace {

constexpr int kKeys = 300;
constexpr int kInstances = 3;
constexpr int kIntervalS = 10;
constexpr int kWindowS = 60;

const QByteArray kBalance =
    R"({"is_available":true,"balance_infos":[{"currency":"CNY","total_balance":"110.00","granted_balance":"10.00","topped_up_balance":"100.00"}]})";

QByteArray secretOf(int index)
{
    return "sk-team-" + QByteArray::number(index) + "-0123456789abcdef";
}

} // namespace

class CliTeam : public CliTest
{
protected:
    void SetUp() override
    {
        CliTest::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        TestResponse balance = TestResponse::json(kBalance);
        balance.delayMs = 5;
        m_provider.route("GET", "/user/balance", balance);
    }

    void TearDown() override
    {
        for (auto &process : m_serves) {
            if (process->state() != QProcess::NotRunning) {
                process->kill();
                process->waitForFinished(5000);
            }
        }
        CliTest::TearDown();
    }

    QProcess &startServe(int index)
    {
        auto process = std::make_unique<QProcess>();
        process->setProcessEnvironment(childEnvironment({}));
        process->setWorkingDirectory(QDir(m_home.path()).filePath(QStringLiteral("work")));
        // A file, not a pipe: nobody reads a pipe while the test sleeps, and serve logs every check.
        process->setStandardErrorFile(logOf(index));
        process->setStandardOutputFile(QProcess::nullDevice());
        process->start(QStringLiteral(QW_CLI_BINARY), {QStringLiteral("serve"), QStringLiteral("--no-rest"),
                                                       QStringLiteral("--db"), dbUrl()});
        EXPECT_TRUE(process->waitForStarted(10000));
        m_serves.push_back(std::move(process));
        return *m_serves.back();
    }

    QString logOf(int index) const { return path(QStringLiteral("serve-%1.log").arg(index)); }

    QByteArray log(int index) const
    {
        QFile file(logOf(index));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    // The requests for each key (by its secret) received in [from, to).
    std::map<QByteArray, int> countsBetween(SteadyClock::time_point from, SteadyClock::time_point to) const
    {
        std::map<QByteArray, int> counts;
        for (int i = 0; i < kKeys; ++i)
            counts[secretOf(i)] = 0;
        for (const RecordedRequest &request : m_provider.requests()) {
            if (request.receivedAt < from || request.receivedAt >= to)
                continue;
            const QByteArray secret = request.header("Authorization").mid(int(qstrlen("Bearer ")));
            if (counts.contains(secret))
                ++counts[secret];
        }
        return counts;
    }

    static void sleepMs(qint64 ms) { QThread::msleep(static_cast<unsigned long>(std::max<qint64>(ms, 0))); }

    TestHttpServer m_provider;
    std::vector<std::unique_ptr<QProcess>> m_serves;
};

TEST_F(CliTeam, ThreeServesCheckEachKeyOncePerIntervalAndTakeOverAKilledOnesKeys)
{
    if (!isPostgres())
        GTEST_SKIP() << "team mode needs PostgreSQL: on SQLite there is one instance";
    QByteArray csv = "name,platform,secret,base_url,interval\n";
    for (int i = 0; i < kKeys; ++i)
        csv += "team " + QByteArray::number(i) + ",deepseek," + secretOf(i) + "," +
               m_provider.baseUrl().toLatin1() + "," + QByteArray::number(kIntervalS) + "s\n";
    const CliResult imported = runDb(cmd({"keys", "import"}) << writeFile(QStringLiteral("keys.csv"), csv));
    ASSERT_EQ(imported.exitCode, kExitOk) << imported.describe();
    ASSERT_EQ(keyCount(), kKeys);

    for (int i = 0; i < kInstances; ++i)
        startServe(i);
    // Every key is new, so due at once on all three: the first round is the startup burst.
    QElapsedTimer waited;
    waited.start();
    const auto allAsked = [&] {
        const auto counts = countsBetween(SteadyClock::time_point::min(), SteadyClock::now());
        return std::all_of(counts.begin(), counts.end(), [](const auto &each) { return each.second > 0; });
    };
    while (!allAsked() && waited.elapsed() < 20000)
        sleepMs(200);
    ASSERT_TRUE(allAsked()) << "the first round did not cover every key: "
                            << log(0).right(2000).toStdString();
    EXPECT_LE(m_provider.requestCount(), kKeys + 10) << "the first round checked keys more than once";
    // Each says at start which instance it is (how many others it saw depends on who came first).
    for (int i = 0; i < kInstances; ++i)
        EXPECT_TRUE(log(i).contains("quotawatch: team mode as serve@")) << log(i).left(2000).toStdString();

    const SteadyClock::time_point windowStart = SteadyClock::now();
    sleepMs(kWindowS * 1000);
    const SteadyClock::time_point windowEnd = SteadyClock::now();
    const auto counts = countsBetween(windowStart, windowEnd);
    int total = 0;
    int outside = 0;
    for (const auto &[secret, count] : counts) {
        total += count;
        if (count < kWindowS / kIntervalS - 1 || count > kWindowS / kIntervalS + 1) {
            if (++outside <= 5)
                ADD_FAILURE() << "a key was asked " << count << " times in " << kWindowS << " s";
        }
    }
    EXPECT_EQ(outside, 0) << "keys not checked 6 ± 1 times; total " << total;
    EXPECT_LE(total, kKeys * (kWindowS / kIntervalS + 1)) << "keys checked by more than one instance";

    // Every instance did a share (who stored each key's last check).
    std::map<QString, int> lastCheckedBy;
    {
        auto query = db().run(
            QStringLiteral("SELECT last_checked_by, COUNT(*) FROM api_keys GROUP BY last_checked_by"));
        ASSERT_TRUE(query);
        while (query->next())
            lastCheckedBy[query->value(0).toString()] = query->value(1).toInt();
    }
    std::cout << "team: " << total << " checks of " << kKeys << " keys in " << kWindowS
              << " s; last checked by";
    for (const auto &[instance, keys] : lastCheckedBy)
        std::cout << ' ' << instance.toStdString() << '=' << keys;
    std::cout << std::endl;
    ASSERT_EQ(lastCheckedBy.size(), size_t(kInstances)) << "keys were checked by fewer instances";
    for (const auto &[instance, keys] : lastCheckedBy) {
        EXPECT_TRUE(instance.startsWith(QStringLiteral("serve@"))) << instance.toStdString();
        EXPECT_GE(keys, kKeys / 10) << instance.toStdString() << " did only " << keys << " keys";
    }

    // kill -9 of one instance: it gives nothing back.
    QProcess &victim = *m_serves.back();
    const QString victimPattern = QStringLiteral("%:%1-%").arg(victim.processId());
    ASSERT_EQ(::kill(pid_t(victim.processId()), SIGKILL), 0);
    ASSERT_TRUE(victim.waitForFinished(5000));
    const SteadyClock::time_point killedAt = SteadyClock::now();
    // Keys it held a lease on when it died wait for the lease to run out (twice the HTTP
    // timeout); the rest are due within one interval (+10 % jitter).
    std::map<qint64, qint64> leasedForMs;
    int itsKeys = 0;
    {
        auto query =
            db().run(QStringLiteral("SELECT id, lease_until - CAST(EXTRACT(EPOCH FROM now()) * 1000 AS "
                                    "BIGINT) FROM api_keys WHERE lease_owner LIKE ? AND lease_until IS "
                                    "NOT NULL"),
                     {victimPattern});
        ASSERT_TRUE(query);
        while (query->next())
            leasedForMs[query->value(0).toLongLong()] = query->value(1).toLongLong();
        auto mine = db().run(QStringLiteral("SELECT COUNT(*) FROM api_keys WHERE last_checked_by LIKE ?"),
                             {victimPattern});
        ASSERT_TRUE(mine && mine->next());
        itsKeys = mine->value(0).toInt();
    }
    EXPECT_GT(itsKeys, 0) << "the killed instance had checked keys last";
    const qint64 oneIntervalMs = kIntervalS * 1100 + 2000; // + slack for a busy test machine
    qint64 longestLeaseMs = 0;
    for (const auto &[id, ms] : leasedForMs)
        longestLeaseMs = std::max(longestLeaseMs, ms);
    // A key the killed instance held is looked at about once an interval by the others, so it is
    // taken within an interval of its lease's end. That wait (up to 40 s) makes the test take
    // about 120 s instead of 80 s when the kill caught a check in flight.
    sleepMs(longestLeaseMs + oneIntervalMs);
    const auto afterKill = countsBetween(killedAt, killedAt + milliseconds(oneIntervalMs));
    const auto afterLeases = countsBetween(killedAt, SteadyClock::now());
    std::map<QByteArray, qint64> secretToId;
    for (const ApiKey &key : storedKeys())
        secretToId[secretOf(key.name.mid(5).toInt())] = key.id;
    int missed = 0;
    for (const auto &[secret, count] : afterKill) {
        const bool leased = leasedForMs.contains(secretToId[secret]);
        if ((leased ? afterLeases.at(secret) : count) == 0 && ++missed <= 5)
            ADD_FAILURE() << "key " << secretToId[secret]
                          << (leased ? " (leased by the killed instance)" : "")
                          << " was not checked after the kill";
    }
    EXPECT_EQ(missed, 0);
    std::cout << "team: after the kill, " << itsKeys << " keys last checked by the killed instance, "
              << leasedForMs.size() << " leased by it" << std::endl;

    for (size_t i = 0; i + 1 < m_serves.size(); ++i) {
        QProcess &serve = *m_serves[i];
        EXPECT_EQ(serve.state(), QProcess::Running) << log(int(i)).right(2000).toStdString();
        ::kill(pid_t(serve.processId()), SIGTERM);
        EXPECT_TRUE(serve.waitForFinished(15000));
        EXPECT_EQ(serve.exitCode(), 0) << log(int(i)).right(2000).toStdString();
    }
}
