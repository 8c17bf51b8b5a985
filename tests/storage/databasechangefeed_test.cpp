// DatabaseChangeFeed with a second connection to the same database standing in for another
// process (the CLI, `serve`, a second desktop): a second connection to the SQLite file, or a
// second session on the fixture's PostgreSQL server. What it writes is reported within 2 s; the
// scheduler's bookkeeping and what the watched connection writes itself are not.
#include "adapters/platformregistry.h"
#include "core/alerts/alertengine.h"
#include "core/storage/apikeyrepository.h"
#include "core/storage/database.h"
#include "core/storage/databasechangefeed.h"
#include "core/storage/keyleaserepository.h"
#include "core/storage/settingsrepository.h"
#include "core/storage/snapshotrepository.h"
#include "tests/support/backendtest.h"
#include "tests/support/waitfor.h"

#include <algorithm>
#include <vector>

using namespace qw;
using qw::test::OwnedBackendTest;
using qw::test::waitFor;

namespace {

// The promise to the user: a change made elsewhere shows within two seconds.
constexpr int kWithinMs = 2000;

// Runs the event loop for `ms`, so that the feed gets to look at what was written meanwhile.
void idleFor(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace

class ChangeFeed : public OwnedBackendTest
{
protected:
    void SetUp() override
    {
        OwnedBackendTest::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        m_other = m_testDb->open();
        ASSERT_NE(m_other, nullptr);
        m_feed = std::make_unique<DatabaseChangeFeed>(*m_db);
        QObject::connect(m_feed.get(), &DatabaseChangeFeed::keysChanged, m_feed.get(), [this] { ++m_keys; });
        QObject::connect(m_feed.get(), &DatabaseChangeFeed::settingsChanged, m_feed.get(),
                         [this] { ++m_settings; });
        QObject::connect(m_feed.get(), &DatabaseChangeFeed::checkStored, m_feed.get(),
                         [this](qint64 keyId) { m_checks.push_back(keyId); });
        QObject::connect(m_feed.get(), &DatabaseChangeFeed::alertRaised, m_feed.get(),
                         [this](qint64 keyId) { m_alerts.push_back(keyId); });
        m_feed->start();
    }

    void TearDown() override
    {
        m_feed.reset();
        m_other.reset();
    }

    ApiKey sampleKey(const QString &name) const
    {
        ApiKey key;
        key.userId = m_owner;
        key.name = name;
        key.platform = QStringLiteral("deepseek");
        key.secretEnc = QByteArrayLiteral("gAAAAAB-token-");
        key.secretHint = QStringLiteral("sk-…abcd");
        key.intervalS = 60;
        return key;
    }

    static Snapshot sampleCheck(qint64 keyId)
    {
        Snapshot snapshot;
        snapshot.keyId = keyId;
        snapshot.checkedAt = QDateTime::currentDateTimeUtc();
        snapshot.kind = ReadingKind::Balance;
        snapshot.remaining = Amount::parse(u"12.5");
        snapshot.unit = QStringLiteral("USD");
        return snapshot;
    }

    // Waits for the next keysChanged() and counts it off.
    ::testing::AssertionResult keysReported()
    {
        const int before = m_keys;
        if (!waitFor([&] { return m_keys > before; }, kWithinMs))
            return ::testing::AssertionFailure() << "no keysChanged() within " << kWithinMs << " ms";
        return ::testing::AssertionSuccess();
    }

    [[nodiscard]] bool checkReported(qint64 keyId)
    {
        return waitFor([&] { return std::find(m_checks.begin(), m_checks.end(), keyId) != m_checks.end(); },
                       kWithinMs);
    }

    std::unique_ptr<Database> m_other;
    std::unique_ptr<DatabaseChangeFeed> m_feed;
    int m_keys = 0;
    int m_settings = 0;
    std::vector<qint64> m_checks;
    std::vector<qint64> m_alerts;
};

TEST_F(ChangeFeed, KeysAddedEditedPausedAndRemovedElsewhereAreReportedWithinTwoSeconds)
{
    ApiKeyRepository keys(*m_other);
    auto id = keys.insert(sampleKey(QStringLiteral("added elsewhere")));
    ASSERT_TRUE(id) << id.error().message.toStdString();
    EXPECT_TRUE(keysReported());

    ApiKey edited = **keys.find(*id);
    edited.name = QStringLiteral("renamed elsewhere");
    ASSERT_TRUE(keys.update(edited));
    EXPECT_TRUE(keysReported());

    ASSERT_TRUE(keys.setEnabled(*id, false));
    EXPECT_TRUE(keysReported());

    ASSERT_TRUE(keys.remove(*id));
    EXPECT_TRUE(keysReported());
    EXPECT_TRUE(m_checks.empty());
}

TEST_F(ChangeFeed, ABurstOfKeysIsReportedOnce)
{
    std::vector<ApiKey> burst;
    for (int i = 0; i < 20; ++i)
        burst.push_back(sampleKey(QStringLiteral("imported %1").arg(i)));
    ASSERT_TRUE(ApiKeyRepository(*m_other).insertAll(burst));
    EXPECT_TRUE(keysReported());
    idleFor(3 * DatabaseChangeFeed::kDefaultPollMs);
    EXPECT_EQ(m_keys, 1);
}

TEST_F(ChangeFeed, ChecksStoredElsewhereAreReportedForTheirKeys)
{
    auto first = ApiKeyRepository(*m_other).insert(sampleKey(QStringLiteral("first")));
    auto second = ApiKeyRepository(*m_other).insert(sampleKey(QStringLiteral("second")));
    ASSERT_TRUE(first && second);
    ASSERT_TRUE(keysReported());
    idleFor(DatabaseChangeFeed::kDefaultPollMs * 2); // both inserts may come one by one
    const int keyReports = m_keys;

    ASSERT_TRUE(SnapshotRepository(*m_other).insert(sampleCheck(*second)));
    EXPECT_TRUE(checkReported(*second));
    EXPECT_EQ(std::count(m_checks.begin(), m_checks.end(), *first), 0);

    ASSERT_TRUE(SnapshotRepository(*m_other).insert(sampleCheck(*first)));
    EXPECT_TRUE(checkReported(*first));
    // A check is no key change.
    idleFor(DatabaseChangeFeed::kDefaultPollMs * 2);
    EXPECT_EQ(m_keys, keyReports);
}

TEST_F(ChangeFeed, AlertsRaisedElsewhereAreReportedForTheirKeys)
{
    ApiKey quiet = sampleKey(QStringLiteral("quiet"));
    ApiKey low = sampleKey(QStringLiteral("low"));
    low.threshold = Amount::parse(u"20");
    auto quietId = ApiKeyRepository(*m_other).insert(quiet);
    auto lowId = ApiKeyRepository(*m_other).insert(low);
    ASSERT_TRUE(quietId && lowId);
    low.id = *lowId;
    quiet.id = *quietId;
    const PlatformRegistry noPlatforms;
    AlertEngine elsewhere(*m_other, noPlatforms);

    // A check under the threshold raises low_balance there; one of the quiet key raises nothing.
    const Snapshot quietCheck = sampleCheck(*quietId);
    ASSERT_TRUE(SnapshotRepository(*m_other).insert(quietCheck));
    auto none = elsewhere.evaluate(quiet, quietCheck);
    ASSERT_TRUE(none && none->empty());
    const Snapshot lowCheck = sampleCheck(*lowId);
    ASSERT_TRUE(SnapshotRepository(*m_other).insert(lowCheck));
    auto raised = elsewhere.evaluate(low, lowCheck);
    ASSERT_TRUE(raised) << raised.error().message.toStdString();
    ASSERT_EQ(raised->size(), 1u);

    EXPECT_TRUE(waitFor([&] { return !m_alerts.empty(); }, kWithinMs));
    EXPECT_TRUE(checkReported(*lowId));
    idleFor(DatabaseChangeFeed::kDefaultPollMs * 2);
    EXPECT_EQ(m_alerts, std::vector<qint64>{*lowId});
}

TEST_F(ChangeFeed, SettingsChangedElsewhereAreReported)
{
    ASSERT_TRUE(
        SettingsRepository(*m_other).setValue(QStringLiteral("alerts.forecast_days"), QStringLiteral("5")));
    EXPECT_TRUE(waitFor([&] { return m_settings == 1; }, kWithinMs));
    EXPECT_EQ(m_keys, 0);
}

TEST_F(ChangeFeed, TheSchedulersBookkeepingElsewhereIsNoKeyChange)
{
    auto id = ApiKeyRepository(*m_other).insert(sampleKey(QStringLiteral("scheduled")));
    ASSERT_TRUE(id);
    ASSERT_TRUE(keysReported());
    ASSERT_TRUE(ApiKeyRepository(*m_other).setNextCheckAt(*id, QDateTime::currentDateTimeUtc().addSecs(60)));
    if (m_other->backend() == DatabaseUrl::Backend::Postgres) {
        // Team mode: a lease taken and given back with who checked last (migration 9's column).
        KeyLeaseRepository leases(*m_other);
        ASSERT_EQ(*leases.claim(QStringLiteral("other"), {}, {*id}, 1, 60000), std::vector<qint64>{*id});
        ASSERT_TRUE(*leases.release(*id, QStringLiteral("other"), 60000, true));
    }
    // A later change the feed does report: by then it has seen the first one too.
    ASSERT_TRUE(SettingsRepository(*m_other).setValue(QStringLiteral("marker"), QStringLiteral("1")));
    ASSERT_TRUE(waitFor([&] { return m_settings == 1; }, kWithinMs));
    EXPECT_EQ(m_keys, 1);
}

TEST_F(ChangeFeed, WhatThisConnectionWritesItselfIsNotReported)
{
    ApiKeyRepository keys(*m_db);
    ApiKey key = sampleKey(QStringLiteral("added here"));
    key.threshold = Amount::parse(u"20");
    auto id = keys.insert(key);
    ASSERT_TRUE(id);
    key.id = *id;
    // Whoever edits keys here re-reads them and says so (Engine::reload()).
    m_feed->acknowledge();
    const Snapshot check = sampleCheck(*id);
    ASSERT_TRUE(SnapshotRepository(*m_db).insert(check));
    // An alert raised here is told by the engine that raised it (AlertEngine::alertRaised).
    const PlatformRegistry noPlatforms;
    AlertEngine here(*m_db, noPlatforms);
    auto raised = here.evaluate(key, check);
    ASSERT_TRUE(raised && raised->size() == 1u);
    idleFor(3 * DatabaseChangeFeed::kDefaultPollMs);
    // Then another process changes something: only that is news.
    ASSERT_TRUE(SettingsRepository(*m_other).setValue(QStringLiteral("marker"), QStringLiteral("2")));
    ASSERT_TRUE(waitFor([&] { return m_settings == 1; }, kWithinMs));
    idleFor(DatabaseChangeFeed::kDefaultPollMs);
    EXPECT_EQ(m_keys, 0);
    EXPECT_TRUE(m_checks.empty());
    EXPECT_TRUE(m_alerts.empty());
}

TEST_F(ChangeFeed, NothingIsReportedOnceStopped)
{
    m_feed->stop();
    ASSERT_TRUE(ApiKeyRepository(*m_other).insert(sampleKey(QStringLiteral("unseen"))));
    idleFor(3 * DatabaseChangeFeed::kDefaultPollMs);
    EXPECT_EQ(m_keys, 0);
    // Started again, it takes what is there as known and reports what comes after.
    m_feed->start();
    ASSERT_TRUE(ApiKeyRepository(*m_other).insert(sampleKey(QStringLiteral("seen"))));
    EXPECT_TRUE(keysReported());
}
