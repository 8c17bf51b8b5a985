#include "tests/ui/uitest.h"

#include "core/crypto/fernet.h"
#include "core/keys/keyservice.h"
#include "core/keys/keyvalidator.h"
#include "core/storage/apikeyrepository.h"
#include "core/storage/snapshotrepository.h"
#include "tests/support/backendtest.h"

#include <QSettings>

namespace qw::test {

namespace {

const QByteArray kBalance =
    R"({"is_available":true,"balance_infos":[{"currency":"CNY","total_balance":"110.50","granted_balance":"10.00","topped_up_balance":"100.50"}]})";

const SystemClock &clock()
{
    static const SystemClock systemClock;
    return systemClock;
}

} // namespace

void UiTest::SetUp()
{
    QSettings().clear();
    m_server.route("GET", "/ok/user/balance", TestResponse::json(kBalance));
    m_server.route("GET", "/refused/user/balance",
                   TestResponse::json(R"({"error":{"message":"Authentication Fails"}})", 401));
    // SQLite unless the ctest entry names another backend (QW_TEST_BACKEND=postgres).
    m_testDb = std::make_unique<TestDatabase>(currentBackend());
    if (!m_testDb->available())
        GTEST_SKIP() << m_testDb->skipReason().toStdString();
    auto db = m_testDb->open();
    ASSERT_NE(db, nullptr);
    auto fernet = Fernet::fromKey(Fernet::generateKey().view());
    ASSERT_TRUE(fernet);
    m_session = std::make_unique<Session>(std::move(db), Vault(std::move(*fernet)), clock());
}

void UiTest::TearDown()
{
    m_session.reset();
    QSettings().clear();
}

void UiTest::routeDelayed(const QByteArray &scenario, int delayMs)
{
    TestResponse delayed = TestResponse::json(kBalance);
    delayed.delayMs = delayMs;
    m_server.route("GET", QByteArray('/' + scenario + "/user/balance"), delayed);
}

QString UiTest::providerUrl(const QString &scenario) const
{
    return m_server.baseUrl() + u'/' + scenario;
}

qint64 UiTest::addKey(const QString &name, const QString &scenario, const QString &threshold)
{
    KeyDraft draft;
    draft.name = name;
    draft.platform = QStringLiteral("deepseek");
    draft.baseUrl = providerUrl(scenario);
    draft.threshold = threshold;
    auto key = KeyValidator(session().platforms()).validate(draft);
    EXPECT_TRUE(key) << (key ? "" : key.error().message.toStdString());
    if (!key)
        return 0;
    auto id = KeyService(session().database(), &session().vault(), session().ownerId())
                  .add(PendingKey{*key, SecureBytes::copyOf("sk-ui-test-0123456789abcdef")});
    EXPECT_TRUE(id) << (id ? "" : id.error().message.toStdString());
    return id.value_or(0);
}

qint64 UiTest::addSnapshot(qint64 keyId, const QDateTime &at, double remaining, const QString &unit)
{
    Snapshot snapshot;
    snapshot.keyId = keyId;
    snapshot.checkedAt = at;
    snapshot.status = CheckStatus::Ok;
    snapshot.kind = ReadingKind::Balance;
    snapshot.remaining = Amount::fromDouble(remaining);
    snapshot.unit = unit;
    snapshot.balances = {Balance{*snapshot.remaining, unit}};
    auto id = SnapshotRepository(session().database()).insert(snapshot);
    EXPECT_TRUE(id) << (id ? "" : id.error().message.toStdString());
    return id.value_or(0);
}

} // namespace qw::test
