// The master key from QUOTAWATCH_MASTER_KEY: missing (and no keychain), malformed, or not the
// one the database was created with. Each is exit code 3, says the way out, and writes nothing.
#include "core/storage/apikeyrepository.h"
#include "core/storage/settingsrepository.h"
#include "tests/cli/clitest.h"
#include "tests/support/backendtest.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace qw::test {
namespace {

const QByteArray kSecret = "sk-or-v1-MASTERKEYCANARY123456";
const QString kCheckSetting = QStringLiteral("vault.check");

class CliMasterKey : public CliTest
{
protected:
    QStringList addArgs(const char *name = "Key") const
    {
        return cmd({"keys", "add", "--name", name, "--platform", "openrouter"});
    }
    QStringList importArgs()
    {
        return cmd({"keys", "import"})
               << writeFile(QStringLiteral("keys.csv"),
                            "name,platform,secret\nImported,deepseek,sk-imported-0123456789\n");
    }

    // As after a partial restore or in a database the old web application filled: the secrets
    // are there, the record of the key that sealed them is not.
    void deleteVaultCheck()
    {
        auto deleted = db().run(QStringLiteral("DELETE FROM settings WHERE key = ?"), {kCheckSetting});
        ASSERT_TRUE(deleted.has_value()) << deleted.error().message.toStdString();
        ASSERT_FALSE(setting(kCheckSetting).has_value());
    }

    // Every settings row, to show a refused command wrote nothing.
    QStringList settingsRows()
    {
        QStringList rows;
        auto query = db().run(QStringLiteral("SELECT key, value FROM settings ORDER BY key"));
        EXPECT_TRUE(query.has_value());
        while (query && query->next())
            rows << query->value(0).toString() + u'=' + query->value(1).toString();
        return rows;
    }

    // Neither the SQLite file nor the default database was created.
    void expectNoDatabaseFiles()
    {
        if (!isPostgres()) {
            for (const char *suffix : {"", "-wal", "-shm", "-journal"})
                EXPECT_FALSE(QFileInfo::exists(sqlitePath() + u8(suffix)))
                    << sqlitePath().toStdString() << suffix;
        }
        EXPECT_FALSE(QFileInfo::exists(QDir(m_home.path()).filePath(QStringLiteral("data/QuotaWatch"))));
    }
};

TEST_F(CliMasterKey, MissingKeyWithoutKeychainNamesBothWaysOutAndWritesNothing)
{
    const EnvChanges noKey{{kMasterKeyVar, std::nullopt}};
    for (const QStringList &args : {addArgs(), importArgs()}) {
        SCOPED_TRACE(args.join(u' ').toStdString());
        const CliResult result = runDb(args, kSecret, noKey);
        EXPECT_TRUE(failedWith(result, kExitMasterKey, {kMasterKeyVar, QStringLiteral("keychain")}));
    }
    expectNoDatabaseFiles();
    // Opened now, by the test: no key, and no master key enrolled.
    EXPECT_EQ(keyCount(), 0);
    EXPECT_FALSE(setting(kCheckSetting).has_value());
}

TEST_F(CliMasterKey, MalformedKeyIsRefusedWithExit3)
{
    const QByteArray sixteenBytes = QByteArray(16, 'k').toBase64(QByteArray::Base64UrlEncoding);
    for (const char *key :
         {"short", "", "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!=", sixteenBytes.constData()}) {
        SCOPED_TRACE(key);
        const CliResult result = runDb(addArgs(), kSecret, {{kMasterKeyVar, u8(key)}});
        EXPECT_TRUE(failedWith(result, kExitMasterKey, {kMasterKeyVar}));
        EXPECT_FALSE(result.err.contains(kSecret));
    }
    expectNoDatabaseFiles();
    EXPECT_EQ(keyCount(), 0);
}

TEST_F(CliMasterKey, TrailingNewlineInTheKeyIsIgnored)
{
    // As from QUOTAWATCH_MASTER_KEY=$(cat keyfile) with an editor's newline.
    ASSERT_GT(addKey(QStringLiteral("Newline"), QStringLiteral("deepseek"), kSecret, {},
                     {{kMasterKeyVar, QString::fromLatin1(m_masterKey + "\n")}}),
              0);
    ASSERT_GT(addKey(QStringLiteral("Plain"), QStringLiteral("deepseek"), kSecret), 0);
    for (const ApiKey &key : storedKeys())
        EXPECT_EQ(decrypt(m_masterKey, key.secretEnc), kSecret) << key.name.toStdString();
}

TEST_F(CliMasterKey, TheKeyFromAFileOrASystemdCredentialOpensTheSameDatabase)
{
    // A service's key kept out of its environment: QUOTAWATCH_MASTER_KEY_FILE, or the systemd
    // credential "master-key" (LoadCredential=) in $CREDENTIALS_DIRECTORY.
    const QString keyFile = writeFile(QStringLiteral("master.key"), m_masterKey + "\n");
    ASSERT_TRUE(QFile::setPermissions(keyFile, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    const EnvChanges fromFile{{kMasterKeyVar, std::nullopt},
                              {QStringLiteral("QUOTAWATCH_MASTER_KEY_FILE"), keyFile}};
    ASSERT_GT(addKey(QStringLiteral("FromFile"), QStringLiteral("deepseek"), kSecret, {}, fromFile), 0);

    const QString credentials = path(QStringLiteral("credentials"));
    ASSERT_TRUE(QDir().mkpath(credentials));
    ASSERT_TRUE(QFile::copy(keyFile, credentials + QStringLiteral("/master-key")));
    const EnvChanges fromCredential{{kMasterKeyVar, std::nullopt},
                                    {QStringLiteral("CREDENTIALS_DIRECTORY"), credentials}};
    ASSERT_GT(
        addKey(QStringLiteral("FromCredential"), QStringLiteral("deepseek"), kSecret, {}, fromCredential), 0);
    const CliResult exported = runDb(cmd({"master-key", "export"}), {}, fromCredential);
    EXPECT_EQ(exported.exitCode, kExitOk) << exported.describe();
    EXPECT_EQ(exported.out.trimmed(), m_masterKey);
    for (const ApiKey &key : storedKeys())
        EXPECT_EQ(decrypt(m_masterKey, key.secretEnc), kSecret) << key.name.toStdString();

    // A key file every account can read is refused like a wrong key: exit 3, nothing written.
    ASSERT_TRUE(QFile::setPermissions(keyFile, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                   QFileDevice::ReadGroup | QFileDevice::ReadOther));
    const CliResult refused = runDb(addArgs("Refused"), kSecret, fromFile);
    EXPECT_TRUE(failedWith(refused, kExitMasterKey, {keyFile, QStringLiteral("chmod 600")}));
    EXPECT_FALSE(refused.err.contains(m_masterKey));
    EXPECT_EQ(keyCount(), 2);
}

TEST_F(CliMasterKey, ListingAndRemovingNeedNoMasterKey)
{
    const qint64 id = addKey(QStringLiteral("Key"), QStringLiteral("deepseek"), kSecret);
    ASSERT_GT(id, 0);
    const EnvChanges noKey{{kMasterKeyVar, std::nullopt}};
    const CliResult listed = runDb(cmd({"keys", "list", "--json"}), {}, noKey);
    EXPECT_TRUE(succeeded(listed));
    EXPECT_TRUE(listed.outText().contains(QLatin1String("\"Key\""))) << listed.describe();
    EXPECT_TRUE(succeeded(runDb(cmd({"keys", "remove"}) << QString::number(id), {}, noKey)));
    EXPECT_EQ(keyCount(), 0);
}

TEST_F(CliMasterKey, WrongKeyIsRefusedAndChangesNothing)
{
    ASSERT_GT(addKey(QStringLiteral("First"), QStringLiteral("deepseek"), kSecret), 0);
    const std::optional<QString> check = setting(kCheckSetting);
    ASSERT_TRUE(check.has_value());
    const QJsonArray before = listJson();

    const EnvChanges otherKey{{kMasterKeyVar, QString::fromLatin1(newMasterKey())}};
    for (const QStringList &args : {addArgs("Second"), importArgs()}) {
        SCOPED_TRACE(args.join(u' ').toStdString());
        const CliResult result = runDb(args, kSecret, otherKey);
        EXPECT_TRUE(failedWith(result, kExitMasterKey,
                               {QStringLiteral("master key"), QStringLiteral("does not match")}));
    }
    EXPECT_EQ(keyCount(), 1);
    EXPECT_EQ(setting(kCheckSetting), check);
    EXPECT_EQ(listJson(), before);

    // The database is as good as before: the right key still adds, and every secret opens.
    ASSERT_GT(addKey(QStringLiteral("Third"), QStringLiteral("deepseek"), kSecret), 0);
    EXPECT_EQ(keyCount(), 2);
    for (const ApiKey &key : storedKeys())
        EXPECT_EQ(decrypt(m_masterKey, key.secretEnc), kSecret) << key.name.toStdString();
}

// A database that holds a key sealed under the fixture's master key but no vault check: another
// key is not enrolled beside it (which would seal new secrets under a second master key), not by
// `keys add` nor by `check`; the key that sealed them opens it and is enrolled.
TEST_F(CliMasterKey, SecretsWithoutVaultCheckOpenOnlyWithTheirKey)
{
    const qint64 id = addKey(QStringLiteral("First"), QStringLiteral("deepseek"), kSecret);
    ASSERT_GT(id, 0);
    deleteVaultCheck();
    const QStringList before = settingsRows();

    const EnvChanges otherKey{{kMasterKeyVar, QString::fromLatin1(newMasterKey())}};
    for (const QStringList &args : {addArgs("Second"), cmd({"check"})}) {
        SCOPED_TRACE(args.join(u' ').toStdString());
        const CliResult result = runDb(args, kSecret, otherKey);
        EXPECT_TRUE(failedWith(result, kExitMasterKey,
                               {QStringLiteral("does not match"), QStringLiteral("API key %1").arg(id),
                                QStringLiteral("nothing was changed"),
                                QStringLiteral("Set QUOTAWATCH_MASTER_KEY to the key that encrypted them")}));
        EXPECT_FALSE(result.err.contains(kSecret));
    }
    EXPECT_EQ(keyCount(), 1);
    EXPECT_EQ(settingsRows(), before);

    // No key at all (and no keychain here): refused the same way.
    const CliResult noKey = runDb(addArgs("Third"), kSecret, {{kMasterKeyVar, std::nullopt}});
    EXPECT_TRUE(failedWith(noKey, kExitMasterKey, {kMasterKeyVar}));
    EXPECT_EQ(settingsRows(), before);

    // The key that sealed them opens the database and is enrolled.
    ASSERT_GT(addKey(QStringLiteral("Fourth"), QStringLiteral("deepseek"), kSecret), 0);
    const std::optional<QString> check = setting(kCheckSetting);
    ASSERT_TRUE(check.has_value());
    EXPECT_TRUE(decrypt(m_masterKey, check->toLatin1()).has_value());
    for (const ApiKey &key : storedKeys())
        EXPECT_EQ(decrypt(m_masterKey, key.secretEnc), kSecret) << key.name.toStdString();
}

// Two instances starting at the same moment with different keys on a database that holds no
// secrets yet (two servers on one PostgreSQL, a provisioning script running in parallel): only one
// key may be enrolled, and every secret stored must open with it. The loser must fail (exit 3),
// never enroll its key over the first and strand the secrets already written under it. A race
// needs luck to show, so it runs a few rounds; with a correct enrollment every round passes.
TEST_F(CliMasterKey, ConcurrentFirstUseEnrollsExactlyOneKey)
{
    constexpr int kRounds = 5;
    for (int round = 0; round < kRounds; ++round) {
        SCOPED_TRACE("round " + std::to_string(round));
        const TestDatabase fresh(currentBackend());
        ASSERT_TRUE(fresh.available()) << fresh.skipReason().toStdString();
        // Created and migrated, as by `keys list` or the desktop app's first start, so both
        // instances go straight to enrolling.
        const std::unique_ptr<Database> database = fresh.open();
        ASSERT_NE(database, nullptr);

        const QByteArray keyA = newMasterKey();
        const QByteArray keyB = newMasterKey();
        const QStringList db{QStringLiteral("--db"), fresh.url()};
        const std::vector<CliResult> results = runAll({
            {db + addArgs("A"), "sk-race-AAAAAAAAAAAAAAAA", {{kMasterKeyVar, QString::fromLatin1(keyA)}}},
            {db + addArgs("B"), "sk-race-BBBBBBBBBBBBBBBB", {{kMasterKeyVar, QString::fromLatin1(keyB)}}},
        });
        int succeeded = 0;
        for (const CliResult &result : results) {
            if (result.exitCode == kExitOk)
                ++succeeded;
            else
                EXPECT_TRUE(failedWith(result, kExitMasterKey, {QStringLiteral("does not match")}));
        }
        EXPECT_EQ(succeeded, 1) << "both instances enrolled their own master key";

        const auto check = SettingsRepository(*database).value(kCheckSetting);
        ASSERT_TRUE(check.has_value() && check->has_value());
        const QByteArray token = (*check)->toLatin1();
        const QByteArray enrolled = decrypt(keyA, token) ? keyA : decrypt(keyB, token) ? keyB : QByteArray();
        ASSERT_FALSE(enrolled.isEmpty()) << "the vault check opens with neither key";
        const auto keys = ApiKeyRepository(*database).list();
        ASSERT_TRUE(keys.has_value());
        for (const ApiKey &key : *keys)
            EXPECT_TRUE(decrypt(enrolled, key.secretEnc).has_value())
                << "key " << key.name.toStdString() << " cannot be decrypted with the enrolled master key";
    }
}

} // namespace
} // namespace qw::test
