// One master key for a team on one database (issue 13): `master-key export` prints the key in
// use once, `master-key rotate` seals every secret again under a new key in one transaction, an
// instance with another key is refused before it writes, and a `serve` that still holds the old
// key after a rotation stops with exit code 3 and asks for the new one, losing no check. Run on
// SQLite and PostgreSQL (cli.sqlite, cli.postgres); the keychain half is in CliKeychainTeamKey.
#include "core/crypto/destinationbinding.h"
#include "core/crypto/fernet.h"
#include "core/crypto/vault.h"
#include "core/secrets/keychainmasterkeystore.h"
#include "core/storage/channelrepository.h"
#include "core/storage/settingsrepository.h"
#include "tests/cli/clitest.h"
#include "tests/support/secretscan.h"
#include "tests/support/testhttpserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QThread>

namespace qw::test {
namespace {

const QByteArray kBalance =
    R"({"is_available":true,"balance_infos":[{"currency":"CNY","total_balance":"50.00","granted_balance":"0","topped_up_balance":"50.00"}]})";
const QByteArray kHookToken = "HOOKTOKENCANARY-51d0e7";
const QByteArray kHeaderValue = "Bearer HEADERCANARY-TEAMKEY-93ab";
const QByteArray kJwtSecret = "JWTSECRETCANARY-0f3e9a7d21";
const QString kJwtSetting = QStringLiteral("jwt_signing_secret");

QByteArray secretOf(int i)
{
    return QByteArrayLiteral("sk-teamkey-") + QByteArray::number(i).rightJustified(4, '0') +
           "abcdef0123456789";
}

Vault vaultOf(const QByteArray &key)
{
    return Vault(std::move(*Fernet::fromKey(key)));
}

class CliTeamKey : public CliTest
{
protected:
    void SetUp() override
    {
        CliTest::SetUp();
        m_provider.route("GET", "/user/balance", TestResponse::json(kBalance));
        m_hook.route("POST", "/hook/*", TestResponse::json("{}"));
    }

    qint64 addProviderKey(int i)
    {
        return addKey(QStringLiteral("key %1").arg(i), QStringLiteral("deepseek"), secretOf(i),
                      {QStringLiteral("--base-url"), m_provider.baseUrl(), QStringLiteral("--interval"),
                       QStringLiteral("10s")});
    }

    // A webhook whose URL token and Authorization header are sealed in the channel's secrets.
    qint64 addWebhook()
    {
        const QString url =
            QStringLiteral("http://127.0.0.1:%1/hook/").arg(m_hook.port()) + QString::fromLatin1(kHookToken);
        const CliResult added =
            runDb({QStringLiteral("channels"), QStringLiteral("add"), QStringLiteral("--kind"),
                   QStringLiteral("webhook"), QStringLiteral("--name"), QStringLiteral("ops"),
                   QStringLiteral("--url"), url, QStringLiteral("--option"),
                   QStringLiteral("header.Authorization=-")},
                  kHeaderValue);
        EXPECT_TRUE(succeeded(added)) << added.describe();
        return added.outText().trimmed().toLongLong();
    }

    // The REST sign-in secret, sealed under the current key as LoginTokens keeps it.
    void storeSealedSetting()
    {
        auto token = vaultOf(m_masterKey).encrypt(kJwtSecret);
        ASSERT_TRUE(token.has_value());
        ASSERT_TRUE(SettingsRepository(db()).setValue(kJwtSetting, QString::fromLatin1(*token)).has_value());
    }

    std::vector<Channel> storedChannels()
    {
        auto channels = ChannelRepository(db()).list();
        EXPECT_TRUE(channels.has_value());
        return channels ? *channels : std::vector<Channel>();
    }

    QVariant value(const QString &statement, const QVariantList &values = {})
    {
        auto query = db().run(statement, values);
        EXPECT_TRUE(query.has_value()) << (query ? std::string() : query.error().message.toStdString());
        return query && query->next() ? query->value(0) : QVariant();
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

    // `quotawatch serve --no-rest` with `env` on top of the fixture's environment.
    bool startServeWith(QProcess &process, const EnvChanges &env)
    {
        process.setProcessEnvironment(childEnvironment(env));
        process.setWorkingDirectory(m_home.path());
        process.start(QStringLiteral(QW_CLI_BINARY), {QStringLiteral("serve"), QStringLiteral("--no-rest"),
                                                      QStringLiteral("--db"), dbUrl()});
        return process.waitForStarted(30000);
    }

    QByteArrayList apiSecrets(int count) const
    {
        QByteArrayList secrets{kHookToken, kHeaderValue, kJwtSecret};
        for (int i = 0; i < count; ++i)
            secrets << secretOf(i);
        return secrets;
    }

    TestHttpServer m_provider;
    TestHttpServer m_hook;
};

TEST_F(CliTeamKey, ExportPrintsOnlyTheKeyInUseWithAWarning)
{
    ASSERT_GT(addProviderKey(0), 0);
    const CliResult exported = runDb(cmd({"master-key", "export"}));
    ASSERT_EQ(exported.exitCode, kExitOk) << exported.describe();
    EXPECT_EQ(exported.out, m_masterKey + '\n') << "stdout must hold the key alone";
    EXPECT_TRUE(exported.errText().contains(QStringLiteral("password manager"))) << exported.describe();
    EXPECT_TRUE(exported.errText().contains(QStringLiteral("read every API key"))) << exported.describe();
    EXPECT_FALSE(exported.err.contains(m_masterKey));

    // A key that does not open this database is never printed.
    const CliResult wrong =
        runDb(cmd({"master-key", "export"}), {}, {{kMasterKeyVar, QString::fromLatin1(newMasterKey())}});
    EXPECT_TRUE(failedWith(wrong, kExitMasterKey, {kMasterKeyVar})) << wrong.describe();

    const CliResult help = runDb(cmd({"master-key", "--help"}));
    EXPECT_EQ(help.exitCode, kExitOk);
    EXPECT_TRUE(help.outText().contains(QStringLiteral("master-key rotate"))) << help.describe();
}

TEST_F(CliTeamKey, ImportWithoutAKeychainVerifiesTheKeyFirst)
{
    ASSERT_GT(addProviderKey(0), 0);
    const QStringList before = settingsRows();
    // A wrong key is refused for what it is, before the (unreachable) keychain is asked.
    const CliResult wrong = runDb(cmd({"master-key", "import", "--replace"}), newMasterKey());
    EXPECT_TRUE(
        failedWith(wrong, kExitMasterKey, {QStringLiteral("does not open"), QStringLiteral("not changed")}))
        << wrong.describe();
    const CliResult garbage = runDb(cmd({"master-key", "import"}), "not-a-key");
    EXPECT_TRUE(failedWith(garbage, kExitMasterKey, {QStringLiteral("not a master key")}))
        << garbage.describe();
    EXPECT_EQ(settingsRows(), before);
}

TEST_F(CliTeamKey, AnInstanceWithAnotherMasterKeyIsRefusedAndWritesNothing)
{
    ASSERT_GT(addProviderKey(0), 0);
    QProcess serve;
    QByteArray serveErr;
    ASSERT_TRUE(startServe(serve, serveErr));

    const QString other = QString::fromLatin1(newMasterKey());
    const qint64 keysBefore = keyCount();
    const QStringList settingsBefore = settingsRows();
    m_throughBinary = true; // a second process, as a second machine would be
    const CliResult added = runDb(cmd({"keys", "add", "--name", "other", "--platform", "openrouter"}),
                                  "sk-or-v1-OTHERKEYCANARY0001", {{kMasterKeyVar, other}});
    EXPECT_TRUE(failedWith(added, kExitMasterKey, {kMasterKeyVar})) << added.describe();
    const CliResult rotated = runDb(cmd({"master-key", "rotate"}), {}, {{kMasterKeyVar, other}});
    EXPECT_TRUE(failedWith(rotated, kExitMasterKey, {kMasterKeyVar})) << rotated.describe();

    QProcess secondServe;
    QByteArray secondErr;
    ASSERT_TRUE(startServeWith(secondServe, {{kMasterKeyVar, other}}));
    ASSERT_TRUE(secondServe.waitForFinished(30000));
    secondErr += secondServe.readAllStandardError();
    if (isPostgres()) {
        EXPECT_EQ(secondServe.exitCode(), kExitMasterKey) << secondErr.toStdString();
        EXPECT_TRUE(secondErr.contains("does not match")) << secondErr.toStdString();
    } else {
        // One SQLite file takes one `serve`: refused before any key is looked at (instance_test.cpp).
        EXPECT_EQ(secondServe.exitCode(), kExitDatabase) << secondErr.toStdString();
        EXPECT_TRUE(secondErr.contains("already uses")) << secondErr.toStdString();
    }

    EXPECT_EQ(keyCount(), keysBefore);
    EXPECT_EQ(settingsRows(), settingsBefore);
    EXPECT_EQ(serve.state(), QProcess::Running)
        << "the instance with the right key stopped: " << serveErr.toStdString();
    serve.terminate();
    EXPECT_TRUE(serve.waitForFinished(30000));
    EXPECT_TRUE(holdsNoSecret({m_masterKey, other.toLatin1(), secretOf(0)}, secondErr + added.err,
                              QStringLiteral("refused runs")));
}

TEST_F(CliTeamKey, RotateResealsEverySecretUnderTheNewKeyOnly)
{
    const qint64 keyId = addProviderKey(0);
    ASSERT_GT(keyId, 0);
    const qint64 channelId = addWebhook();
    ASSERT_GT(channelId, 0);
    storeSealedSetting();
    const QByteArray oldKey = m_masterKey;
    const QStringList before = settingsRows();

    const CliResult rotated = runDb(cmd({"master-key", "rotate"}));
    ASSERT_EQ(rotated.exitCode, kExitOk) << rotated.describe();
    // The old key came from the variable: the new one is printed once, alone on stdout.
    const QByteArray newKey = rotated.out.trimmed();
    ASSERT_TRUE(Fernet::fromKey(newKey).has_value()) << rotated.describe();
    EXPECT_NE(newKey, oldKey);
    EXPECT_TRUE(rotated.errText().contains(kMasterKeyVar)) << rotated.describe();
    EXPECT_TRUE(
        rotated.errText().contains(QStringLiteral("1 API key(s), 1 alert channel(s) and 1 setting(s)")))
        << rotated.describe();
    EXPECT_TRUE(
        holdsNoSecret(apiSecrets(1) << oldKey << newKey, rotated.err, QStringLiteral("rotate's stderr")));

    // Every sealed place opens with the new key and no longer with the old one.
    const std::vector<ApiKey> keys = storedKeys();
    ASSERT_EQ(keys.size(), 1u);
    EXPECT_EQ(decrypt(newKey, keys[0].secretEnc), secretOf(0));
    EXPECT_EQ(decrypt(oldKey, keys[0].secretEnc), std::nullopt);
    EXPECT_TRUE(DestinationBinding::holds(keys[0], vaultOf(newKey)));
    EXPECT_FALSE(DestinationBinding::holds(keys[0], vaultOf(oldKey)));
    const std::vector<Channel> channels = storedChannels();
    ASSERT_EQ(channels.size(), 1u);
    const std::optional<QByteArray> channelSecrets = decrypt(newKey, channels[0].secretsEnc);
    ASSERT_TRUE(channelSecrets.has_value());
    EXPECT_TRUE(channelSecrets->contains(kHookToken));
    EXPECT_TRUE(channelSecrets->contains(kHeaderValue));
    EXPECT_EQ(decrypt(oldKey, channels[0].secretsEnc), std::nullopt);
    EXPECT_TRUE(DestinationBinding::holds(channels[0], vaultOf(newKey)));
    const QByteArray jwt = setting(kJwtSetting).value_or(QString()).toLatin1();
    EXPECT_EQ(decrypt(newKey, jwt), kJwtSecret);
    EXPECT_EQ(decrypt(oldKey, jwt), std::nullopt);
    EXPECT_NE(settingsRows(), before);

    // The old key is refused everywhere; the new one checks through the rebound destination.
    const CliResult withOld = runDb(cmd({"check"}));
    EXPECT_TRUE(failedWith(withOld, kExitMasterKey, {kMasterKeyVar})) << withOld.describe();
    EXPECT_EQ(m_provider.requestCount(), 0);
    m_masterKey = newKey;
    const CliResult checked = runDb(cmd({"check", "--json"}));
    ASSERT_EQ(checked.exitCode, kExitOk) << checked.describe();
    EXPECT_EQ(QJsonDocument::fromJson(checked.out)
                  .array()
                  .at(0)
                  .toObject()
                  .value(QLatin1String("status"))
                  .toString(),
              QStringLiteral("ok"));
    ASSERT_EQ(m_provider.requestCount(), 1);
    EXPECT_EQ(m_provider.requests()[0].header("Authorization"), "Bearer " + secretOf(0));
    const CliResult tested =
        runDb({QStringLiteral("channels"), QStringLiteral("test"), QString::number(channelId)});
    ASSERT_TRUE(succeeded(tested)) << tested.describe();
    ASSERT_EQ(m_hook.requestCount(), 1);
    EXPECT_EQ(m_hook.requests()[0].header("Authorization"), kHeaderValue);
    EXPECT_TRUE(m_hook.requests()[0].path.endsWith(kHookToken));
}

// A row whose binding already failed (pointed elsewhere behind QuotaWatch's back) must not be
// laundered by a rotation: it stays an integrity error under the new key.
TEST_F(CliTeamKey, RotateDoesNotRebindARedirectedKey)
{
    const qint64 keyId = addProviderKey(0);
    ASSERT_GT(keyId, 0);
    TestHttpServer trap;
    trap.route("*", "/*", TestResponse::json(kBalance));
    ASSERT_TRUE(
        db().run(QStringLiteral("UPDATE api_keys SET base_url = ? WHERE id = ?"), {trap.baseUrl(), keyId})
            .has_value());
    const CliResult rotated = runDb(cmd({"master-key", "rotate"}));
    ASSERT_EQ(rotated.exitCode, kExitOk) << rotated.describe();
    EXPECT_TRUE(rotated.errText().contains(QStringLiteral("1 row(s)"))) << rotated.describe();
    m_masterKey = rotated.out.trimmed();
    const CliResult checked = runDb(cmd({"check", "--json"}));
    EXPECT_EQ(QJsonDocument::fromJson(checked.out)
                  .array()
                  .at(0)
                  .toObject()
                  .value(QLatin1String("status"))
                  .toString(),
              QStringLiteral("integrity_error"))
        << checked.describe();
    EXPECT_EQ(trap.requestCount(), 0);
}

TEST_F(CliTeamKey, RotateWhileServeChecksLosesNoCheckAndServeAsksForTheNewKey)
{
    constexpr int kKeys = 12;
    // Slow answers keep checks in flight while the rotation commits.
    m_provider.route("GET", "/user/balance", [](const RecordedRequest &) {
        TestResponse response = TestResponse::json(kBalance);
        response.delayMs = 400;
        return response;
    });
    for (int i = 0; i < kKeys; ++i)
        ASSERT_GT(addProviderKey(i), 0);
    const QByteArray oldKey = m_masterKey;

    QProcess serve;
    QByteArray serveErr;
    ASSERT_TRUE(startServe(serve, serveErr));
    QElapsedTimer timer;
    timer.start();
    while (m_provider.activeRequests() == 0 && timer.elapsed() < 15000)
        QThread::msleep(20);
    ASSERT_GT(m_provider.activeRequests(), 0) << serveErr.toStdString();

    const CliResult rotated = runDb(cmd({"master-key", "rotate"}));
    ASSERT_EQ(rotated.exitCode, kExitOk) << rotated.describe();
    const QByteArray newKey = rotated.out.trimmed();

    // The serve with the old key notices (the vault check changed) and stops with exit 3.
    ASSERT_TRUE(serve.waitForFinished(30000)) << "serve kept running with a replaced master key";
    serveErr += serve.readAllStandardError();
    EXPECT_EQ(serve.exitCode(), kExitMasterKey) << serveErr.toStdString();
    EXPECT_TRUE(serveErr.contains("master-key import --replace")) << serveErr.toStdString();
    EXPECT_TRUE(serveErr.contains("rotated by another instance")) << serveErr.toStdString();

    // No check lost: every request that reached the provider has its stored result, all ok;
    // nothing was stored as an integrity or auth error, and no key_failing alert was raised.
    const int requests = m_provider.requestCount();
    EXPECT_GT(requests, 0);
    EXPECT_EQ(value(QStringLiteral("SELECT COUNT(*) FROM snapshots")).toInt(), requests);
    EXPECT_EQ(value(QStringLiteral("SELECT COUNT(*) FROM snapshots WHERE status <> 'ok'")).toInt(), 0);
    EXPECT_EQ(value(QStringLiteral("SELECT COUNT(*) FROM alerts")).toInt(), 0);

    // Every secret opens with the new key only, and a serve given it checks again.
    for (const ApiKey &key : storedKeys()) {
        EXPECT_TRUE(decrypt(newKey, key.secretEnc).has_value()) << key.id;
        EXPECT_FALSE(decrypt(oldKey, key.secretEnc).has_value()) << key.id;
    }
    m_masterKey = newKey;
    const CliResult checked = runDb(cmd({"check"}));
    EXPECT_EQ(checked.exitCode, kExitOk) << checked.describe();
    EXPECT_EQ(value(QStringLiteral("SELECT COUNT(*) FROM snapshots WHERE status <> 'ok'")).toInt(), 0);
    EXPECT_EQ(m_provider.requestCount(), requests + kKeys);

    EXPECT_TRUE(
        holdsNoSecret(apiSecrets(kKeys) << oldKey << newKey, serveErr, QStringLiteral("serve's stderr")));
    EXPECT_TRUE(
        holdsNoSecret(apiSecrets(kKeys) << oldKey << newKey, rotated.err, QStringLiteral("rotate's stderr")));
}

// The keychain half, run by ctest as cli.keychain inside tests/fixtures/with-keyring.sh (a
// private gnome-keyring-daemon on a private bus, so the production entry is safe to use);
// anywhere else it skips.
class CliKeychainTeamKey : public CliTest
{
protected:
    void SetUp() override
    {
        if (qEnvironmentVariable("QW_PRIVATE_KEYRING") != QLatin1String("1"))
            GTEST_SKIP()
                << "needs the private keyring of tests/fixtures/with-keyring.sh (ctest -R cli.keychain)";
        CliTest::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        m_masterKey.clear();
        m_keychainReachable = true;
        m_throughBinary = true;
        ASSERT_TRUE(m_store.remove().has_value());
    }

    void TearDown() override
    {
        if (qEnvironmentVariable("QW_PRIVATE_KEYRING") == QLatin1String("1"))
            (void)m_store.remove();
        CliTest::TearDown();
    }

    std::optional<QByteArray> keychainKey()
    {
        auto read = m_store.read();
        EXPECT_TRUE(read.has_value()) << (read ? std::string() : read.error().message.toStdString());
        if (!read || !read->has_value())
            return std::nullopt;
        return (*read)->view().toByteArray();
    }

    void setKeychainKey(const QByteArray &key)
    {
        ASSERT_TRUE(m_store.write(SecureBytes::copyOf(key)).has_value());
    }

    KeychainMasterKeyStore m_store;
};

TEST_F(CliKeychainTeamKey, ExportThenImportOnAnotherMachineRoundTrips)
{
    ASSERT_GT(addKey(QStringLiteral("First"), QStringLiteral("openrouter"), secretOf(1)), 0);
    const std::optional<QByteArray> created = keychainKey();
    ASSERT_TRUE(created.has_value());

    const CliResult exported = runDb(cmd({"master-key", "export"}));
    ASSERT_EQ(exported.exitCode, kExitOk) << exported.describe();
    EXPECT_EQ(exported.out.trimmed(), *created);
    EXPECT_TRUE(exported.errText().contains(QStringLiteral("password manager")));

    // Another machine: its keychain is empty, and without the key the database stays shut.
    ASSERT_TRUE(m_store.remove().has_value());
    const CliResult locked = runDb(cmd({"check"}));
    EXPECT_EQ(locked.exitCode, kExitMasterKey) << locked.describe();
    EXPECT_EQ(keychainKey(), std::nullopt) << "a locked run stored a new key";

    const CliResult imported = runDb(cmd({"master-key", "import"}), exported.out);
    ASSERT_TRUE(succeeded(imported)) << imported.describe();
    EXPECT_EQ(keychainKey(), created);
    const CliResult again = runDb(cmd({"master-key", "import"}), exported.out);
    ASSERT_TRUE(succeeded(again)) << again.describe();
    EXPECT_TRUE(again.outText().contains(QStringLiteral("already holds"))) << again.describe();

    // The imported key works: a new key is sealed under it.
    ASSERT_GT(addKey(QStringLiteral("Second"), QStringLiteral("openrouter"), secretOf(2)), 0);
    const std::vector<ApiKey> keys = storedKeys();
    ASSERT_EQ(keys.size(), 2u);
    EXPECT_EQ(decrypt(*created, keys[1].secretEnc), secretOf(2));
    for (const CliResult &result : {imported, again})
        EXPECT_TRUE(holdsNoSecret({*created}, result.out + result.err, QStringLiteral("import's output")));
}

TEST_F(CliKeychainTeamKey, WrongKeyImportIsRefusedAndTheKeychainUntouched)
{
    ASSERT_GT(addKey(QStringLiteral("First"), QStringLiteral("openrouter"), secretOf(1)), 0);
    const std::optional<QByteArray> created = keychainKey();
    ASSERT_TRUE(created.has_value());

    const QByteArray wrong = newMasterKey();
    for (const QStringList &args :
         {cmd({"master-key", "import"}), cmd({"master-key", "import", "--replace"})}) {
        const CliResult refused = runDb(args, wrong);
        EXPECT_TRUE(failedWith(refused, kExitMasterKey, {QStringLiteral("does not open")}))
            << refused.describe();
        EXPECT_EQ(keychainKey(), created);
        EXPECT_TRUE(
            holdsNoSecret({wrong, *created}, refused.out + refused.err, QStringLiteral("refused import")));
    }
    // Also into an empty keychain: a wrong key is not stored there either.
    ASSERT_TRUE(m_store.remove().has_value());
    EXPECT_EQ(runDb(cmd({"master-key", "import"}), wrong).exitCode, kExitMasterKey);
    EXPECT_EQ(keychainKey(), std::nullopt);

    // A keychain holding some other key is replaced only with --replace, and only by the right key.
    const QByteArray unrelated = newMasterKey();
    setKeychainKey(unrelated);
    const CliResult kept = runDb(cmd({"master-key", "import"}), *created);
    EXPECT_TRUE(failedWith(kept, kExitUsage, {QStringLiteral("--replace")})) << kept.describe();
    EXPECT_EQ(keychainKey(), unrelated);
    const CliResult replaced = runDb(cmd({"master-key", "import", "--replace"}), *created);
    ASSERT_TRUE(succeeded(replaced)) << replaced.describe();
    EXPECT_EQ(keychainKey(), created);
}

// A restored database with secrets but no vault check: the key is judged by the secrets.
TEST_F(CliKeychainTeamKey, ImportIntoADatabaseWithoutACheckIsJudgedByItsSecrets)
{
    ASSERT_GT(addKey(QStringLiteral("First"), QStringLiteral("openrouter"), secretOf(1)), 0);
    const std::optional<QByteArray> created = keychainKey();
    ASSERT_TRUE(created.has_value());
    ASSERT_TRUE(db().run(QStringLiteral("DELETE FROM settings WHERE key = 'vault.check'")).has_value());
    ASSERT_TRUE(m_store.remove().has_value());

    const CliResult wrong = runDb(cmd({"master-key", "import"}), newMasterKey());
    EXPECT_TRUE(failedWith(wrong, kExitMasterKey, {QStringLiteral("does not open")})) << wrong.describe();
    EXPECT_EQ(keychainKey(), std::nullopt);
    EXPECT_FALSE(setting(QStringLiteral("vault.check")).has_value()) << "a wrong key was enrolled";

    const CliResult right = runDb(cmd({"master-key", "import"}), *created);
    ASSERT_TRUE(succeeded(right)) << right.describe();
    EXPECT_EQ(keychainKey(), created);
    EXPECT_TRUE(setting(QStringLiteral("vault.check")).has_value());
}

TEST_F(CliKeychainTeamKey, RotateStoresTheNewKeyInTheKeychainAfterTheCommit)
{
    ASSERT_GT(addKey(QStringLiteral("First"), QStringLiteral("openrouter"), secretOf(1)), 0);
    const std::optional<QByteArray> oldKey = keychainKey();
    ASSERT_TRUE(oldKey.has_value());

    const CliResult rotated = runDb(cmd({"master-key", "rotate"}));
    ASSERT_EQ(rotated.exitCode, kExitOk) << rotated.describe();
    const std::optional<QByteArray> newKey = keychainKey();
    ASSERT_TRUE(newKey.has_value());
    EXPECT_NE(newKey, oldKey);
    EXPECT_TRUE(rotated.outText().contains(QStringLiteral("keychain"))) << rotated.describe();
    // Stored, so never printed.
    EXPECT_TRUE(
        holdsNoSecret({*newKey, *oldKey, secretOf(1)}, rotated.out + rotated.err, QStringLiteral("rotate")));

    const std::vector<ApiKey> keys = storedKeys();
    ASSERT_EQ(keys.size(), 1u);
    EXPECT_EQ(decrypt(*newKey, keys[0].secretEnc), secretOf(1));
    EXPECT_EQ(decrypt(*oldKey, keys[0].secretEnc), std::nullopt);
    // The next run finds the new key in the keychain and opens the database with it.
    const CliResult exported = runDb(cmd({"master-key", "export"}));
    ASSERT_EQ(exported.exitCode, kExitOk) << exported.describe();
    EXPECT_EQ(exported.out.trimmed(), *newKey);
}

} // namespace
} // namespace qw::test
