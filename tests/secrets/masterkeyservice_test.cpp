// MasterKeyService::rotate() against a real database (SQLite, and PostgreSQL in the second run)
// with an in-memory key store that can refuse writes, and what a session that opened before the
// rotation does afterwards: it refuses to seal anything and its checks stop without storing.
#include "core/alerts/channelconfig.h"
#include "core/crypto/fernet.h"
#include "core/crypto/vault.h"
#include "core/secrets/masterkeyservice.h"
#include "core/secrets/masterkeystore.h"
#include "core/secrets/vaultunlocker.h"
#include "core/session/session.h"
#include "core/storage/apikeyrepository.h"
#include "core/storage/database.h"
#include "core/storage/sealedtokenrepository.h"
#include "core/storage/settingsrepository.h"
#include "tests/support/backendtest.h"
#include "tests/support/fixedclock.h"
#include "tests/support/waitfor.h"

#include <gtest/gtest.h>

namespace qw {
namespace {

class FailingWriteStore final : public MasterKeyStore
{
public:
    Result<std::optional<SecureBytes>> read() override
    {
        if (key.isEmpty())
            return std::optional<SecureBytes>();
        return std::optional<SecureBytes>(SecureBytes::copyOf(key));
    }
    Result<void> write(const SecureBytes &newKey) override
    {
        ++writes;
        if (failWrites)
            return fail(ErrorCode::MasterKeyUnavailable,
                        QStringLiteral("the test keychain refused the write"));
        key = newKey.view().toByteArray();
        return {};
    }
    QString description() const override { return QStringLiteral("the test keychain"); }

    QByteArray key;
    bool failWrites = false;
    int writes = 0;
};

class MasterKeyRotation : public test::BackendTest
{
protected:
    void SetUp() override
    {
        BackendTest::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        m_oldKey = Fernet::generateKey().view().toByteArray();
        // Enrol the old key, as the first session on this database would.
        VaultUnlocker unlocker(m_oldKey, m_store);
        SettingsRepository settings(*m_db);
        SealedTokenRepository sealed(*m_db);
        ASSERT_TRUE(unlocker.unlock(settings, sealed).has_value());
        m_session = std::make_unique<Session>(m_testDb->open(), vaultOf(m_oldKey), m_clock);
        auto added = m_session->keys().add(pending("before"));
        ASSERT_TRUE(added.has_value()) << added.error().message.toStdString();
        m_keyId = *added;
    }
    void TearDown() override { m_session.reset(); }

    static Vault vaultOf(const QByteArray &key) { return Vault(std::move(*Fernet::fromKey(key))); }

    static PendingKey pending(const char *name)
    {
        PendingKey key;
        key.key.name = QString::fromLatin1(name);
        key.key.platform = QStringLiteral("deepseek");
        // Nothing listens on port 9 of loopback: a check that got that far would fail, not hang.
        key.key.baseUrl = QStringLiteral("http://127.0.0.1:9");
        key.secret = SecureBytes::copyOf("sk-rotation-0123456789abcdef");
        return key;
    }

    Result<MasterKeyService::Rotation> rotate(std::optional<QByteArray> envKey)
    {
        auto url = DatabaseUrl::parse(m_testDb->url());
        EXPECT_TRUE(url.has_value());
        return MasterKeyService(*url, QStringLiteral("rotation"), m_store, std::move(envKey)).rotate();
    }

    qint64 count(const QString &table)
    {
        auto query = m_db->run(QStringLiteral("SELECT COUNT(*) FROM %1").arg(table));
        EXPECT_TRUE(query.has_value());
        return query && query->next() ? query->value(0).toLongLong() : -1;
    }

    bool opensCheck(const QByteArray &key)
    {
        SettingsRepository settings(*m_db);
        auto opens = VaultUnlocker::opensCheck(vaultOf(key), settings);
        return opens && *opens;
    }

    FailingWriteStore m_store;
    QByteArray m_oldKey;
    test::FixedClock m_clock{QDateTime(QDate(2026, 3, 10), QTime(12, 0), Qt::UTC)};
    std::unique_ptr<Session> m_session;
    qint64 m_keyId = 0;
};

TEST_F(MasterKeyRotation, TheStoreGetsTheNewKeyOnlyAfterTheCommit)
{
    m_store.key = m_oldKey;
    auto rotation = rotate(std::nullopt);
    ASSERT_TRUE(rotation.has_value()) << rotation.error().message.toStdString();
    EXPECT_FALSE(rotation->fromEnvironment);
    EXPECT_FALSE(rotation->storeError.has_value());
    EXPECT_EQ(m_store.writes, 1);
    EXPECT_EQ(m_store.key, rotation->newKey.view().toByteArray());
    EXPECT_TRUE(opensCheck(m_store.key));
    EXPECT_FALSE(opensCheck(m_oldKey));
}

TEST_F(MasterKeyRotation, AStoreThatRefusesAfterTheCommitStillHandsBackTheNewKey)
{
    m_store.key = m_oldKey;
    m_store.failWrites = true;
    auto rotation = rotate(std::nullopt);
    ASSERT_TRUE(rotation.has_value()) << rotation.error().message.toStdString();
    ASSERT_TRUE(rotation->storeError.has_value());
    EXPECT_EQ(m_store.key, m_oldKey) << "the store was changed although it refused";
    // The database is sealed under the key handed back: it is not lost.
    const QByteArray newKey = rotation->newKey.view().toByteArray();
    EXPECT_TRUE(opensCheck(newKey));
    auto key = ApiKeyRepository(*m_db).find(m_keyId);
    ASSERT_TRUE(key && *key);
    EXPECT_TRUE(vaultOf(newKey).decrypt((**key).secretEnc).has_value());
}

TEST_F(MasterKeyRotation, AKeyFromTheEnvironmentIsNeverWrittenToTheStore)
{
    auto rotation = rotate(m_oldKey);
    ASSERT_TRUE(rotation.has_value()) << rotation.error().message.toStdString();
    EXPECT_TRUE(rotation->fromEnvironment);
    EXPECT_EQ(m_store.writes, 0);
    EXPECT_TRUE(opensCheck(rotation->newKey.view().toByteArray()));
}

TEST_F(MasterKeyRotation, AWrongKeyRotatesNothing)
{
    auto rotation = rotate(Fernet::generateKey().view().toByteArray());
    ASSERT_FALSE(rotation.has_value());
    EXPECT_EQ(rotation.error().code, ErrorCode::MasterKeyMismatch);
    EXPECT_TRUE(opensCheck(m_oldKey));
    EXPECT_EQ(m_store.writes, 0);
}

TEST_F(MasterKeyRotation, ASessionOpenedBeforeTheRotationRefusesToWriteAndStopsChecking)
{
    ASSERT_TRUE(rotate(m_oldKey).has_value());
    const qint64 keysBefore = count(QStringLiteral("api_keys"));

    auto added = m_session->keys().add(pending("after"));
    ASSERT_FALSE(added.has_value());
    EXPECT_EQ(added.error().code, ErrorCode::MasterKeyMismatch);
    EXPECT_TRUE(added.error().message.contains(QStringLiteral("master-key import")))
        << added.error().message.toStdString();
    EXPECT_EQ(count(QStringLiteral("api_keys")), keysBefore);

    ChannelDraft draft;
    draft.name = QStringLiteral("hook");
    draft.secrets.insert(QStringLiteral("url"), QStringLiteral("https://example.com/hook/TOKEN123456"));
    auto channel = m_session->channels().add(draft);
    ASSERT_FALSE(channel.has_value());
    EXPECT_EQ(channel.error().code, ErrorCode::MasterKeyMismatch);
    EXPECT_EQ(count(QStringLiteral("channels")), 0);

    // A check finds the rebound row: no integrity_error is stored, the session is told once.
    CheckService &checks = m_session->engine().checks();
    int told = 0;
    bool finished = false;
    bool stored = true;
    QObject::connect(&checks, &CheckService::masterKeyReplaced, &checks,
                     [&told](const QString &) { ++told; });
    QObject::connect(&checks, &CheckService::checkFinished, &checks,
                     [&](qint64, const Snapshot &, bool wasStored) {
                         finished = true;
                         stored = wasStored;
                     });
    checks.check(m_keyId);
    ASSERT_TRUE(test::waitFor([&] { return finished; }));
    EXPECT_FALSE(stored);
    EXPECT_EQ(told, 1);
    EXPECT_EQ(count(QStringLiteral("snapshots")), 0);
    // Later checks stop at once, without asking again.
    finished = false;
    checks.check(m_keyId);
    ASSERT_TRUE(test::waitFor([&] { return finished; }));
    EXPECT_EQ(told, 1);
    EXPECT_EQ(count(QStringLiteral("snapshots")), 0);
}

} // namespace
} // namespace qw
