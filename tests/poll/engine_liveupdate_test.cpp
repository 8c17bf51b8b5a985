// The Engine keeps up with another process on the same SQLite file (a second connection here,
// as the CLI or a second desktop would hold): keys added there are scheduled and, never checked,
// checked at once; keys removed there leave the schedule; checks stored there reach
// CheckService::snapshotStored() like our own, each once — all within 2 s, with no reload timer.
#include "adapters/platformregistry.h"
#include "core/clock.h"
#include "core/crypto/vault.h"
#include "core/engine.h"
#include "core/keys/keyservice.h"
#include "core/keys/keyvalidator.h"
#include "core/storage/apikeyrepository.h"
#include "core/storage/snapshotrepository.h"
#include "core/storage/userrepository.h"
#include "tests/support/testdatabase.h"
#include "tests/support/testhttpserver.h"
#include "tests/support/waitfor.h"

#include <QEventLoop>
#include <gtest/gtest.h>

using namespace qw;
using namespace qw::test;

namespace {

constexpr int kWithinMs = 2000;
const QByteArray kBalance =
    R"({"is_available":true,"balance_infos":[{"currency":"CNY","total_balance":"42.00","granted_balance":"0","topped_up_balance":"42.00"}]})";

void idleFor(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace

class EngineLiveUpdate : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_db = m_testDb.open();
        m_other = m_testDb.open();
        ASSERT_NE(m_db, nullptr);
        ASSERT_NE(m_other, nullptr);
        m_owner = *UserRepository(*m_other).ensureOwner();
        m_vault = std::make_unique<Vault>(*Fernet::fromKey(Fernet::generateKey().view()));
        m_server.route("GET", "/ok/user/balance", TestResponse::json(kBalance));
        m_engine = std::make_unique<Engine>(*m_db, *m_vault, m_platforms, m_clock,
                                            HttpClientLimits{.timeoutMs = 2000});
        QObject::connect(&m_engine->checks(), &CheckService::checkFinished, m_engine.get(),
                         [this](qint64 keyId) { m_checked.push_back(keyId); });
        QObject::connect(&m_engine->checks(), &CheckService::snapshotStored, m_engine.get(),
                         [this](qint64, const Snapshot &snapshot) { m_told.push_back(snapshot.id); });
        QObject::connect(m_engine.get(), &Engine::keysChanged, m_engine.get(), [this] { ++m_keysChanged; });
        ASSERT_TRUE(m_engine->start());
    }

    void TearDown() override
    {
        m_engine.reset();
        m_other.reset();
        m_db.reset();
    }

    // `keys add` in another process.
    qint64 addKeyElsewhere(const QString &name)
    {
        KeyDraft draft;
        draft.name = name;
        draft.platform = QStringLiteral("deepseek");
        draft.baseUrl = m_server.baseUrl() + QStringLiteral("/ok");
        auto key = KeyValidator(m_platforms).validate(draft);
        EXPECT_TRUE(key);
        auto id = KeyService(*m_other, &*m_vault, m_owner)
                      .add(PendingKey{*key, SecureBytes::copyOf("sk-elsewhere-0123456789")});
        EXPECT_TRUE(id);
        return id.value_or(0);
    }

    [[nodiscard]] bool checkedWithin(qint64 keyId, int count = 1)
    {
        return waitFor([&] { return std::count(m_checked.begin(), m_checked.end(), keyId) >= count; },
                       kWithinMs);
    }

    TestHttpServer m_server;
    TestDatabase m_testDb{QStringLiteral("sqlite")};
    std::unique_ptr<Database> m_db;
    std::unique_ptr<Database> m_other;
    qint64 m_owner = 0;
    std::unique_ptr<Vault> m_vault;
    SystemClock m_clock;
    PlatformRegistry m_platforms = PlatformRegistry::builtin();
    std::unique_ptr<Engine> m_engine;
    std::vector<qint64> m_checked;
    std::vector<qint64> m_told;
    int m_keysChanged = 0;
};

TEST_F(EngineLiveUpdate, AKeyAddedElsewhereIsScheduledAndCheckedWithinTwoSeconds)
{
    const qint64 id = addKeyElsewhere(QStringLiteral("added by the CLI"));
    ASSERT_TRUE(checkedWithin(id));
    EXPECT_GE(m_keysChanged, 1);
    EXPECT_EQ(m_server.requestCount(), 1);
    // From then on on its interval (30 min by default), not again at once.
    EXPECT_GT(m_engine->scheduler().dueAt(id), m_clock.nowUtc().addSecs(25 * 60));
}

TEST_F(EngineLiveUpdate, AKeyRemovedElsewhereLeavesTheSchedule)
{
    const qint64 id = addKeyElsewhere(QStringLiteral("short-lived"));
    ASSERT_TRUE(checkedWithin(id));
    ASSERT_TRUE(m_engine->scheduler().dueAt(id).isValid());
    ASSERT_TRUE(ApiKeyRepository(*m_other).remove(id));
    EXPECT_TRUE(waitFor([&] { return !m_engine->scheduler().dueAt(id).isValid(); }, kWithinMs));
}

TEST_F(EngineLiveUpdate, ACheckStoredElsewhereIsToldOnceAndOurOwnAreNotRepeated)
{
    const qint64 id = addKeyElsewhere(QStringLiteral("watched twice"));
    ASSERT_TRUE(checkedWithin(id));
    ASSERT_EQ(m_told.size(), 1u); // our own check

    Snapshot elsewhere;
    elsewhere.keyId = id;
    elsewhere.checkedAt = m_clock.nowUtc();
    elsewhere.kind = ReadingKind::Balance;
    elsewhere.remaining = Amount::parse(u"41.5");
    elsewhere.unit = QStringLiteral("CNY");
    auto stored = SnapshotRepository(*m_other).insert(elsewhere);
    ASSERT_TRUE(stored);
    ASSERT_TRUE(waitFor([&] { return m_told.size() >= 2; }, kWithinMs));
    EXPECT_EQ(m_told.back(), *stored);

    // More traffic from the other process: neither check is told again.
    const qint64 other = addKeyElsewhere(QStringLiteral("second key"));
    ASSERT_TRUE(checkedWithin(other));
    idleFor(3 * DatabaseChangeFeed::kDefaultPollMs);
    EXPECT_EQ(std::count(m_told.begin(), m_told.end(), *stored), 1);
    EXPECT_EQ(m_told.size(), 3u); // plus our check of the second key
    // Only our own checks went through the scheduler.
    EXPECT_EQ(m_checked.size(), 2u);
}

TEST_F(EngineLiveUpdate, AnAlertRaisedElsewhereIsToldOnceWithItsKey)
{
    std::vector<AlertNotice> told;
    QObject::connect(m_engine.get(), &Engine::alertRaisedElsewhere, m_engine.get(),
                     [&](const AlertNotice &notice) { told.push_back(notice); });
    const qint64 id = addKeyElsewhere(QStringLiteral("low elsewhere"));
    ASSERT_TRUE(checkedWithin(id));
    auto found = ApiKeyRepository(*m_other).find(id);
    ASSERT_TRUE(found && *found);
    ApiKey key = **found;
    key.threshold = Amount::parse(u"50");

    // The other process's check of the key falls under its threshold there.
    Snapshot low;
    low.keyId = id;
    low.checkedAt = m_clock.nowUtc();
    low.kind = ReadingKind::Balance;
    low.remaining = Amount::parse(u"41.5");
    low.unit = QStringLiteral("CNY");
    ASSERT_TRUE(SnapshotRepository(*m_other).insert(low));
    const PlatformRegistry noPlatforms;
    AlertEngine elsewhere(*m_other, noPlatforms);
    auto raised = elsewhere.evaluate(key, low);
    ASSERT_TRUE(raised) << raised.error().message.toStdString();
    ASSERT_EQ(raised->size(), 1u);

    ASSERT_TRUE(waitFor([&] { return !told.empty(); }, kWithinMs));
    EXPECT_EQ(told.front().alert.id, raised->front().id);
    EXPECT_EQ(told.front().alert.kind, AlertKind::LowBalance);
    EXPECT_EQ(told.front().keyName, QStringLiteral("low elsewhere"));
    EXPECT_EQ(told.front().platform, QStringLiteral("deepseek"));
    // More traffic from there (a check): the alert is not told again.
    low.checkedAt = m_clock.nowUtc();
    ASSERT_TRUE(SnapshotRepository(*m_other).insert(low));
    ASSERT_TRUE(waitFor([&] { return m_told.size() >= 3; }, kWithinMs));
    idleFor(2 * DatabaseChangeFeed::kDefaultPollMs);
    EXPECT_EQ(told.size(), 1u);
}
