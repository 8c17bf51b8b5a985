// KeychainMasterKeyStore and VaultUnlocker against a real Secret Service: a private
// gnome-keyring-daemon on a private session bus, started by tests/fixtures/with-keyring.sh.
// Every test uses its own service name and removes its entry, and nothing runs unless the
// fixture says the bus is a private one, so a real user's keyring is never touched.
#include "core/crypto/fernet.h"
#include "core/secrets/keychainmasterkeystore.h"
#include "core/secrets/vaultunlocker.h"
#include "core/storage/sealedtokenrepository.h"
#include "core/storage/settingsrepository.h"
#include "tests/support/testdatabase.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLocalServer>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUuid>
#include <gtest/gtest.h>
#include <iostream>
#include <memory>
#include <string>

namespace qw {
namespace {

// Set by with-keyring.sh once the private daemon is up.
constexpr auto kPrivateKeyringEnv = "QW_PRIVATE_KEYRING";
// Set for a child process (see runChild) that tries the keychain over a broken bus: "missing"
// (the bus socket does not exist) or "silent" (a peer that accepts and never answers).
constexpr auto kChildModeEnv = "QW_KEYCHAIN_CHILD_MODE";

// The store gives up after 15 s; the margin covers a slow, loaded test machine.
constexpr qint64 kStoreTimeoutMs = 15000;
constexpr qint64 kChildDeadlineMs = 60000;

std::string str(const QString &text)
{
    return text.toStdString();
}

QString uniqueService()
{
    return QStringLiteral("QuotaWatchTest-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// The entry as the Secret Service itself reports it, through libsecret's own command-line tool,
// so the test does not only trust QtKeychain's view of what it stored.
std::optional<QByteArray> lookUpWithSecretTool(const QString &service, const QString &key)
{
    const QString tool = QStandardPaths::findExecutable(QStringLiteral("secret-tool"));
    if (tool.isEmpty())
        return std::nullopt;
    QProcess process;
    process.start(tool,
                  {QStringLiteral("lookup"), QStringLiteral("server"), service, QStringLiteral("user"), key});
    if (!process.waitForFinished(30000))
        return std::nullopt;
    // secret-tool exits 1 when nothing matches.
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return QByteArray();
    return process.readAllStandardOutput();
}

class KeychainTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        if (!qEnvironmentVariableIsSet(kPrivateKeyringEnv))
            GTEST_SKIP() << "run through tests/fixtures/with-keyring.sh (ctest -R secrets.keychain), which "
                            "starts a private keyring; a real user's keyring is never used";
    }

    void TearDown() override
    {
        // GTEST_SKIP in SetUp still runs TearDown; outside the fixture there is nothing to clean.
        if (!qEnvironmentVariableIsSet(kPrivateKeyringEnv))
            return;
        const auto removed = m_store.remove();
        EXPECT_TRUE(removed.has_value()) << (removed ? std::string() : str(removed.error().message));
    }

    const QString m_service = uniqueService();
    const QString m_key = QStringLiteral("master-key");
    KeychainMasterKeyStore m_store{m_service, m_key};
};

TEST_F(KeychainTest, MissingEntryReadsAsNullopt)
{
    const auto read = m_store.read();
    ASSERT_TRUE(read.has_value()) << str(read.error().message);
    EXPECT_FALSE(read->has_value());
}

TEST_F(KeychainTest, WriteThenReadGivesTheSameBytes)
{
    const SecureBytes key = Fernet::generateKey();
    const auto written = m_store.write(key);
    ASSERT_TRUE(written.has_value()) << str(written.error().message);

    const auto read = m_store.read();
    ASSERT_TRUE(read.has_value()) << str(read.error().message);
    ASSERT_TRUE(read->has_value());
    EXPECT_EQ((*read)->view(), key.view());

    // A second store object (a later run) finds it too, and the daemon holds exactly the key text.
    KeychainMasterKeyStore again(m_service, m_key);
    const auto readAgain = again.read();
    ASSERT_TRUE(readAgain.has_value()) << str(readAgain.error().message);
    ASSERT_TRUE(readAgain->has_value());
    EXPECT_EQ((*readAgain)->view(), key.view());

    if (const auto viaTool = lookUpWithSecretTool(m_service, m_key)) {
        EXPECT_EQ(QByteArrayView(*viaTool), key.view());
    }
}

TEST_F(KeychainTest, EntriesAreSeparatedByServiceAndKey)
{
    const SecureBytes key = Fernet::generateKey();
    ASSERT_TRUE(m_store.write(key).has_value());

    KeychainMasterKeyStore otherService(uniqueService(), m_key);
    const auto a = otherService.read();
    ASSERT_TRUE(a.has_value()) << str(a.error().message);
    EXPECT_FALSE(a->has_value());

    KeychainMasterKeyStore otherKey(m_service, QStringLiteral("other-key"));
    const auto b = otherKey.read();
    ASSERT_TRUE(b.has_value()) << str(b.error().message);
    EXPECT_FALSE(b->has_value());
}

TEST_F(KeychainTest, WriteOverwritesTheEntry)
{
    const SecureBytes first = Fernet::generateKey();
    const SecureBytes second = Fernet::generateKey();
    ASSERT_TRUE(m_store.write(first).has_value());
    const auto written = m_store.write(second);
    ASSERT_TRUE(written.has_value()) << str(written.error().message);

    const auto read = m_store.read();
    ASSERT_TRUE(read.has_value()) << str(read.error().message);
    ASSERT_TRUE(read->has_value());
    EXPECT_EQ((*read)->view(), second.view());
}

TEST_F(KeychainTest, RemoveDeletesTheEntryAndMissingIsFine)
{
    ASSERT_TRUE(m_store.write(Fernet::generateKey()).has_value());
    const auto removed = m_store.remove();
    ASSERT_TRUE(removed.has_value()) << str(removed.error().message);

    const auto read = m_store.read();
    ASSERT_TRUE(read.has_value()) << str(read.error().message);
    EXPECT_FALSE(read->has_value());
    if (const auto viaTool = lookUpWithSecretTool(m_service, m_key)) {
        EXPECT_TRUE(viaTool->isEmpty());
    }

    const auto removedAgain = m_store.remove();
    EXPECT_TRUE(removedAgain.has_value()) << str(removedAgain.error().message);
}

TEST_F(KeychainTest, DescriptionNamesServiceAndEntry)
{
    EXPECT_TRUE(m_store.description().contains(m_service));
    EXPECT_TRUE(m_store.description().contains(m_key));
    EXPECT_EQ(KeychainMasterKeyStore().description(),
              QStringLiteral("the OS keychain (service “QuotaWatch”, entry “master-key”)"));
}

TEST_F(KeychainTest, UnlockerCreatesTheKeyOnFirstUseAndFindsItLater)
{
    qw::test::TestDatabase testDb(QStringLiteral("sqlite"));
    const auto db = testDb.open();
    ASSERT_NE(db, nullptr);
    SettingsRepository settings(*db);
    SealedTokenRepository sealed(*db);

    QByteArray token;
    {
        VaultUnlocker unlocker(std::nullopt, m_store);
        const auto vault = unlocker.unlock(settings, sealed);
        ASSERT_TRUE(vault.has_value()) << str(vault.error().message);
        const auto encrypted = vault->encrypt("sk-test-secret-0001");
        ASSERT_TRUE(encrypted.has_value());
        token = *encrypted;
    }

    const auto stored = m_store.read();
    ASSERT_TRUE(stored.has_value()) << str(stored.error().message);
    ASSERT_TRUE(stored->has_value());
    EXPECT_TRUE(Fernet::fromKey((*stored)->view()).has_value());

    // A later run: a new store object on the same entry, the same database.
    KeychainMasterKeyStore laterStore(m_service, m_key);
    VaultUnlocker later(std::nullopt, laterStore);
    const auto found = later.lookUp();
    ASSERT_TRUE(found.has_value()) << str(found.error().message);
    ASSERT_TRUE(found->has_value());
    EXPECT_EQ((*found)->view(), (*stored)->view());

    const auto vault = later.unlock(settings, sealed);
    ASSERT_TRUE(vault.has_value()) << str(vault.error().message);
    const auto decrypted = vault->decrypt(token);
    ASSERT_TRUE(decrypted.has_value()) << str(decrypted.error().message);
    EXPECT_EQ(decrypted->view(), QByteArrayView("sk-test-secret-0001"));

    // The key did not change underneath.
    const auto storedAfter = m_store.read();
    ASSERT_TRUE(storedAfter.has_value() && storedAfter->has_value());
    EXPECT_EQ((*storedAfter)->view(), (*stored)->view());
}

// ---- A keychain that cannot be reached -------------------------------------------------------
// QtKeychain and libsecret pick their backend and connect to the bus once per process, so each
// case runs in a fresh child (this binary again, filtered to KeychainChild.*) with the bus address
// pointing where it should not.

struct ChildRun
{
    bool finished = false;
    QProcess::ExitStatus status = QProcess::CrashExit;
    int exitCode = -1;
    qint64 elapsedMs = 0;
    QString output;
};

ChildRun runChild(const QString &mode, const QString &busAddress)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QString::fromLatin1(kChildModeEnv), mode);
    env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), busAddress);
    // Without a display there is no D-Bus autolaunch to fall back to.
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    // The store deliberately abandons a job the keychain never answers (see runJob() in
    // keychainmasterkeystore.cpp); under -DWITH_ASAN that would read as a leak and fail the child.
    const QString asan = env.value(QStringLiteral("ASAN_OPTIONS"));
    env.insert(QStringLiteral("ASAN_OPTIONS"),
               asan.isEmpty() ? QStringLiteral("detect_leaks=0") : asan + QStringLiteral(":detect_leaks=0"));

    QProcess child;
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::MergedChannels);
    QElapsedTimer clock;
    clock.start();
    child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--gtest_filter=KeychainChild.*")});
    ChildRun run;
    if (!child.waitForStarted(10000)) {
        run.output = child.errorString();
        return run;
    }
    run.finished = child.waitForFinished(kChildDeadlineMs);
    if (!run.finished) {
        child.kill();
        child.waitForFinished(5000);
    }
    run.elapsedMs = clock.elapsed();
    run.status = child.exitStatus();
    run.exitCode = child.exitCode();
    run.output = QString::fromLocal8Bit(child.readAll());
    return run;
}

void expectChildPassed(const ChildRun &run)
{
    ASSERT_TRUE(run.finished) << "the keychain hung for " << run.elapsedMs << " ms:\n" << str(run.output);
    EXPECT_EQ(run.status, QProcess::NormalExit) << "the child crashed:\n" << str(run.output);
    EXPECT_EQ(run.exitCode, 0) << str(run.output);
    // It really ran (not skipped or filtered away).
    EXPECT_TRUE(run.output.contains(QLatin1String("[  PASSED  ] 1 test"))) << str(run.output);
}

TEST(KeychainUnreachable, MissingBusSocketIsReportedQuickly)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const ChildRun run = runChild(QStringLiteral("missing"),
                                  QStringLiteral("unix:path=") + dir.filePath(QStringLiteral("no-such-bus")));
    expectChildPassed(run);
    EXPECT_LT(run.elapsedMs, kStoreTimeoutMs) << "a missing bus should fail at once, not by the timeout";
}

TEST(KeychainUnreachable, SilentBusIsGivenUpAfterTheTimeout)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    // Accepts connections (the kernel queues them) and never says a word: a hung D-Bus.
    QLocalServer silent;
    const QString path = dir.filePath(QStringLiteral("silent-bus"));
    ASSERT_TRUE(silent.listen(path)) << str(silent.errorString());
    const ChildRun run = runChild(QStringLiteral("silent"), QStringLiteral("unix:path=") + path);
    expectChildPassed(run);
    EXPECT_GE(run.elapsedMs, kStoreTimeoutMs - 1000);
}

// The child's side of the cases above; skipped in a normal run.
TEST(KeychainChild, StoreReportsUnavailable)
{
    const QString mode = qEnvironmentVariable(kChildModeEnv);
    if (mode.isEmpty())
        GTEST_SKIP() << "runs only as the child of KeychainUnreachable.*";

    KeychainMasterKeyStore store(uniqueService());
    QElapsedTimer clock;
    clock.start();
    const auto read = store.read();
    const qint64 elapsed = clock.elapsed();
    ASSERT_FALSE(read.has_value());
    EXPECT_EQ(read.error().code, ErrorCode::MasterKeyUnavailable);
    EXPECT_TRUE(read.error().message.startsWith(store.description())) << str(read.error().message);
    EXPECT_LT(elapsed, kStoreTimeoutMs + 5000);
    std::cout << "read failed after " << elapsed << " ms: " << str(read.error().message) << std::endl;

    if (mode == QLatin1String("silent")) {
        EXPECT_TRUE(read.error().message.contains(QLatin1String("no answer within 15 seconds")))
            << str(read.error().message);
        // Every later job would wait behind the hung one; one timeout is the point made.
        return;
    }

    const auto written = store.write(Fernet::generateKey());
    ASSERT_FALSE(written.has_value());
    EXPECT_EQ(written.error().code, ErrorCode::MasterKeyUnavailable);
    const auto removed = store.remove();
    ASSERT_FALSE(removed.has_value());
    EXPECT_EQ(removed.error().code, ErrorCode::MasterKeyUnavailable);

    // What the user is told: both ways out, and nothing written to the database.
    qw::test::TestDatabase testDb(QStringLiteral("sqlite"));
    const auto db = testDb.open();
    ASSERT_NE(db, nullptr);
    SettingsRepository settings(*db);
    SealedTokenRepository sealed(*db);
    VaultUnlocker unlocker(std::nullopt, store);
    const auto vault = unlocker.unlock(settings, sealed);
    ASSERT_FALSE(vault.has_value());
    EXPECT_EQ(vault.error().code, ErrorCode::MasterKeyUnavailable);
    EXPECT_TRUE(vault.error().message.startsWith(QLatin1String("No master key: the OS keychain")))
        << str(vault.error().message);
    EXPECT_TRUE(vault.error().message.contains(QLatin1String("QUOTAWATCH_MASTER_KEY")));
    const auto check = settings.value(QString::fromLatin1(VaultUnlocker::kCheckSetting));
    ASSERT_TRUE(check.has_value());
    EXPECT_FALSE(check->has_value());
    std::cout << "unlock refused: " << str(vault.error().message) << std::endl;
}

} // namespace
} // namespace qw
