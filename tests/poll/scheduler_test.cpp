// The scheduler with real parts — SQLite, the vault, CheckService, the HTTP client and a real
// HTTP server on 127.0.0.1 — and a clock the test moves, so nothing waits for a schedule.
#include "adapters/platformregistry.h"
#include "core/clock.h"
#include "core/crypto/vault.h"
#include "core/keys/keyservice.h"
#include "core/keys/keyvalidator.h"
#include "core/poll/checkrunner.h"
#include "core/poll/checkservice.h"
#include "core/poll/databasehealth.h"
#include "core/poll/httpclient.h"
#include "core/poll/scheduler.h"
#include "core/storage/apikeyrepository.h"
#include "core/storage/snapshotrepository.h"
#include "core/storage/userrepository.h"
#include "tests/support/testdatabase.h"
#include "tests/support/testhttpserver.h"
#include "tests/support/waitfor.h"

#include <QEventLoop>
#include <QSignalSpy>
#include <QTest>
#include <algorithm>
#include <gtest/gtest.h>
#include <map>

using namespace qw;
using namespace qw::test;

namespace {

const QDateTime kStart(QDate(2026, 11, 15), QTime(12, 0), Qt::UTC);
const QByteArray kBalance =
    R"({"is_available":true,"balance_infos":[{"currency":"CNY","total_balance":"42.00","granted_balance":"0","topped_up_balance":"42.00"}]})";

class SteppedClock final : public Clock
{
public:
    [[nodiscard]] QDateTime nowUtc() const override { return m_now; }
    void advance(int seconds) { m_now = m_now.addSecs(seconds); }

private:
    QDateTime m_now = kStart;
};

} // namespace

class SchedulerTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_db = m_testDb.open();
        ASSERT_NE(m_db, nullptr);
        m_owner = *UserRepository(*m_db).ensureOwner();
        m_vault = std::make_unique<Vault>(*Fernet::fromKey(Fernet::generateKey().view()));
        m_http = std::make_unique<HttpClient>(
            HttpClientLimits{.timeoutMs = 2000, .maxConcurrent = 16, .maxPerHost = 16});
        m_runner = std::make_unique<CheckRunner>(m_platforms, *m_http, m_clock);
        m_checks = std::make_unique<CheckService>(*m_db, *m_vault, *m_runner);
        m_scheduler = std::make_unique<Scheduler>(*m_db, *m_checks, m_clock, m_planner);
        TestResponse ok = TestResponse::json(kBalance);
        ok.delayMs = 50;
        m_server.route("GET", "/ok/user/balance", ok);
        m_server.route("GET", "/down/user/balance", TestResponse::json(R"({"error":"upstream"})", 500));
        m_server.route("GET", "/refused/user/balance", TestResponse::json(R"({"error":"bad key"})", 401));
        m_server.route("GET", "/gone/user/balance", TestResponse::json(R"({"message":"deprecated"})", 410));
        m_server.route("GET", "/empty/user/balance",
                       TestResponse::json(R"({"error":{"message":"Insufficient Balance"}})", 402));
    }

    qint64 addKey(const char *scenario, int intervalS = 600)
    {
        KeyDraft draft;
        draft.name = QString::fromLatin1(scenario);
        draft.platform = QStringLiteral("deepseek");
        draft.baseUrl = m_server.baseUrl() + u'/' + QLatin1String(scenario);
        draft.interval = QString::number(intervalS);
        auto key = KeyValidator(m_platforms).validate(draft);
        EXPECT_TRUE(key);
        auto id = KeyService(*m_db, &*m_vault, m_owner)
                      .add(PendingKey{*key, SecureBytes::copyOf("sk-scheduled-0123456789")});
        EXPECT_TRUE(id);
        return id.value_or(0);
    }

    QDateTime storedNext(qint64 id) { return (*ApiKeyRepository(*m_db).find(id))->nextCheckAt; }

    // A check from an earlier run, so that the key counts as checked before.
    void storeEarlierCheck(qint64 id)
    {
        Snapshot snapshot;
        snapshot.keyId = id;
        snapshot.checkedAt = kStart.addSecs(-7200);
        snapshot.status = CheckStatus::NetworkError;
        ASSERT_TRUE(SnapshotRepository(*m_db).insert(snapshot));
    }

    // `count` keys checked before and not due for a while: only a forced check runs them.
    std::vector<qint64> addQuietKeys(const char *scenario, int count)
    {
        std::vector<qint64> ids;
        for (int i = 0; i < count; ++i) {
            ids.push_back(addKey(scenario));
            EXPECT_TRUE(ApiKeyRepository(*m_db).setNextCheckAt(ids.back(), kStart.addSecs(3600)));
            storeEarlierCheck(ids.back());
        }
        return ids;
    }

    // Runs the event loop until `count` checks have finished (10 s at most).
    void waitForChecks(int count)
    {
        int finished = 0;
        QEventLoop loop;
        auto connection = QObject::connect(m_checks.get(), &CheckService::checkFinished, &loop, [&] {
            if (++finished >= count)
                loop.quit();
        });
        QTimer::singleShot(10000, &loop, &QEventLoop::quit);
        loop.exec();
        QObject::disconnect(connection);
        ASSERT_EQ(finished, count);
    }

    static void expectWithin(const QDateTime &time, const QDateTime &from, double lowS, double highS)
    {
        const double seconds = from.msecsTo(time) / 1000.0;
        EXPECT_GE(seconds, lowS) << time.toString(Qt::ISODateWithMs).toStdString();
        EXPECT_LE(seconds, highS) << time.toString(Qt::ISODateWithMs).toStdString();
    }

    TestHttpServer m_server;
    TestDatabase m_testDb{QStringLiteral("sqlite")};
    std::unique_ptr<Database> m_db;
    qint64 m_owner = 0;
    std::unique_ptr<Vault> m_vault;
    SteppedClock m_clock;
    PlatformRegistry m_platforms = PlatformRegistry::builtin();
    CheckPlanner m_planner{42};
    std::unique_ptr<HttpClient> m_http;
    std::unique_ptr<CheckRunner> m_runner;
    std::unique_ptr<CheckService> m_checks;
    std::unique_ptr<Scheduler> m_scheduler;
};

TEST_F(SchedulerTest, StartSpreadsOverdueKeysOverAMinuteAndKeepsAFutureSchedule)
{
    const qint64 unplanned = addKey("ok");
    const qint64 overdue = addKey("ok");
    const qint64 planned = addKey("ok");
    for (qint64 id : {unplanned, overdue, planned})
        storeEarlierCheck(id);
    ASSERT_TRUE(ApiKeyRepository(*m_db).setNextCheckAt(overdue, kStart.addSecs(-3600)));
    ASSERT_TRUE(ApiKeyRepository(*m_db).setNextCheckAt(planned, kStart.addSecs(600)));
    m_scheduler->start();
    expectWithin(storedNext(unplanned), kStart, 0, 60);
    expectWithin(storedNext(overdue), kStart, 0, 60);
    EXPECT_EQ(storedNext(planned), kStart.addSecs(600));
    // Nothing fires at once: keys checked before wait for their place in the spread.
    m_scheduler->tick();
    EXPECT_EQ(m_scheduler->inFlight(), 0);
}

// Checks that end together are stored together (CheckService::writeBehind): each is committed
// before it is told (another connection reads it inside snapshotStored()), and a row the
// database refuses fails only its own check, not the others of its transaction.
TEST_F(SchedulerTest, ChecksEndingTogetherAreCommittedBeforeTheyAreToldAndFailAlone)
{
    const std::vector<qint64> ids{addKey("ok"), addKey("ok"), addKey("ok"), addKey("ok")};
    const qint64 refused = ids[2];
    ASSERT_TRUE(
        m_db->run(QStringLiteral("CREATE TRIGGER refuse_one BEFORE INSERT ON snapshots WHEN "
                                 "NEW.key_id = %1 BEGIN SELECT RAISE(ABORT, 'refused by the test'); END")
                      .arg(refused)));
    const std::unique_ptr<Database> other = m_testDb.open();
    ASSERT_NE(other, nullptr);
    std::vector<qint64> toldStored;
    std::vector<qint64> seenByOther;
    QObject::connect(m_checks.get(), &CheckService::snapshotStored, m_checks.get(),
                     [&](qint64 keyId, const Snapshot &snapshot) {
                         toldStored.push_back(keyId);
                         auto latest = SnapshotRepository(*other).latest(keyId);
                         if (latest && *latest && (**latest).id == snapshot.id)
                             seenByOther.push_back(keyId);
                     });
    std::map<qint64, Snapshot> finished;
    std::map<qint64, bool> stored;
    QObject::connect(m_checks.get(), &CheckService::checkFinished, m_checks.get(),
                     [&](qint64 keyId, const Snapshot &snapshot, bool wasStored) {
                         finished[keyId] = snapshot;
                         stored[keyId] = wasStored;
                     });
    QSignalSpy databaseFailed(m_checks.get(), &CheckService::databaseFailed);

    for (qint64 id : ids)
        m_checks->check(id);
    EXPECT_EQ(m_checks->inFlight(), 4);
    waitForChecks(4);

    EXPECT_EQ(m_checks->inFlight(), 0);
    const std::vector<qint64> fine{ids[0], ids[1], ids[3]};
    std::sort(toldStored.begin(), toldStored.end());
    std::sort(seenByOther.begin(), seenByOther.end());
    EXPECT_EQ(toldStored, fine);
    EXPECT_EQ(seenByOther, fine);
    for (qint64 id : fine) {
        EXPECT_TRUE(stored[id]);
        EXPECT_EQ(finished[id].status, CheckStatus::Ok);
        EXPECT_GT(finished[id].id, 0);
    }
    EXPECT_FALSE(stored[refused]);
    EXPECT_TRUE(finished[refused].error.contains(QStringLiteral("refused by the test")))
        << finished[refused].error.toStdString();
    EXPECT_EQ(databaseFailed.count(), 1);
    auto refusedLatest = SnapshotRepository(*m_db).latest(refused);
    ASSERT_TRUE(refusedLatest);
    EXPECT_FALSE(refusedLatest->has_value());
}

TEST_F(SchedulerTest, AKeyNeverCheckedIsCheckedAtStartAndWhenItAppears)
{
    const qint64 waiting = addKey("ok");
    const qint64 fresh = addKey("ok");
    storeEarlierCheck(waiting);
    m_scheduler->start();
    EXPECT_EQ(m_scheduler->dueAt(fresh), kStart);
    EXPECT_EQ(storedNext(fresh), kStart);
    // The clock stands still: only the key with nothing to show yet runs, through the timer.
    waitForChecks(1);
    EXPECT_EQ(m_server.requestCount(), 1);
    EXPECT_GT(m_scheduler->dueAt(fresh), kStart);

    // A key added while running (here, or by another process: Engine reloads on its feed).
    const qint64 added = addKey("ok");
    m_scheduler->reload();
    EXPECT_EQ(m_scheduler->dueAt(added), kStart);
    waitForChecks(1);
    EXPECT_EQ(m_server.requestCount(), 2);
    EXPECT_GT(m_scheduler->dueAt(added), kStart);
    EXPECT_GT(m_scheduler->dueAt(waiting), kStart);
}

TEST_F(SchedulerTest, OverdueKeysWithAShortIntervalAreNotLeftWaitingAMinute)
{
    std::vector<qint64> ids;
    for (int i = 0; i < 20; ++i) {
        const qint64 id = addKey("ok", 10);
        storeEarlierCheck(id);
        ASSERT_TRUE(ApiKeyRepository(*m_db).setNextCheckAt(id, kStart.addSecs(-3600)));
        ids.push_back(id);
    }
    const qint64 slow = addKey("ok", 3600);
    storeEarlierCheck(slow);
    m_scheduler->start();
    QDateTime latest = kStart;
    for (qint64 id : ids) {
        expectWithin(m_scheduler->dueAt(id), kStart, 0, 10);
        latest = std::max(latest, m_scheduler->dueAt(id));
    }
    EXPECT_GT(kStart.msecsTo(latest), 0); // spread, not all at the same instant
    expectWithin(m_scheduler->dueAt(slow), kStart, 0, 60);
}

TEST_F(SchedulerTest, DueKeysRunAtMostMaxConcurrentAtOnceAndArePlannedAnInterval)
{
    std::vector<qint64> ids;
    for (int i = 0; i < 5; ++i)
        ids.push_back(addKey("ok", 600));
    m_scheduler->setMaxConcurrent(2);
    m_scheduler->start();
    m_clock.advance(61);
    m_scheduler->tick();
    EXPECT_EQ(m_scheduler->inFlight(), 2);
    waitForChecks(5);
    EXPECT_EQ(m_server.requestCount(), 5);
    EXPECT_EQ(m_server.maxConcurrentConnections(), 2);
    for (qint64 id : ids)
        expectWithin(storedNext(id), m_clock.nowUtc(), 540, 660); // 600 s ± 10 %
}

TEST_F(SchedulerTest, TransientFailureIsRetriedSoonAndARefusedKeyWaitsItsInterval)
{
    const qint64 down = addKey("down", 3600);
    const qint64 refused = addKey("refused", 3600);
    m_scheduler->start();
    m_clock.advance(61);
    m_scheduler->tick();
    waitForChecks(2);
    expectWithin(storedNext(down), m_clock.nowUtc(), 13.5, 16.5);    // first retry: 15 s ± 10 %
    expectWithin(storedNext(refused), m_clock.nowUtc(), 3240, 3960); // the regular interval
    // The second failure in a row waits twice as long.
    m_clock.advance(17);
    m_scheduler->tick();
    waitForChecks(1);
    expectWithin(storedNext(down), m_clock.nowUtc(), 27, 33);
}

TEST_F(SchedulerTest, ARetiredEndpointAndAnEmptyAccountWaitTheirInterval)
{
    // Neither comes back in a few seconds: a 410 (gone) and a 402 (out of credit) are not
    // retried before the key's next regular check, however often they answer so.
    const qint64 gone = addKey("gone", 3600);
    const qint64 empty = addKey("empty", 3600);
    m_scheduler->start();
    for (int round = 0; round < 2; ++round) {
        SCOPED_TRACE(round);
        m_clock.advance(round == 0 ? 61 : 3961);
        m_scheduler->tick();
        waitForChecks(2);
        expectWithin(storedNext(gone), m_clock.nowUtc(), 3240, 3960);
        expectWithin(storedNext(empty), m_clock.nowUtc(), 3240, 3960);
    }
    auto latestGone = SnapshotRepository(*m_db).latest(gone);
    ASSERT_TRUE(latestGone && *latestGone);
    EXPECT_EQ((**latestGone).status, CheckStatus::Unsupported);
    auto latestEmpty = SnapshotRepository(*m_db).latest(empty);
    ASSERT_TRUE(latestEmpty && *latestEmpty);
    EXPECT_TRUE((**latestEmpty).outOfCredit());
    EXPECT_EQ(SnapshotRepository(*m_db).countInRange(gone, kStart, m_clock.nowUtc().addSecs(1)), 2);
}

TEST_F(SchedulerTest, OpenBreakerLeavesTheHostAlone)
{
    for (int i = 0; i < 7; ++i)
        addKey("down", 3600);
    m_scheduler->setMaxConcurrent(1); // one after another, so the breaker sees each failure
    std::vector<std::pair<CircuitBreaker::State, QDateTime>> changes;
    QObject::connect(m_scheduler.get(), &Scheduler::breakerChanged, m_scheduler.get(),
                     [&changes](const QString &host, CircuitBreaker::State state, const QDateTime &until) {
                         EXPECT_EQ(host, QStringLiteral("127.0.0.1"));
                         changes.emplace_back(state, until);
                     });
    m_scheduler->start();
    m_clock.advance(61);
    m_scheduler->tick();
    waitForChecks(5);
    QEventLoop settle;
    QTimer::singleShot(200, &settle, &QEventLoop::quit);
    settle.exec();
    EXPECT_EQ(m_server.requestCount(), 5); // the threshold; the last two keys were not sent
    EXPECT_EQ(m_scheduler->breakerState(QStringLiteral("127.0.0.1")), CircuitBreaker::State::Open);
    EXPECT_EQ(m_scheduler->inFlight(), 0);
    // The change is announced once, with when the host is tried again (serve logs it).
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0].first, CircuitBreaker::State::Open);
    expectWithin(changes[0].second, m_clock.nowUtc(), 299, 301);
}

TEST_F(SchedulerTest, PausedSchedulerStartsNothingUntilResumed)
{
    addKey("ok");
    m_scheduler->start();
    m_scheduler->setPaused(true);
    m_clock.advance(61);
    m_scheduler->tick();
    EXPECT_EQ(m_scheduler->inFlight(), 0);
    m_scheduler->setPaused(false);
    EXPECT_EQ(m_scheduler->inFlight(), 1);
    waitForChecks(1);
}

TEST_F(SchedulerTest, CheckNowRunsAKeyAheadOfItsSchedule)
{
    const qint64 id = addKey("ok");
    ASSERT_TRUE(ApiKeyRepository(*m_db).setNextCheckAt(id, kStart.addSecs(3600)));
    m_scheduler->start();
    m_scheduler->checkNow(id);
    waitForChecks(1);
    EXPECT_EQ(m_server.requestCount(), 1);
}

TEST_F(SchedulerTest, StopLetsInFlightChecksFinishThenReportsIdle)
{
    addKey("ok");
    addKey("ok");
    m_scheduler->start();
    m_clock.advance(61);
    m_scheduler->tick();
    ASSERT_EQ(m_scheduler->inFlight(), 2);
    QSignalSpy idle(m_scheduler.get(), &Scheduler::idle);
    m_scheduler->stop();
    EXPECT_EQ(idle.count(), 0);
    ASSERT_TRUE(idle.wait(5000));
    EXPECT_EQ(m_scheduler->inFlight(), 0);
    m_clock.advance(3600);
    m_scheduler->tick(); // stopped: takes no new work
    EXPECT_EQ(m_scheduler->inFlight(), 0);
}

TEST_F(SchedulerTest, RestartKeepsThePlannedSchedule)
{
    const qint64 id = addKey("ok", 600);
    m_scheduler->start();
    m_clock.advance(61);
    m_scheduler->tick();
    waitForChecks(1);
    const QDateTime planned = storedNext(id);
    Scheduler restarted(*m_db, *m_checks, m_clock, m_planner);
    restarted.start();
    EXPECT_EQ(restarted.dueAt(id), planned);
    EXPECT_EQ(storedNext(id), planned);
}

// A database that cannot be written (here a SQLite file another connection keeps locked) is not a
// provider failure: DatabaseHealth says so once, the scheduler starts nothing meanwhile and does
// not count it against the host, and both resume on their own once the lock is gone.
TEST_F(SchedulerTest, ALockedDatabasePausesChecksWithoutBlamingTheProviderAndTheyResume)
{
    const qint64 id = addKey("ok");
    const auto stored = [this, id] {
        auto query = m_db->run(QStringLiteral("SELECT COUNT(*) FROM snapshots WHERE key_id = ?"), {id});
        return query && query->next() ? query->value(0).toInt() : -1;
    };
    DatabaseHealth health(*m_db, m_clock);
    QObject::connect(m_checks.get(), &CheckService::databaseFailed, &health, &DatabaseHealth::reportFailure);
    QObject::connect(&health, &DatabaseHealth::writableChanged, m_scheduler.get(),
                     [this](bool writable) { m_scheduler->setDatabaseAvailable(writable); });
    QSignalSpy lost(&health, &DatabaseHealth::unavailable);
    QSignalSpy back(&health, &DatabaseHealth::available);
    m_scheduler->start();
    waitForChecks(1);
    ASSERT_EQ(stored(), 1);

    auto locker = m_testDb.open();
    ASSERT_NE(locker, nullptr);
    ASSERT_TRUE(locker->run(QStringLiteral("BEGIN EXCLUSIVE")));
    m_scheduler->checkNow(id);
    // The insert waits out SQLite's busy timeout (5 s), then the ping does.
    ASSERT_TRUE(waitFor([&] { return lost.count() == 1; }, 20000));
    EXPECT_FALSE(m_scheduler->isDatabaseAvailable());
    EXPECT_EQ(m_scheduler->breakerState(QStringLiteral("127.0.0.1")), CircuitBreaker::State::Closed);
    const int requestsWhileDown = m_server.requestCount();
    m_scheduler->checkAll();
    QTest::qWait(300);
    EXPECT_EQ(m_server.requestCount(), requestsWhileDown) << "no check starts while the database is away";

    ASSERT_TRUE(locker->run(QStringLiteral("COMMIT")));
    ASSERT_TRUE(waitFor([&] { return back.count() == 1; }, 15000));
    EXPECT_TRUE(m_scheduler->isDatabaseAvailable());
    EXPECT_TRUE(waitFor([&] { return stored() >= 2; }, 10000))
        << "the check that could not be stored runs again once the database is back";
    EXPECT_EQ(lost.count(), 1);
    auto latest = SnapshotRepository(*m_db).latest(id);
    ASSERT_TRUE(latest && *latest);
    EXPECT_EQ((*latest)->status, CheckStatus::Ok);
}

// A full disk answers a ping as before; only a write tells. Here SQLite itself says "database or
// disk is full" (SQLITE_FULL): the file may not grow (max_page_count) and a trigger makes every
// stored check need a new page. The outage is said once, checks pause without blaming the
// provider, retries go on with backoff without announcing a new outage each time, and it is
// over only when a check is stored again.
TEST_F(SchedulerTest, AFullDiskIsAnOutageUntilACheckIsStoredAgain)
{
    const qint64 id = addKey("ok");
    const auto count = [this](const QString &sql) {
        auto query = m_db->run(sql);
        return query && query->next() ? query->value(0).toInt() : -1;
    };
    DatabaseHealth health(*m_db, m_clock);
    QObject::connect(m_checks.get(), &CheckService::databaseFailed, &health, &DatabaseHealth::reportFailure);
    QObject::connect(&health, &DatabaseHealth::writableChanged, m_scheduler.get(),
                     [this](bool writable) { m_scheduler->setDatabaseAvailable(writable); });
    QObject::connect(m_checks.get(), &CheckService::checkFinished, &health,
                     [&health](qint64, const Snapshot &, bool stored) {
                         if (stored)
                             health.reportWrite();
                     });
    QSignalSpy lost(&health, &DatabaseHealth::unavailable);
    QSignalSpy back(&health, &DatabaseHealth::available);
    m_scheduler->start();
    waitForChecks(1);
    ASSERT_EQ(count(QStringLiteral("SELECT COUNT(*) FROM snapshots")), 1);

    ASSERT_TRUE(m_db->run(QStringLiteral("CREATE TABLE filler (data BLOB)")));
    ASSERT_TRUE(m_db->run(QStringLiteral("CREATE TRIGGER fill_disk BEFORE INSERT ON snapshots BEGIN "
                                         "INSERT INTO filler VALUES (zeroblob(65536)); END")));
    const int pages = count(QStringLiteral("PRAGMA page_count"));
    ASSERT_GT(pages, 0);
    ASSERT_TRUE(m_db->run(QStringLiteral("PRAGMA max_page_count = %1").arg(pages)));
    ASSERT_TRUE(m_db->ping()) << "the full database still answers";

    m_scheduler->checkNow(id);
    ASSERT_TRUE(waitFor([&] { return lost.count() == 1; }, 10000));
    EXPECT_FALSE(health.isAvailable());
    EXPECT_TRUE(lost.at(0).at(1).toString().contains(QStringLiteral("full")))
        << lost.at(0).at(1).toString().toStdString();
    // Three retries (1 + 2 + 4 s): each lets a check try to store, each fails, and nothing more
    // is announced.
    const int requestsAtOutage = m_server.requestCount();
    QTest::qWait(7500);
    EXPECT_EQ(lost.count(), 1) << "one outage, said once";
    EXPECT_EQ(back.count(), 0) << "a ping alone does not end a full disk";
    EXPECT_GE(m_server.requestCount() - requestsAtOutage, 2) << "retries let a check try to write";
    EXPECT_LE(m_server.requestCount() - requestsAtOutage, 4) << "with backoff, not once a second";
    EXPECT_GE(health.retryDelayMs(), 4000);
    EXPECT_EQ(m_scheduler->breakerState(QStringLiteral("127.0.0.1")), CircuitBreaker::State::Closed);

    ASSERT_TRUE(m_db->run(QStringLiteral("PRAGMA max_page_count = 1073741823")));
    ASSERT_TRUE(waitFor([&] { return back.count() == 1; }, 15000));
    EXPECT_TRUE(health.isAvailable());
    EXPECT_EQ(lost.count(), 1);
    EXPECT_EQ(count(QStringLiteral("SELECT COUNT(*) FROM snapshots WHERE status = 'provider_error'")), 0);
    EXPECT_EQ(count(QStringLiteral("SELECT COUNT(*) FROM snapshots WHERE status = 'ok'")), 2);
}

// "Check all" is a run the front ends follow: every key once, done / total as they end, and a key
// being checked already counts with the check in flight instead of running twice.
TEST_F(SchedulerTest, CheckAllReportsProgressUntilEveryKeyIsDone)
{
    const std::vector<qint64> ids = addQuietKeys("ok", 3);
    m_scheduler->setMaxConcurrent(1);
    m_scheduler->start();
    QSignalSpy progress(m_scheduler.get(), &Scheduler::checkAllProgress);
    QSignalSpy ended(m_scheduler.get(), &Scheduler::checkAllEnded);
    m_scheduler->checkAll();
    EXPECT_TRUE(m_scheduler->checkAllRunning());
    EXPECT_EQ(m_scheduler->checkAllTotal(), 3);
    waitForChecks(3);
    ASSERT_EQ(ended.count(), 1);
    EXPECT_FALSE(ended.at(0).at(0).toBool());
    QList<int> done;
    for (const QList<QVariant> &args : progress) {
        EXPECT_EQ(args.at(1).toInt(), 3);
        done << args.at(0).toInt();
    }
    EXPECT_EQ(done, (QList<int>{0, 1, 2, 3}));
    EXPECT_FALSE(m_scheduler->checkAllRunning());
    EXPECT_EQ(m_server.requestCount(), 3);
    // Each key back on its interval, none checked a second time.
    QTest::qWait(200);
    EXPECT_EQ(m_server.requestCount(), 3);
    EXPECT_EQ(m_scheduler->inFlight(), 0);
}

// Cancel: the keys not started go back to their schedule, the one in flight finishes and is
// stored whole, nothing else is checked.
TEST_F(SchedulerTest, CancelledCheckAllStartsNothingMoreAndKeepsTheCheckInFlight)
{
    TestResponse slow = TestResponse::json(kBalance);
    slow.delayMs = 400;
    m_server.route("GET", "/slow/user/balance", slow);
    const std::vector<qint64> ids = addQuietKeys("slow", 4);
    m_scheduler->setMaxConcurrent(1);
    m_scheduler->start();
    std::map<qint64, QDateTime> planned;
    for (qint64 id : ids)
        planned[id] = m_scheduler->dueAt(id);
    QSignalSpy ended(m_scheduler.get(), &Scheduler::checkAllEnded);
    m_scheduler->checkAll();
    ASSERT_TRUE(waitFor([&] { return m_scheduler->inFlight() == 1; }));
    m_scheduler->cancelCheckAll();
    ASSERT_EQ(ended.count(), 1);
    EXPECT_TRUE(ended.at(0).at(0).toBool());
    EXPECT_FALSE(m_scheduler->checkAllRunning());
    waitForChecks(1);
    QTest::qWait(600);
    EXPECT_EQ(m_server.requestCount(), 1);
    EXPECT_EQ(m_scheduler->inFlight(), 0);
    int checked = 0;
    for (qint64 id : ids) {
        // The others wait for their own time again.
        if ((*SnapshotRepository(*m_db).latest(id))->checkedAt == kStart)
            ++checked;
        else
            EXPECT_EQ(m_scheduler->dueAt(id), planned[id]);
    }
    EXPECT_EQ(checked, 1);
    EXPECT_GT(m_scheduler->nextDue(), kStart);
}

// The cause of "No check planned" after adding a key: while its first check ran nothing else was
// planned, and nobody was told when the check ended and planned the next. nextDueChanged() says so.
TEST_F(SchedulerTest, NextDueIsToldWhenACheckEndsAndPlansTheNext)
{
    m_scheduler->start();
    EXPECT_FALSE(m_scheduler->nextDue().isValid());
    QSignalSpy changed(m_scheduler.get(), &Scheduler::nextDueChanged);
    addKey("ok", 600);
    m_scheduler->reload();
    ASSERT_GE(changed.count(), 1);
    EXPECT_TRUE(changed.last().at(0).toDateTime().isValid());
    // Never checked: due at once, so it starts on the timer.
    waitForChecks(1);
    const QDateTime next = m_scheduler->nextDue();
    ASSERT_TRUE(next.isValid());
    EXPECT_EQ(changed.last().at(0).toDateTime(), next);
    expectWithin(next, m_clock.nowUtc(), 540, 660);
}
