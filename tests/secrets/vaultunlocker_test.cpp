// VaultUnlocker against a real (SQLite) settings table and an in-memory key store. The store is
// a test double on purpose: these cases need a keychain that is unreachable, empty or failing
// on demand; the real keychain is exercised in keychain_test.cpp.
#include "core/crypto/fernet.h"
#include "core/crypto/vault.h"
#include "core/secrets/masterkeystore.h"
#include "core/secrets/vaultunlocker.h"
#include "core/storage/settingsrepository.h"
#include "tests/support/testdatabase.h"

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

class VaultUnlockerTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_db = m_testDb.open();
        ASSERT_NE(m_db, nullptr);
        m_settings = std::make_unique<SettingsRepository>(*m_db);
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
        return unlocker.unlock(*m_settings);
    }

    // Enrolls the database with a fresh key given through the environment; returns that key.
    QByteArray enrollWithEnvKey()
    {
        const QByteArray key = newKey();
        const auto vault = unlockWith(key);
        EXPECT_TRUE(vault.has_value()) << (vault ? std::string() : str(vault.error().message));
        return key;
    }

    static void expectNoKeyIn(const QString &message, const QByteArray &key)
    {
        ASSERT_FALSE(key.isEmpty());
        EXPECT_FALSE(message.contains(QString::fromLatin1(key))) << "message leaks the key: " << str(message);
        // Not even a recognisable part of it.
        EXPECT_FALSE(message.contains(QString::fromLatin1(key.left(12)))) << str(message);
    }

    qw::test::TestDatabase m_testDb{QStringLiteral("sqlite")};
    std::unique_ptr<Database> m_db;
    std::unique_ptr<SettingsRepository> m_settings;
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

    const auto vault = unlocker.unlock(*m_settings);
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

    const auto vault = unlocker.unlock(*m_settings);
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

    const auto vault = unlocker.unlock(*m_settings);
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

} // namespace
} // namespace qw
