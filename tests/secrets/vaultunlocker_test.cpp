// VaultUnlocker against a real database (SQLite, and PostgreSQL in the second run) and an
// in-memory key store. The store is a test double on purpose: these cases need a keychain that
// is unreachable, empty or failing on demand; the real keychain is exercised in keychain_test.cpp.
#include "core/accounts/accountservice.h"
#include "core/accounts/logintokens.h"
#include "core/crypto/fernet.h"
#include "core/crypto/vault.h"
#include "core/secrets/masterkeystore.h"
#include "core/secrets/vaultunlocker.h"
#include "core/storage/apikeyrepository.h"
#include "core/storage/channelrepository.h"
#include "core/storage/database.h"
#include "core/storage/sealedtokenrepository.h"
#include "core/storage/settingsrepository.h"
#include "tests/support/backendtest.h"
#include "tests/support/fixedclock.h"

#include <QDateTime>
#include <algorithm>
#include <gtest/gtest.h>
#include <memory>
#include <string>

namespace qw {
namespace {

std::string str(const QString &text)
{
    return text.toStdString();
}

class MemoryKeyStore final : public MasterKeyStore
{
public:
    enum class State
    {
        Unreachable,
        Empty,
        HasKey
    };

    Result<std::optional<SecureBytes>> read() override
    {
        ++reads;
        switch (state) {
        case State::Unreachable:
            return fail(ErrorCode::MasterKeyUnavailable,
                        description() + QStringLiteral(" cannot be reached (no test keychain running)"));
        case State::Empty:
            return std::optional<SecureBytes>();
        case State::HasKey:
            break;
        }
        return std::optional<SecureBytes>(SecureBytes::copyOf(key));
    }

    Result<void> write(const SecureBytes &newKey) override
    {
        ++writes;
        if (state == State::Unreachable || failWrites)
            return fail(ErrorCode::MasterKeyUnavailable,
                        description() + QStringLiteral(" cannot be written (refused by the test)"));
        key = QByteArray(newKey.data(), newKey.size());
        state = State::HasKey;
        return {};
    }

    QString description() const override { return QStringLiteral("the test keychain"); }

    void setKey(const QByteArray &value)
    {
        key = value;
        state = State::HasKey;
    }

    State state = State::Empty;
    QByteArray key;
    bool failWrites = false;
    int reads = 0;
    int writes = 0;
};

QByteArray newKey()
{
    const SecureBytes key = Fernet::generateKey();
    return QByteArray(key.data(), key.size());
}

class VaultUnlockerTest : public qw::test::OwnedBackendTest
{
protected:
    void SetUp() override
    {
        OwnedBackendTest::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        m_settings = std::make_unique<SettingsRepository>(*m_db);
        m_sealed = std::make_unique<SealedTokenRepository>(*m_db);
    }

    std::optional<QString> checkToken()
    {
        auto value = m_settings->value(QString::fromLatin1(VaultUnlocker::kCheckSetting));
        EXPECT_TRUE(value.has_value()) << (value ? std::string() : str(value.error().message));
        return value ? *value : std::nullopt;
    }

    Result<Vault> unlockWith(std::optional<QByteArray> envKey)
    {
        VaultUnlocker unlocker(std::move(envKey), m_store);
        return unlocker.unlock(*m_settings, *m_sealed);
    }

    // Enrolls the database with a fresh key given through the environment; returns that key.
    QByteArray enrollWithEnvKey()
    {
        const QByteArray key = newKey();
        const auto vault = unlockWith(key);
        EXPECT_TRUE(vault.has_value()) << (vault ? std::string() : str(vault.error().message));
        return key;
    }

    // A Fernet token of `plaintext` under `masterKey`, as another process (or the old web
    // application) would have stored it.
    static QByteArray sealWith(const QByteArray &masterKey, QByteArrayView plaintext)
    {
        auto fernet = Fernet::fromKey(masterKey);
        EXPECT_TRUE(fernet.has_value());
        if (!fernet)
            return {};
        auto token = Vault(std::move(*fernet)).encrypt(plaintext);
        EXPECT_TRUE(token.has_value());
        return token ? *token : QByteArray();
    }

    // An API key whose secret is sealed under `masterKey`; its id.
    qint64 storeKeySealedUnder(const QByteArray &masterKey, const QString &name)
    {
        ApiKey key;
        key.userId = m_owner;
        key.name = name;
        key.platform = QStringLiteral("deepseek");
        key.secretEnc = sealWith(masterKey, "sk-mixed-0123456789abcdef");
        key.secretHint = QStringLiteral("sk-…cdef");
        key.createdAt = key.updatedAt = QDateTime::currentDateTimeUtc();
        auto id = ApiKeyRepository(*m_db).insert(key);
        EXPECT_TRUE(id.has_value()) << (id ? std::string() : str(id.error().message));
        return id ? *id : 0;
    }

    qint64 storeChannelSealedUnder(const QByteArray &masterKey)
    {
        Channel channel;
        channel.userId = m_owner;
        channel.kind = ChannelKind::Webhook;
        channel.name = QStringLiteral("Hook");
        channel.secretsEnc = sealWith(masterKey, R"({"url":"https://example.com/hook/secret"})");
        channel.createdAt = QDateTime::currentDateTimeUtc();
        auto id = ChannelRepository(*m_db).insert(channel);
        EXPECT_TRUE(id.has_value()) << (id ? std::string() : str(id.error().message));
        return id ? *id : 0;
    }

    // As after a partial restore, or in a database the old web application filled: secrets,
    // but no record of the key that sealed them.
    void deleteCheck()
    {
        auto deleted = m_db->run(QStringLiteral("DELETE FROM settings WHERE key = ?"),
                                 {QString::fromLatin1(VaultUnlocker::kCheckSetting)});
        ASSERT_TRUE(deleted.has_value()) << str(deleted.error().message);
        ASSERT_FALSE(checkToken().has_value());
    }

    // Every row of the settings table, to prove a refused unlock wrote nothing.
    std::vector<std::pair<QString, QString>> settingsRows()
    {
        std::vector<std::pair<QString, QString>> rows;
        auto query = m_db->run(QStringLiteral("SELECT key, value FROM settings ORDER BY key"));
        EXPECT_TRUE(query.has_value());
        while (query && query->next())
            rows.emplace_back(query->value(0).toString(), query->value(1).toString());
        return rows;
    }

    static void expectNoKeyIn(const QString &message, const QByteArray &key)
    {
        ASSERT_FALSE(key.isEmpty());
        EXPECT_FALSE(message.contains(QString::fromLatin1(key))) << "message leaks the key: " << str(message);
        // Not even a recognisable part of it.
        EXPECT_FALSE(message.contains(QString::fromLatin1(key.left(12)))) << str(message);
    }

    std::unique_ptr<SettingsRepository> m_settings;
    std::unique_ptr<SealedTokenRepository> m_sealed;
    MemoryKeyStore m_store;
};

TEST_F(VaultUnlockerTest, EnvKeyIsUsedAndStoreIsNotTouched)
{
    m_store.setKey(newKey());
    const QByteArray envKey = newKey();

    VaultUnlocker unlocker(envKey, m_store);
    const auto found = unlocker.lookUp();
    ASSERT_TRUE(found.has_value()) << str(found.error().message);
    ASSERT_TRUE(found->has_value());
    EXPECT_EQ((*found)->view(), QByteArrayView(envKey));

    const auto vault = unlocker.unlock(*m_settings, *m_sealed);
    ASSERT_TRUE(vault.has_value()) << str(vault.error().message);
    EXPECT_EQ(m_store.reads, 0);
    EXPECT_EQ(m_store.writes, 0);
    EXPECT_TRUE(checkToken().has_value());

    // The check was made with the env key, not the store's.
    auto fernet = Fernet::fromKey(envKey);
    ASSERT_TRUE(fernet.has_value());
    EXPECT_TRUE(fernet->decrypt(checkToken()->toLatin1()).has_value());
}

TEST_F(VaultUnlockerTest, EnvKeyWithTrailingNewlineIsAccepted)
{
    const QByteArray key = newKey();
    QByteArray typed = key;
    typed.append('\n');
    VaultUnlocker unlocker(typed, m_store);
    const auto found = unlocker.lookUp();
    ASSERT_TRUE(found.has_value()) << str(found.error().message);
    ASSERT_TRUE(found->has_value());
    EXPECT_EQ((*found)->view(), QByteArrayView(key));
}

TEST_F(VaultUnlockerTest, InvalidEnvKeyIsRefused)
{
    m_store.setKey(newKey());
    const QByteArray bogus("bogus-env-key-0123456789");

    VaultUnlocker unlocker(bogus, m_store);
    const auto found = unlocker.lookUp();
    ASSERT_FALSE(found.has_value());
    EXPECT_EQ(found.error().code, ErrorCode::MasterKeyUnavailable);
    EXPECT_TRUE(
        found.error().message.contains(QLatin1String("QUOTAWATCH_MASTER_KEY is not a valid Fernet key")))
        << str(found.error().message);
    expectNoKeyIn(found.error().message, bogus);

    const auto vault = unlocker.unlock(*m_settings, *m_sealed);
    ASSERT_FALSE(vault.has_value());
    EXPECT_EQ(vault.error().code, ErrorCode::MasterKeyUnavailable);
    EXPECT_EQ(m_store.reads, 0);
    EXPECT_EQ(m_store.writes, 0);
    EXPECT_FALSE(checkToken().has_value());
}

TEST_F(VaultUnlockerTest, EmptyEnvKeyIsRefusedRatherThanIgnored)
{
    const auto vault = unlockWith(QByteArray());
    ASSERT_FALSE(vault.has_value());
    EXPECT_EQ(vault.error().code, ErrorCode::MasterKeyUnavailable);
    EXPECT_EQ(m_store.writes, 0);
    EXPECT_FALSE(checkToken().has_value());
}

TEST_F(VaultUnlockerTest, UnreachableStoreWithoutEnvKeyWritesNothing)
{
    m_store.state = MemoryKeyStore::State::Unreachable;

    VaultUnlocker unlocker(std::nullopt, m_store);
    const auto found = unlocker.lookUp();
    ASSERT_FALSE(found.has_value());
    EXPECT_EQ(found.error().code, ErrorCode::MasterKeyUnavailable);

    const auto vault = unlocker.unlock(*m_settings, *m_sealed);
    ASSERT_FALSE(vault.has_value());
    EXPECT_EQ(vault.error().code, ErrorCode::MasterKeyUnavailable);
    const QString message = vault.error().message;
    // Both ways out, and what went wrong.
    EXPECT_TRUE(message.startsWith(QLatin1String("No master key: the test keychain cannot be reached")))
        << str(message);
    EXPECT_TRUE(message.contains(QLatin1String("no test keychain running"))) << str(message);
    EXPECT_TRUE(message.contains(QLatin1String("Start a keychain"))) << str(message);
    EXPECT_TRUE(message.contains(QLatin1String("set QUOTAWATCH_MASTER_KEY"))) << str(message);
    EXPECT_TRUE(message.contains(QLatin1String("openssl rand -base64 32 | tr '+/' '-_'"))) << str(message);

    EXPECT_EQ(m_store.writes, 0);
    EXPECT_FALSE(checkToken().has_value());
}

TEST_F(VaultUnlockerTest, EmptyStoreIsNotAnErrorForLookUp)
{
    VaultUnlocker unlocker(std::nullopt, m_store);
    const auto found = unlocker.lookUp();
    ASSERT_TRUE(found.has_value()) << str(found.error().message);
    EXPECT_FALSE(found->has_value());
    EXPECT_EQ(m_store.writes, 0);
}

TEST_F(VaultUnlockerTest, FirstUseCreatesKeyWritesStoreOnceAndEnrolls)
{
    const auto vault = unlockWith(std::nullopt);
    ASSERT_TRUE(vault.has_value()) << str(vault.error().message);

    EXPECT_EQ(m_store.writes, 1);
    ASSERT_EQ(m_store.state, MemoryKeyStore::State::HasKey);
    EXPECT_EQ(m_store.key.size(), 44);
    auto fernet = Fernet::fromKey(m_store.key);
    ASSERT_TRUE(fernet.has_value());

    const auto check = checkToken();
    ASSERT_TRUE(check.has_value());
    const auto opened = fernet->decrypt(check->toLatin1());
    ASSERT_TRUE(opened.has_value());
    // The check proves the key only: it is not the key and does not contain it.
    EXPECT_FALSE(check->contains(QString::fromLatin1(m_store.key)));
}

TEST_F(VaultUnlockerTest, SecondUnlockWithSameKeySucceedsWithoutWriting)
{
    ASSERT_TRUE(unlockWith(std::nullopt).has_value());
    const auto firstCheck = checkToken();
    ASSERT_EQ(m_store.writes, 1);

    const auto again = unlockWith(std::nullopt);
    ASSERT_TRUE(again.has_value()) << str(again.error().message);
    EXPECT_EQ(m_store.writes, 1);
    EXPECT_EQ(checkToken(), firstCheck);

    // The same key given through the environment opens it as well.
    const auto viaEnv = unlockWith(m_store.key);
    ASSERT_TRUE(viaEnv.has_value()) << str(viaEnv.error().message);
    EXPECT_EQ(m_store.writes, 1);
}

TEST_F(VaultUnlockerTest, StoreKeyIsEnrolledWhenDatabaseIsNew)
{
    const QByteArray existing = newKey();
    m_store.setKey(existing);

    const auto vault = unlockWith(std::nullopt);
    ASSERT_TRUE(vault.has_value()) << str(vault.error().message);
    EXPECT_EQ(m_store.writes, 0);
    EXPECT_EQ(m_store.key, existing);
    auto fernet = Fernet::fromKey(existing);
    ASSERT_TRUE(fernet.has_value());
    EXPECT_TRUE(fernet->decrypt(checkToken()->toLatin1()).has_value());
}

TEST_F(VaultUnlockerTest, WrongKeyAfterEnrollmentIsAMismatchAndChangesNothing)
{
    const QByteArray rightKey = enrollWithEnvKey();
    const auto check = checkToken();
    ASSERT_TRUE(check.has_value());

    const QByteArray wrongKey = newKey();
    const auto vault = unlockWith(wrongKey);
    ASSERT_FALSE(vault.has_value());
    EXPECT_EQ(vault.error().code, ErrorCode::MasterKeyMismatch);
    EXPECT_TRUE(vault.error().message.contains(QLatin1String("does not match")))
        << str(vault.error().message);
    EXPECT_TRUE(vault.error().message.contains(QLatin1String("nothing was changed")));
    expectNoKeyIn(vault.error().message, wrongKey);
    expectNoKeyIn(vault.error().message, rightKey);
    EXPECT_EQ(checkToken(), check);
    EXPECT_EQ(m_store.writes, 0);

    // A different key in the keychain is refused the same way, and the keychain is left alone.
    m_store.setKey(wrongKey);
    const auto viaStore = unlockWith(std::nullopt);
    ASSERT_FALSE(viaStore.has_value());
    EXPECT_EQ(viaStore.error().code, ErrorCode::MasterKeyMismatch);
    EXPECT_EQ(m_store.writes, 0);
    EXPECT_EQ(m_store.key, wrongKey);
    EXPECT_EQ(checkToken(), check);
}

TEST_F(VaultUnlockerTest, EmptyKeychainButEnrolledDatabaseIsRefusedWithoutWriting)
{
    const QByteArray rightKey = enrollWithEnvKey();
    const auto check = checkToken();

    const auto vault = unlockWith(std::nullopt);
    ASSERT_FALSE(vault.has_value());
    EXPECT_EQ(vault.error().code, ErrorCode::MasterKeyUnavailable);
    EXPECT_TRUE(vault.error().message.contains(QLatin1String("the test keychain")))
        << str(vault.error().message);
    EXPECT_TRUE(vault.error().message.contains(QLatin1String("QUOTAWATCH_MASTER_KEY")));
    expectNoKeyIn(vault.error().message, rightKey);
    EXPECT_EQ(m_store.writes, 0);
    EXPECT_EQ(m_store.state, MemoryKeyStore::State::Empty);
    EXPECT_EQ(checkToken(), check);
}

TEST_F(VaultUnlockerTest, StoreWriteFailureOnFirstUseEnrollsNothing)
{
    m_store.failWrites = true;
    const auto vault = unlockWith(std::nullopt);
    ASSERT_FALSE(vault.has_value());
    EXPECT_EQ(vault.error().code, ErrorCode::MasterKeyUnavailable);
    EXPECT_TRUE(vault.error().message.contains(QLatin1String("cannot be written")))
        << str(vault.error().message);
    EXPECT_TRUE(vault.error().message.contains(QLatin1String("QUOTAWATCH_MASTER_KEY")));
    EXPECT_EQ(m_store.writes, 1);
    EXPECT_FALSE(checkToken().has_value());
}

TEST_F(VaultUnlockerTest, DamagedStoreEntryIsRefusedAndKept)
{
    const QByteArray damaged("damaged-keychain-entry-0123456789");
    m_store.setKey(damaged);
    const auto vault = unlockWith(std::nullopt);
    ASSERT_FALSE(vault.has_value());
    EXPECT_EQ(vault.error().code, ErrorCode::MasterKeyUnavailable);
    expectNoKeyIn(vault.error().message, damaged);
    EXPECT_EQ(m_store.writes, 0);
    EXPECT_EQ(m_store.key, damaged);
    EXPECT_FALSE(checkToken().has_value());
}

TEST_F(VaultUnlockerTest, TamperedCheckIsAMismatch)
{
    const QByteArray key = enrollWithEnvKey();
    QString check = *checkToken();
    // Flip one character in the middle of the token (the HMAC then fails).
    const qsizetype middle = check.size() / 2;
    check[middle] = check[middle] == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
    ASSERT_TRUE(m_settings->setValue(QString::fromLatin1(VaultUnlocker::kCheckSetting), check).has_value());

    const auto vault = unlockWith(key);
    ASSERT_FALSE(vault.has_value());
    EXPECT_EQ(vault.error().code, ErrorCode::MasterKeyMismatch);
}

TEST_F(VaultUnlockerTest, SecretsRoundTripAcrossUnlocks)
{
    const QByteArray secret("sk-or-v1-0123456789abcdef");
    QByteArray token;
    {
        const auto vault = unlockWith(std::nullopt);
        ASSERT_TRUE(vault.has_value()) << str(vault.error().message);
        auto encrypted = vault->encrypt(secret);
        ASSERT_TRUE(encrypted.has_value()) << str(encrypted.error().message);
        token = *encrypted;
    }
    ASSERT_FALSE(token.contains(secret));

    const auto vault = unlockWith(std::nullopt);
    ASSERT_TRUE(vault.has_value()) << str(vault.error().message);
    const auto decrypted = vault->decrypt(token);
    ASSERT_TRUE(decrypted.has_value()) << str(decrypted.error().message);
    EXPECT_EQ(decrypted->view(), QByteArrayView(secret));
    EXPECT_EQ(m_store.writes, 1);
}

// The database holds an API key sealed under key A but no check row. Key B, from the environment
// or from the keychain, must not be enrolled: new secrets would be sealed under B next to A's.
TEST_F(VaultUnlockerTest, SecretsWithoutCheckRefuseAnotherKeyAndWriteNothing)
{
    const QByteArray keyA = enrollWithEnvKey();
    const qint64 id = storeKeySealedUnder(keyA, QStringLiteral("A"));
    ASSERT_GT(id, 0);
    deleteCheck();
    const auto before = settingsRows();

    const QByteArray keyB = newKey();
    const auto viaEnv = unlockWith(keyB);
    ASSERT_FALSE(viaEnv.has_value());
    EXPECT_EQ(viaEnv.error().code, ErrorCode::MasterKeyMismatch);
    const QString message = viaEnv.error().message;
    EXPECT_TRUE(message.contains(QLatin1String("does not match"))) << str(message);
    EXPECT_TRUE(message.contains(QLatin1String("from QUOTAWATCH_MASTER_KEY"))) << str(message);
    EXPECT_TRUE(message.contains(QStringLiteral("API key %1").arg(id))) << str(message);
    EXPECT_TRUE(message.contains(QLatin1String("nothing was changed"))) << str(message);
    EXPECT_TRUE(message.contains(QLatin1String("Set QUOTAWATCH_MASTER_KEY to the key that encrypted them")))
        << str(message);
    EXPECT_FALSE(message.contains(u'\n')) << str(message);
    expectNoKeyIn(message, keyA);
    expectNoKeyIn(message, keyB);
    EXPECT_EQ(settingsRows(), before);
    EXPECT_EQ(m_store.writes, 0);

    // The same key in the keychain: refused the same way, and the keychain keeps it.
    m_store.setKey(keyB);
    const auto viaStore = unlockWith(std::nullopt);
    ASSERT_FALSE(viaStore.has_value());
    EXPECT_EQ(viaStore.error().code, ErrorCode::MasterKeyMismatch);
    EXPECT_TRUE(viaStore.error().message.contains(QLatin1String("in the test keychain")))
        << str(viaStore.error().message);
    EXPECT_EQ(m_store.writes, 0);
    EXPECT_EQ(m_store.key, keyB);
    EXPECT_EQ(settingsRows(), before);
}

TEST_F(VaultUnlockerTest, SecretsWithoutCheckAndNoKeyAnywhereCreateNone)
{
    const QByteArray keyA = enrollWithEnvKey();
    ASSERT_GT(storeKeySealedUnder(keyA, QStringLiteral("A")), 0);
    deleteCheck();
    const auto before = settingsRows();

    ASSERT_EQ(m_store.state, MemoryKeyStore::State::Empty);
    const auto vault = unlockWith(std::nullopt);
    ASSERT_FALSE(vault.has_value());
    EXPECT_EQ(vault.error().code, ErrorCode::MasterKeyUnavailable);
    const QString message = vault.error().message;
    EXPECT_TRUE(message.contains(QLatin1String("holds encrypted secrets"))) << str(message);
    EXPECT_TRUE(message.contains(QLatin1String("the test keychain has no key"))) << str(message);
    EXPECT_TRUE(message.contains(QLatin1String("Set QUOTAWATCH_MASTER_KEY to the key that encrypted them")))
        << str(message);
    expectNoKeyIn(message, keyA);
    EXPECT_EQ(m_store.writes, 0);
    EXPECT_EQ(m_store.state, MemoryKeyStore::State::Empty);
    EXPECT_EQ(settingsRows(), before);

    // An unreachable keychain is no better: refused, nothing written.
    m_store.state = MemoryKeyStore::State::Unreachable;
    const auto unreachable = unlockWith(std::nullopt);
    ASSERT_FALSE(unreachable.has_value());
    EXPECT_EQ(unreachable.error().code, ErrorCode::MasterKeyUnavailable);
    EXPECT_EQ(m_store.writes, 0);
    EXPECT_EQ(settingsRows(), before);
}

TEST_F(VaultUnlockerTest, SecretsWithoutCheckOpenWithTheirKeyWhichIsThenEnrolled)
{
    const QByteArray keyA = enrollWithEnvKey();
    const qint64 id = storeKeySealedUnder(keyA, QStringLiteral("A"));
    deleteCheck();

    const auto vault = unlockWith(keyA);
    ASSERT_TRUE(vault.has_value()) << str(vault.error().message);
    EXPECT_EQ(m_store.writes, 0);
    const auto key = ApiKeyRepository(*m_db).find(id);
    ASSERT_TRUE(key.has_value() && key->has_value());
    const auto secret = vault->decrypt((*key)->secretEnc);
    ASSERT_TRUE(secret.has_value()) << str(secret.error().message);
    EXPECT_EQ(secret->view(), QByteArrayView("sk-mixed-0123456789abcdef"));

    // The check is back, made with A: from now on B is refused by it.
    const auto check = checkToken();
    ASSERT_TRUE(check.has_value());
    auto fernetA = Fernet::fromKey(keyA);
    ASSERT_TRUE(fernetA.has_value());
    EXPECT_TRUE(fernetA->decrypt(check->toLatin1()).has_value());
    const auto withB = unlockWith(newKey());
    ASSERT_FALSE(withB.has_value());
    EXPECT_EQ(withB.error().code, ErrorCode::MasterKeyMismatch);
    EXPECT_EQ(checkToken(), check);
}

TEST_F(VaultUnlockerTest, TheirKeyInTheKeychainOpensAndIsLeftAsItWas)
{
    const QByteArray keyA = newKey();
    ASSERT_GT(storeKeySealedUnder(keyA, QStringLiteral("A")), 0);
    m_store.setKey(keyA);

    const auto vault = unlockWith(std::nullopt);
    ASSERT_TRUE(vault.has_value()) << str(vault.error().message);
    EXPECT_EQ(m_store.writes, 0);
    EXPECT_EQ(m_store.key, keyA);
    EXPECT_TRUE(checkToken().has_value());
}

// Tokens from both ends of the table are checked: a key added under another master key after
// a restore (the newest) or left from before it (the oldest) is found.
TEST_F(VaultUnlockerTest, AForeignTokenAtEitherEndIsRefused)
{
    const QByteArray keyA = newKey();
    const QByteArray keyB = newKey();
    const qint64 oldest = storeKeySealedUnder(keyB, QStringLiteral("oldest"));
    for (int i = 0; i < 2 * VaultUnlocker::kSamplePerEnd + 2; ++i)
        ASSERT_GT(storeKeySealedUnder(keyA, QStringLiteral("A%1").arg(i)), 0);
    const auto before = settingsRows();

    const auto refusedOldest = unlockWith(keyA);
    ASSERT_FALSE(refusedOldest.has_value());
    EXPECT_EQ(refusedOldest.error().code, ErrorCode::MasterKeyMismatch);
    EXPECT_TRUE(refusedOldest.error().message.contains(QStringLiteral("API key %1 ").arg(oldest)))
        << str(refusedOldest.error().message);

    ASSERT_TRUE(ApiKeyRepository(*m_db).remove(oldest).has_value());
    const qint64 newest = storeKeySealedUnder(keyB, QStringLiteral("newest"));
    const auto refusedNewest = unlockWith(keyA);
    ASSERT_FALSE(refusedNewest.has_value());
    EXPECT_TRUE(refusedNewest.error().message.contains(QStringLiteral("API key %1 ").arg(newest)))
        << str(refusedNewest.error().message);
    EXPECT_EQ(settingsRows(), before);
    EXPECT_EQ(m_store.writes, 0);
}

// An alert channel's secrets alone make the database one that holds secrets.
TEST_F(VaultUnlockerTest, ChannelSecretsAloneAreSecrets)
{
    const QByteArray keyA = newKey();
    const qint64 channel = storeChannelSealedUnder(keyA);
    ASSERT_GT(channel, 0);

    const auto noKey = unlockWith(std::nullopt);
    ASSERT_FALSE(noKey.has_value());
    EXPECT_EQ(noKey.error().code, ErrorCode::MasterKeyUnavailable);
    EXPECT_EQ(m_store.writes, 0);
    EXPECT_EQ(m_store.state, MemoryKeyStore::State::Empty);

    const auto wrong = unlockWith(newKey());
    ASSERT_FALSE(wrong.has_value());
    EXPECT_EQ(wrong.error().code, ErrorCode::MasterKeyMismatch);
    EXPECT_TRUE(wrong.error().message.contains(QStringLiteral("alert channel %1").arg(channel)))
        << str(wrong.error().message);
    EXPECT_FALSE(checkToken().has_value());

    ASSERT_TRUE(unlockWith(keyA).has_value());
    EXPECT_TRUE(checkToken().has_value());
}

// The REST login-token signing secret (kept in settings under the vault) alone as well: this
// ties the name SealedTokenRepository samples to the one LoginTokens writes.
TEST_F(VaultUnlockerTest, LoginTokenSigningSecretAloneIsASecret)
{
    const QByteArray keyA = enrollWithEnvKey();
    {
        auto fernet = Fernet::fromKey(keyA);
        ASSERT_TRUE(fernet.has_value());
        const Vault vault(std::move(*fernet));
        qw::test::FixedClock clock(QDateTime::currentDateTimeUtc());
        AccountService accounts(*m_db, clock);
        auto tokens = LoginTokens::load(*m_db, vault, clock, accounts);
        ASSERT_TRUE(tokens.has_value()) << str(tokens.error().message);
    }
    ASSERT_TRUE(SealedTokenRepository::sealedSettings().contains(QLatin1String(LoginTokens::kSecretSetting)));
    deleteCheck();
    const auto before = settingsRows();

    const auto noKey = unlockWith(std::nullopt);
    ASSERT_FALSE(noKey.has_value());
    EXPECT_EQ(noKey.error().code, ErrorCode::MasterKeyUnavailable);
    EXPECT_EQ(m_store.writes, 0);

    const auto wrong = unlockWith(newKey());
    ASSERT_FALSE(wrong.has_value());
    EXPECT_EQ(wrong.error().code, ErrorCode::MasterKeyMismatch);
    EXPECT_TRUE(wrong.error().message.contains(QLatin1String(LoginTokens::kSecretSetting)))
        << str(wrong.error().message);
    EXPECT_EQ(settingsRows(), before);

    ASSERT_TRUE(unlockWith(keyA).has_value());
}

TEST_F(VaultUnlockerTest, EmptyDatabaseSamplesNothing)
{
    const auto samples = m_sealed->sample(VaultUnlocker::kSamplePerEnd);
    ASSERT_TRUE(samples.has_value()) << str(samples.error().message);
    EXPECT_TRUE(samples->empty());
    // The check row alone is not a secret either: a database enrolled but empty stays so.
    (void)enrollWithEnvKey();
    const auto afterEnroll = m_sealed->sample(VaultUnlocker::kSamplePerEnd);
    ASSERT_TRUE(afterEnroll.has_value());
    EXPECT_TRUE(afterEnroll->empty());
}

TEST_F(VaultUnlockerTest, SampleTakesBothEndsOfEachTableOnce)
{
    const QByteArray key = newKey();
    std::vector<qint64> ids;
    for (int i = 0; i < 10; ++i)
        ids.push_back(storeKeySealedUnder(key, QStringLiteral("K%1").arg(i)));
    const auto samples = m_sealed->sample(2);
    ASSERT_TRUE(samples.has_value()) << str(samples.error().message);
    std::vector<qint64> sampled;
    for (const auto &sample : *samples) {
        EXPECT_EQ(sample.place, SealedTokenRepository::Place::ApiKeySecret);
        sampled.push_back(sample.rowId);
    }
    std::sort(sampled.begin(), sampled.end());
    EXPECT_EQ(sampled, (std::vector<qint64>{ids[0], ids[1], ids[8], ids[9]}));

    // Fewer rows than both ends together: each row once.
    const auto wide = m_sealed->sample(20);
    ASSERT_TRUE(wide.has_value());
    EXPECT_EQ(wide->size(), ids.size());
}

} // namespace
} // namespace qw
