// Team mode's leases on the real PostgreSQL server (and that SQLite stays as it was): claims from
// several connections never overlap, a live lease is respected even by a forced check, an expired
// one is taken over, giving a key back stores its next time by the database's clock, and two
// schedulers on two connections check each key once between them.
#include "adapters/platformregistry.h"
#include "core/clock.h"
#include "core/crypto/vault.h"
#include "core/keys/keyservice.h"
#include "core/keys/keyvalidator.h"
#include "core/poll/checkrunner.h"
#include "core/poll/checkservice.h"
#include "core/poll/httpclient.h"
#include "core/poll/instanceidentity.h"
#include "core/poll/scheduler.h"
#include "core/storage/apikeyrepository.h"
#include "core/storage/keyleaserepository.h"
#include "tests/support/backendtest.h"
#include "tests/support/testhttpserver.h"
#include "tests/support/waitfor.h"

#include <QCoreApplication>
#include <QThread>
#include <map>
#include <mutex>
#include <set>

using namespace qw;
using namespace qw::test;

namespace {

const QByteArray kBalance =
    R"({"is_available":true,"balance_infos":[{"currency":"CNY","total_balance":"42.00","granted_balance":"0","topped_up_balance":"42.00"}]})";

// One instance's checking parts on a connection of its own, as a second process would have them.
struct Instance
{
    Instance(const TestDatabase &testDb, const Vault &vault, const PlatformRegistry &platforms,
             const Clock &clock, const QString &name, int maxConcurrent)
        : db(testDb.open())
        , http(HttpClientLimits{.timeoutMs = 5000, .maxConcurrent = 16, .maxPerHost = 16})
        , runner(platforms, http, clock)
        , checks(*db, vault, runner)
        , scheduler(*db, checks, clock, planner)
    {
        scheduler.setInstance(name);
        scheduler.setMaxConcurrent(maxConcurrent);
        QObject::connect(&checks, &CheckService::checkFinished, &checks,
                         [this](qint64 keyId, const Snapshot &, bool stored) {
                             if (stored)
                                 ++checked[keyId];
                         });
    }

    std::unique_ptr<Database> db;
    HttpClient http;
    CheckRunner runner;
    CheckService checks;
    CheckPlanner planner;
    Scheduler scheduler;
    std::map<qint64, int> checked;
};

} // namespace

class KeyLeaseTest : public OwnedBackendTest
{
protected:
    void SetUp() override
    {
        OwnedBackendTest::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        m_vault = std::make_unique<Vault>(*Fernet::fromKey(Fernet::generateKey().view()));
        TestResponse ok = TestResponse::json(kBalance);
        ok.delayMs = 30;
        m_server.route("GET", "/user/balance", ok);
    }

    qint64 addKey(int intervalS = 600)
    {
        KeyDraft draft;
        draft.name = QStringLiteral("key %1").arg(++m_added);
        draft.platform = QStringLiteral("deepseek");
        draft.baseUrl = m_server.baseUrl();
        draft.interval = QString::number(intervalS);
        auto key = KeyValidator(m_platforms).validate(draft);
        EXPECT_TRUE(key);
        const QByteArray secret = "sk-lease-" + QByteArray::number(m_added) + "-0123456789";
        auto id = KeyService(*m_db, &*m_vault, m_owner).add(PendingKey{*key, SecureBytes::copyOf(secret)});
        EXPECT_TRUE(id);
        return id.value_or(0);
    }

    std::vector<qint64> addKeys(int count, int intervalS = 600)
    {
        std::vector<qint64> ids;
        for (int i = 0; i < count; ++i)
            ids.push_back(addKey(intervalS));
        return ids;
    }

    qint64 scalar(const QString &sql, const QVariantList &values = {})
    {
        auto query = m_db->run(sql, values);
        if (!query || !query->next()) {
            ADD_FAILURE() << "cannot read: " << sql.toStdString();
            return -1;
        }
        return query->value(0).toLongLong();
    }

    std::unique_ptr<Vault> m_vault;
    PlatformRegistry m_platforms = PlatformRegistry::builtin();
    SystemClock m_clock;
    TestHttpServer m_server;
    int m_added = 0;
};

TEST_F(KeyLeaseTest, ClaimsFromTwoConnectionsAreDisjointAndCoverEveryDueKey)
{
    if (!isPostgres())
        GTEST_SKIP() << "leases are PostgreSQL's (SQLite has one instance)";
    const std::vector<qint64> ids = addKeys(20);
    auto first = m_testDb->open();
    auto second = m_testDb->open();
    KeyLeaseRepository a(*first);
    KeyLeaseRepository b(*second);

    auto claimedA = a.claim(QStringLiteral("a"), ids, {}, 8, 60000);
    auto claimedB = b.claim(QStringLiteral("b"), ids, {}, 8, 60000);
    ASSERT_TRUE(claimedA && claimedB);
    EXPECT_EQ(claimedA->size(), 8U) << "no more than the free slots";
    EXPECT_EQ(claimedB->size(), 8U);
    // A third instance gets what is left: the others' leases are live.
    auto rest = KeyLeaseRepository(*m_db).claim(QStringLiteral("c"), ids, {}, 100, 60000);
    ASSERT_TRUE(rest);
    EXPECT_EQ(rest->size(), 4U);

    std::multiset<qint64> all(claimedA->begin(), claimedA->end());
    all.insert(claimedB->begin(), claimedB->end());
    all.insert(rest->begin(), rest->end());
    EXPECT_EQ(all, std::multiset<qint64>(ids.begin(), ids.end())) << "each key leased exactly once";
    EXPECT_TRUE(a.claim(QStringLiteral("d"), ids, ids, 100, 60000)->empty())
        << "live leases held by another are not taken, not even for a forced check";
    EXPECT_EQ(scalar(QStringLiteral("SELECT COUNT(*) FROM api_keys WHERE lease_owner = 'a'")), 8);
}

TEST_F(KeyLeaseTest, ConcurrentClaimersOnTheirOwnConnectionsNeverShareAKey)
{
    if (!isPostgres())
        GTEST_SKIP() << "leases are PostgreSQL's";
    const std::vector<qint64> ids = addKeys(60);
    std::mutex mutex;
    std::multiset<qint64> claimed;
    std::vector<std::unique_ptr<QThread>> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back(QThread::create([&, t] {
            auto db = m_testDb->open(); // a connection of this thread's own
            KeyLeaseRepository leases(*db);
            for (int round = 0; round < 200; ++round) {
                // A new owner each round: an instance may take its own lease again, another may not.
                const QString owner = QStringLiteral("claimer-%1-%2").arg(t).arg(round);
                auto got = leases.claim(owner, ids, {}, 2, 60000);
                if (!got || got->empty())
                    break;
                const std::lock_guard lock(mutex);
                claimed.insert(got->begin(), got->end());
            }
        }));
        threads.back()->start();
    }
    for (auto &thread : threads)
        ASSERT_TRUE(thread->wait(30000));
    EXPECT_EQ(claimed, std::multiset<qint64>(ids.begin(), ids.end()));
}

TEST_F(KeyLeaseTest, AnExpiredLeaseIsTakenOverAndAFutureKeyOnlyByForce)
{
    if (!isPostgres())
        GTEST_SKIP() << "leases are PostgreSQL's";
    const qint64 key = addKey();
    const qint64 later = addKey();
    auto other = m_testDb->open();
    KeyLeaseRepository dead(*other);
    KeyLeaseRepository alive(*m_db);
    ASSERT_EQ(*dead.claim(QStringLiteral("dead"), {key}, {}, 8, 60000), std::vector<qint64>{key});
    EXPECT_TRUE(alive.claim(QStringLiteral("alive"), {key}, {}, 8, 60000)->empty());
    // The holder died: nobody gives the lease back, it runs out.
    ASSERT_TRUE(m_db->run(
        QStringLiteral("UPDATE api_keys SET lease_until = lease_until - 61000 WHERE id = ?"), {key}));
    EXPECT_EQ(*alive.claim(QStringLiteral("alive"), {key}, {}, 8, 60000), std::vector<qint64>{key});
    EXPECT_EQ(
        scalar(QStringLiteral("SELECT COUNT(*) FROM api_keys WHERE id = ? AND lease_owner = 'alive'"), {key}),
        1);

    // Given back with the next check in ten minutes, by the database's clock.
    EXPECT_FALSE(*dead.release(key, QStringLiteral("dead"), 600000, true)) << "not its lease any more";
    ASSERT_TRUE(*alive.release(key, QStringLiteral("alive"), 600000, true));
    EXPECT_EQ(scalar(QStringLiteral("SELECT COUNT(*) FROM api_keys WHERE id = ? AND lease_until IS NULL AND "
                                    "last_checked_by = 'alive'"),
                     {key}),
              1);
    const qint64 dueIn =
        scalar(QStringLiteral("SELECT next_check_at - CAST(EXTRACT(EPOCH FROM now()) * 1000 AS BIGINT) "
                              "FROM api_keys WHERE id = ?"),
               {key});
    EXPECT_GT(dueIn, 590000);
    EXPECT_LE(dueIn, 600000);
    auto timings = alive.timings({key});
    ASSERT_TRUE(timings);
    ASSERT_EQ(timings->size(), 1U);
    EXPECT_GT(timings->front().dueInMs.value_or(0), 590000);
    EXPECT_FALSE(timings->front().leasedForMs);

    // Not due: a regular claim leaves it, a forced one (a user's "check now") takes it.
    EXPECT_TRUE(dead.claim(QStringLiteral("dead"), {key}, {}, 8, 60000)->empty());
    EXPECT_EQ(*dead.claim(QStringLiteral("dead"), {}, {key}, 8, 60000), std::vector<qint64>{key});
    ASSERT_TRUE(ApiKeyRepository(*m_db).setEnabled(later, false));
    EXPECT_TRUE(dead.claim(QStringLiteral("dead"), {later}, {later}, 8, 60000)->empty()) << "disabled";
}

TEST_F(KeyLeaseTest, TwoSchedulersCheckEachKeyOnceBetweenThemAndFollowEachOthersSchedule)
{
    if (!isPostgres())
        GTEST_SKIP() << "leases are PostgreSQL's";
    const std::vector<qint64> ids = addKeys(24);
    Instance one(*m_testDb, *m_vault, m_platforms, m_clock, QStringLiteral("one"), 3);
    Instance two(*m_testDb, *m_vault, m_platforms, m_clock, QStringLiteral("two"), 3);
    ASSERT_TRUE(one.scheduler.usesLeases());
    // Short leases, so that the instance that did not check a key looks at it again during the
    // test: it must then follow the schedule the checker stored instead of checking it too.
    one.scheduler.setLeaseMs(1500);
    two.scheduler.setLeaseMs(1500);
    one.scheduler.start();
    two.scheduler.start();
    const auto total = [&] {
        int sum = 0;
        for (const auto *instance : {&one, &two})
            for (const auto &[id, count] : instance->checked)
                sum += count;
        return sum;
    };
    ASSERT_TRUE(waitFor([&] { return total() >= int(ids.size()); }, 20000)) << total();
    // Past the leases' end: each instance wakes for the keys the other held, and finds them
    // checked and due in ten minutes.
    (void)waitFor([] { return false; }, 3000);
    one.scheduler.stop();
    two.scheduler.stop();

    EXPECT_EQ(total(), int(ids.size()));
    EXPECT_EQ(m_server.requestCount(), int(ids.size())) << "each key asked once";
    EXPECT_GT(one.checked.size(), 0U) << "both did a share";
    EXPECT_GT(two.checked.size(), 0U);
    for (const qint64 id : ids) {
        const int byOne = one.checked.contains(id) ? one.checked.at(id) : 0;
        const int byTwo = two.checked.contains(id) ? two.checked.at(id) : 0;
        EXPECT_EQ(byOne + byTwo, 1) << "key " << id;
        const QString checker = byOne ? QStringLiteral("one") : QStringLiteral("two");
        EXPECT_EQ((*ApiKeyRepository(*m_db).find(id))->lastCheckedBy, checker);
        // The other one planned it for when the checker stored it (10 minutes, ±10 %), not now.
        Instance &idle = byOne ? two : one;
        const qint64 plannedInS = QDateTime::currentDateTimeUtc().secsTo(idle.scheduler.dueAt(id));
        EXPECT_GT(plannedInS, 500) << "key " << id;
    }
    EXPECT_EQ(scalar(QStringLiteral("SELECT COUNT(*) FROM api_keys WHERE lease_until IS NOT NULL")), 0)
        << "every lease given back";
}

TEST_F(KeyLeaseTest, CheckNowTakesAKeyDueLaterButLeavesOneAnotherInstanceIsChecking)
{
    if (!isPostgres())
        GTEST_SKIP() << "leases are PostgreSQL's";
    const qint64 later = addKey();
    const qint64 busy = addKey();
    ASSERT_TRUE(m_db->run(QStringLiteral("UPDATE api_keys SET next_check_at = "
                                         "CAST(EXTRACT(EPOCH FROM now()) * 1000 AS BIGINT) + 600000")));
    auto otherDb = m_testDb->open();
    ASSERT_EQ(*KeyLeaseRepository(*otherDb).claim(QStringLiteral("other"), {}, {busy}, 1, 60000),
              std::vector<qint64>{busy});

    Instance one(*m_testDb, *m_vault, m_platforms, m_clock, QStringLiteral("one"), 3);
    one.scheduler.start();
    (void)waitFor([] { return false; }, 500);
    EXPECT_EQ(m_server.requestCount(), 0) << "both are due in ten minutes";

    one.scheduler.checkNow(later);
    one.scheduler.checkNow(busy);
    ASSERT_TRUE(waitFor([&] { return one.checked[later] == 1; }));
    (void)waitFor([] { return false; }, 500);
    one.scheduler.stop();
    EXPECT_EQ(one.checked[busy], 0) << "another instance is checking it";
    EXPECT_EQ(m_server.requestCount(), 1);
    EXPECT_EQ((*ApiKeyRepository(*m_db).find(later))->lastCheckedBy, QStringLiteral("one"));
    EXPECT_EQ(
        scalar(QStringLiteral("SELECT COUNT(*) FROM api_keys WHERE id = ? AND lease_owner = 'other' AND "
                              "lease_until IS NOT NULL"),
               {busy}),
        1);
}

TEST_F(KeyLeaseTest, OnSqliteTheSchedulerLeasesNothingAndStoresItsPlanAsBefore)
{
    if (isPostgres())
        GTEST_SKIP() << "the SQLite side";
    const qint64 key = addKey();
    Instance only(*m_testDb, *m_vault, m_platforms, m_clock, QStringLiteral("only"), 3);
    EXPECT_FALSE(only.scheduler.usesLeases());
    only.scheduler.start();
    ASSERT_TRUE(waitFor([&] { return only.checked[key] == 1; }));
    only.scheduler.stop();
    const ApiKey stored = **ApiKeyRepository(*m_db).find(key);
    EXPECT_TRUE(stored.lastCheckedBy.isEmpty());
    EXPECT_GT(QDateTime::currentDateTimeUtc().secsTo(stored.nextCheckAt), 500);
    EXPECT_EQ(scalar(QStringLiteral("SELECT COUNT(*) FROM api_keys WHERE lease_owner IS NOT NULL")), 0);
}

TEST(InstanceIdentity, NamesTheRoleHostAndProcessAndDiffersEachTime)
{
    const QString first = InstanceIdentity::create(QStringLiteral("serve")).name();
    const QString second = InstanceIdentity::create(QStringLiteral("serve")).name();
    EXPECT_TRUE(first.startsWith(QStringLiteral("serve@"))) << first.toStdString();
    EXPECT_TRUE(first.contains(QStringLiteral(":%1-").arg(QCoreApplication::applicationPid())))
        << first.toStdString();
    EXPECT_NE(first, second);
    EXPECT_EQ(InstanceIdentity::roleOfThisProcess(), QStringLiteral("cli"));
}
