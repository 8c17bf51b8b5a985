// The master key in the OS keychain, as a desktop user gets it: no QUOTAWATCH_MASTER_KEY, a real
// Secret Service (gnome-keyring-daemon). Run by ctest as cli.keychain through
// tests/fixtures/with-keyring.sh, which starts a private daemon on a private session bus with a
// throw-away HOME; that is why these tests may use the production entry (service "QuotaWatch",
// key "master-key"). Anywhere else they skip, so a real user's keyring is never touched.
#include "core/crypto/fernet.h"
#include "core/secrets/keychainmasterkeystore.h"
#include "tests/cli/clitest.h"

#include <QProcess>
#include <QStandardPaths>

namespace qw::test {
namespace {

// Set by with-keyring.sh once the private daemon is up.
constexpr auto kPrivateKeyringEnv = "QW_PRIVATE_KEYRING";

const QByteArray kFirstSecret = "sk-or-v1-KEYCHAINCANARY0000000001";
const QByteArray kSecondSecret = "sk-or-v1-KEYCHAINCANARY0000000002";

class CliKeychain : public CliTest
{
protected:
    void SetUp() override
    {
        if (qEnvironmentVariable(kPrivateKeyringEnv) != QLatin1String("1"))
            GTEST_SKIP()
                << "needs the private keyring of tests/fixtures/with-keyring.sh (ctest -R cli.keychain); "
                   "a real user's keyring is never used";
        CliTest::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        // Children go through the keychain, as on a desktop: every command runs the real binary,
        // which reaches the private daemon on its own session bus.
        m_masterKey.clear();
        m_keychainReachable = true;
        m_throughBinary = true;
        // Each test starts without an entry, whatever an earlier one left.
        const auto removed = m_store.remove();
        ASSERT_TRUE(removed.has_value()) << removed.error().message.toStdString();
    }

    void TearDown() override
    {
        if (qEnvironmentVariable(kPrivateKeyringEnv) == QLatin1String("1"))
            (void)m_store.remove();
        CliTest::TearDown();
    }

    // The entry the CLI uses, read through the same store class from this process.
    std::optional<QByteArray> keychainKey()
    {
        auto read = m_store.read();
        EXPECT_TRUE(read.has_value()) << (read ? std::string() : read.error().message.toStdString());
        if (!read || !read->has_value())
            return std::nullopt;
        return (*read)->view().toByteArray();
    }

    KeychainMasterKeyStore m_store; // service "QuotaWatch", key "master-key": production's names
};

TEST_F(CliKeychain, FirstAddCreatesTheMasterKeyAndLaterRunsReuseIt)
{
    ASSERT_EQ(keychainKey(), std::nullopt);

    ASSERT_GT(addKey(QStringLiteral("First"), QStringLiteral("openrouter"), kFirstSecret), 0);
    const std::optional<QByteArray> created = keychainKey();
    ASSERT_TRUE(created.has_value()) << "the first add did not store a master key in the keychain";
    EXPECT_TRUE(Fernet::fromKey(*created).has_value()) << "not a Fernet key";

    // libsecret's own tool sees the same entry, so it is really in the Secret Service. QtKeychain
    // files it under the attributes "server" (the service) and "user" (the key).
    const QString tool = QStandardPaths::findExecutable(QStringLiteral("secret-tool"));
    if (!tool.isEmpty()) {
        QProcess lookup;
        lookup.start(tool, cmd({"lookup", "server", "QuotaWatch", "user", "master-key"}));
        ASSERT_TRUE(lookup.waitForFinished(30000));
        EXPECT_EQ(lookup.readAllStandardOutput().trimmed(), *created);
    }

    ASSERT_GT(addKey(QStringLiteral("Second"), QStringLiteral("openrouter"), kSecondSecret), 0);
    EXPECT_EQ(keychainKey(), created) << "the second add replaced the master key";

    const std::vector<ApiKey> keys = storedKeys();
    ASSERT_EQ(keys.size(), 2u);
    EXPECT_EQ(decrypt(*created, keys[0].secretEnc), kFirstSecret);
    EXPECT_EQ(decrypt(*created, keys[1].secretEnc), kSecondSecret);
    for (const QByteArray &output : m_outputs)
        EXPECT_FALSE(output.contains(*created)) << "the master key was printed";
}

TEST_F(CliKeychain, KeyAlreadyInTheKeychainIsUsed)
{
    const QByteArray key = newMasterKey();
    ASSERT_TRUE(m_store.write(SecureBytes::copyOf(key)).has_value());

    ASSERT_GT(addKey(QStringLiteral("First"), QStringLiteral("openrouter"), kFirstSecret), 0);
    EXPECT_EQ(keychainKey(), key);
    const std::vector<ApiKey> keys = storedKeys();
    ASSERT_EQ(keys.size(), 1u);
    EXPECT_EQ(decrypt(key, keys[0].secretEnc), kFirstSecret);
}

// A restored database (secrets, no vault check) and an empty keychain, as on a new machine: the
// command is refused with exit 3 and the keychain gets no new key that would seal new secrets
// beside the old ones; with the key that sealed them in QUOTAWATCH_MASTER_KEY it opens.
TEST_F(CliKeychain, RestoredDatabaseWithSecretsCreatesNoKeychainEntry)
{
    const QByteArray sealedWith = newMasterKey();
    const EnvChanges withKey{{kMasterKeyVar, QString::fromLatin1(sealedWith)}};
    ASSERT_GT(addKey(QStringLiteral("Restored"), QStringLiteral("openrouter"), kFirstSecret, {}, withKey), 0);
    ASSERT_EQ(keychainKey(), std::nullopt);
    auto deleted = db().run(QStringLiteral("DELETE FROM settings WHERE key = 'vault.check'"));
    ASSERT_TRUE(deleted.has_value()) << deleted.error().message.toStdString();

    const CliResult refused =
        runDb(cmd({"keys", "add", "--name", "New", "--platform", "openrouter"}), kSecondSecret);
    EXPECT_TRUE(failedWith(refused, kExitMasterKey,
                           {QStringLiteral("holds encrypted secrets"), QStringLiteral("keychain"),
                            QStringLiteral("Set QUOTAWATCH_MASTER_KEY to the key that encrypted them")}));
    EXPECT_EQ(keychainKey(), std::nullopt) << "a master key was created beside the database's";
    EXPECT_EQ(keyCount(), 1);
    EXPECT_FALSE(setting(QStringLiteral("vault.check")).has_value());

    ASSERT_GT(addKey(QStringLiteral("New"), QStringLiteral("openrouter"), kSecondSecret, {}, withKey), 0);
    EXPECT_EQ(keychainKey(), std::nullopt);
    EXPECT_TRUE(setting(QStringLiteral("vault.check")).has_value());
    for (const ApiKey &key : storedKeys())
        EXPECT_TRUE(decrypt(sealedWith, key.secretEnc).has_value()) << key.name.toStdString();
}

TEST_F(CliKeychain, EnvironmentKeyWinsAndMustMatchTheDatabase)
{
    ASSERT_GT(addKey(QStringLiteral("First"), QStringLiteral("openrouter"), kFirstSecret), 0);
    const std::optional<QByteArray> created = keychainKey();
    ASSERT_TRUE(created.has_value());

    // Another key in QUOTAWATCH_MASTER_KEY is used instead of the keychain's, and refused.
    const CliResult wrong = runDb(cmd({"keys", "add", "--name", "Wrong", "--platform", "openrouter"}),
                                  kSecondSecret, {{kMasterKeyVar, QString::fromLatin1(newMasterKey())}});
    EXPECT_TRUE(failedWith(wrong, kExitMasterKey, {QStringLiteral("does not match")}));
    // The keychain's key given explicitly works.
    ASSERT_GT(addKey(QStringLiteral("Explicit"), QStringLiteral("openrouter"), kSecondSecret, {},
                     {{kMasterKeyVar, QString::fromLatin1(*created)}}),
              0);
    EXPECT_EQ(keychainKey(), created);
    EXPECT_EQ(keyCount(), 2);
}

TEST_F(CliKeychain, LostEntryIsNotReplacedForADatabaseWithSecrets)
{
    ASSERT_GT(addKey(QStringLiteral("First"), QStringLiteral("openrouter"), kFirstSecret), 0);
    const std::optional<QString> check = setting(QStringLiteral("vault.check"));
    ASSERT_TRUE(m_store.remove().has_value());

    // A fresh key now would make the stored secret unreadable for good: refuse, change nothing.
    const CliResult result =
        runDb(cmd({"keys", "add", "--name", "Second", "--platform", "openrouter"}), kSecondSecret);
    EXPECT_TRUE(failedWith(result, kExitMasterKey, {kMasterKeyVar}));
    EXPECT_EQ(keychainKey(), std::nullopt) << "a new master key was written to the keychain";
    EXPECT_EQ(keyCount(), 1);
    EXPECT_EQ(setting(QStringLiteral("vault.check")), check);
}

} // namespace
} // namespace qw::test
