#include "tests/cli/clitest.h"

#include "app/cli/commandline.h"
#include "core/crypto/fernet.h"
#include "core/crypto/vault.h"
#include "core/model/databaseurl.h"
#include "core/storage/apikeyrepository.h"
#include "core/storage/settingsrepository.h"
#include "tests/support/backendtest.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QMutex>
#include <QProcess>
#include <QRandomGenerator>
#include <QSettings>
#include <QStandardPaths>
#include <QTextStream>
#include <QUuid>
#include <array>
#include <stdexcept>

namespace qw::test {

namespace {

// A command that has not ended by then is hung (a keychain call waits 15 s at most).
constexpr int kTimeoutMs = 30000;

// Sets environment variables for as long as it lives, then puts back what was there.
class ScopedEnvironment final
{
public:
    explicit ScopedEnvironment(const EnvChanges &changes)
    {
        for (auto it = changes.cbegin(); it != changes.cend(); ++it) {
            const QByteArray name = it.key().toLocal8Bit();
            m_saved.emplace_back(name, qEnvironmentVariableIsSet(name.constData())
                                           ? std::optional<QByteArray>(qgetenv(name.constData()))
                                           : std::nullopt);
            if (it.value())
                qputenv(name.constData(), it.value()->toLocal8Bit());
            else
                qunsetenv(name.constData());
        }
    }
    ~ScopedEnvironment()
    {
        for (auto it = m_saved.crbegin(); it != m_saved.crend(); ++it) {
            if (it->second)
                qputenv(it->first.constData(), *it->second);
            else
                qunsetenv(it->first.constData());
        }
    }
    Q_DISABLE_COPY_MOVE(ScopedEnvironment)

private:
    std::vector<std::pair<QByteArray, std::optional<QByteArray>>> m_saved;
};

// What the binary's main() sets up besides the environment: its application names (which
// QSettings and the data folder follow), QSettings' folder (that the binary finds through
// XDG_CONFIG_HOME, which this process read once at its start), and the working directory.
class ScopedApplication final
{
public:
    ScopedApplication(const QString &configFolder, const QString &workFolder)
        : m_organization(QCoreApplication::organizationName())
        , m_application(QCoreApplication::applicationName())
        , m_workFolder(QDir::currentPath())
    {
        QCoreApplication::setOrganizationName(QStringLiteral("QuotaWatch"));
        QCoreApplication::setApplicationName(QStringLiteral("QuotaWatch"));
        for (auto format : {QSettings::NativeFormat, QSettings::IniFormat})
            QSettings::setPath(format, QSettings::UserScope, configFolder);
        QDir::setCurrent(workFolder);
    }
    ~ScopedApplication()
    {
        QDir::setCurrent(m_workFolder);
        const QString config = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
        for (auto format : {QSettings::NativeFormat, QSettings::IniFormat})
            QSettings::setPath(format, QSettings::UserScope, config);
        QCoreApplication::setOrganizationName(m_organization);
        QCoreApplication::setApplicationName(m_application);
    }
    Q_DISABLE_COPY_MOVE(ScopedApplication)

private:
    QString m_organization;
    QString m_application;
    QString m_workFolder;
};

// Qt's warnings go to the command's stderr, as they would in the binary: a command that
// succeeds says nothing there.
class ScopedMessageCapture final
{
public:
    explicit ScopedMessageCapture(QByteArray &target)
    {
        const QMutexLocker lock(&s_mutex);
        s_target = &target;
        m_previous = qInstallMessageHandler(&ScopedMessageCapture::handle);
    }
    ~ScopedMessageCapture()
    {
        qInstallMessageHandler(m_previous);
        const QMutexLocker lock(&s_mutex);
        s_target = nullptr;
    }
    Q_DISABLE_COPY_MOVE(ScopedMessageCapture)

private:
    static void handle(QtMsgType, const QMessageLogContext &, const QString &message)
    {
        const QMutexLocker lock(&s_mutex);
        if (s_target)
            *s_target += message.toLocal8Bit() + '\n';
    }

    static inline QMutex s_mutex;
    static inline QByteArray *s_target = nullptr;
    QtMessageHandler m_previous = nullptr;
};

} // namespace

QStringList CliResult::errLines() const
{
    QStringList lines;
    for (const QString &line : errText().split(u'\n')) {
        if (!line.trimmed().isEmpty())
            lines << line;
    }
    return lines;
}

std::string CliResult::describe() const
{
    return "exit code " + std::to_string(exitCode) + (finished ? "" : " (did not finish)") +
           "\n--- stdout\n" + out.toStdString() + "\n--- stderr\n" + err.toStdString();
}

QString u8(const char *text)
{
    return QString::fromUtf8(text);
}

QStringList cmd(std::initializer_list<const char *> words)
{
    QStringList list;
    for (const char *word : words)
        list << QString::fromUtf8(word);
    return list;
}

::testing::AssertionResult succeeded(const CliResult &result)
{
    if (!result.finished || result.exitCode != kExitOk || !result.err.isEmpty())
        return ::testing::AssertionFailure() << "expected success, got " << result.describe();
    return ::testing::AssertionSuccess();
}

::testing::AssertionResult failedWith(const CliResult &result, int exitCode, const QStringList &mentions)
{
    auto failure = [&](const std::string &why) {
        return ::testing::AssertionFailure() << why << "; got " << result.describe();
    };
    if (!result.finished)
        return failure("the command did not finish");
    if (result.exitCode != exitCode)
        return failure("expected exit code " + std::to_string(exitCode));
    if (!result.out.isEmpty())
        return failure("expected nothing on stdout");
    const QStringList lines = result.errLines();
    if (lines.size() != 1)
        return failure("expected exactly one line on stderr");
    const QString &line = lines.constFirst();
    if (!line.startsWith(QLatin1String("quotawatch")))
        return failure("expected the line to start with \"quotawatch\"");
    // Raw driver/framework noise is not something a user can act on.
    for (const auto *noise : {"QSqlError", "QSqlQuery", "terminate called", "Traceback", "Q_ASSERT"}) {
        if (line.contains(QLatin1String(noise)))
            return failure(std::string("unexpected internal detail \"") + noise + "\" on stderr");
    }
    for (const QString &mention : mentions) {
        if (!line.contains(mention, Qt::CaseInsensitive))
            return failure("expected stderr to mention \"" + mention.toStdString() + "\"");
    }
    return ::testing::AssertionSuccess();
}

void CliTest::SetUp()
{
    ASSERT_TRUE(m_home.isValid());
    for (const auto *folder : {"home", "data", "config", "cache", "work", "files"})
        ASSERT_TRUE(QDir(m_home.path()).mkpath(QLatin1String(folder)));
    m_testDb = std::make_unique<TestDatabase>(currentBackend());
    if (!m_testDb->available())
        GTEST_SKIP() << m_testDb->skipReason().toStdString();
}

void CliTest::TearDown()
{
    // Before the test database is dropped (PostgreSQL) or its folder removed.
    m_db.reset();
}

EnvChanges CliTest::environmentFor(const EnvChanges &changes) const
{
    EnvChanges env;
    // Whatever the developer's shell has set must not leak into what the test expects.
    env.insert(kMasterKeyVar, std::nullopt);
    env.insert(QStringLiteral("QUOTAWATCH_MASTER_KEY_FILE"), std::nullopt);
    env.insert(QStringLiteral("CREDENTIALS_DIRECTORY"), std::nullopt);
    env.insert(QStringLiteral("JOURNAL_STREAM"), std::nullopt);
    env.insert(kDbVar, std::nullopt);
    if (!m_masterKey.isEmpty())
        env.insert(kMasterKeyVar, QString::fromLatin1(m_masterKey));
    // A private HOME and XDG folders: the default database and QSettings land in the fixture's
    // folder, never in the real user's.
    const QDir home(m_home.path());
    env.insert(QStringLiteral("HOME"), home.filePath(QStringLiteral("home")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath(QStringLiteral("cache")));
    if (!m_keychainReachable) {
        // No keychain reachable: a missing QUOTAWATCH_MASTER_KEY then fails at once instead of
        // reaching (or waiting for) whatever Secret Service this machine runs.
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                   QStringLiteral("unix:path=/nonexistent-") + QUuid::createUuid().toString(QUuid::Id128));
    }
    for (auto it = changes.cbegin(); it != changes.cend(); ++it)
        env.insert(it.key(), it.value());
    return env;
}

QProcessEnvironment CliTest::childEnvironment(const EnvChanges &changes) const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const EnvChanges all = environmentFor(changes);
    for (auto it = all.cbegin(); it != all.cend(); ++it) {
        if (it.value())
            env.insert(it.key(), *it.value());
        else
            env.remove(it.key());
    }
    return env;
}

bool CliTest::startServe(QProcess &process, QByteArray &err)
{
    process.setProcessEnvironment(childEnvironment({}));
    process.setWorkingDirectory(QDir(m_home.path()).filePath(QStringLiteral("work")));
    process.start(QStringLiteral(QW_CLI_BINARY),
                  {QStringLiteral("serve"), QStringLiteral("--no-rest"), QStringLiteral("--db"), dbUrl()});
    if (!process.waitForStarted(kTimeoutMs))
        return false;
    if (waitForOutput(process, err, "watching", 15000))
        return true;
    ADD_FAILURE() << "serve never said it was watching: " << err.toStdString();
    return false;
}

bool CliTest::waitForOutput(QProcess &process, QByteArray &err, const QByteArray &text, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!err.contains(text) && timer.elapsed() < timeoutMs) {
        process.waitForReadyRead(100);
        err += process.readAllStandardError();
        if (process.state() == QProcess::NotRunning)
            break;
    }
    err += process.readAllStandardError();
    return err.contains(text);
}

CliResult CliTest::run(const QStringList &args, const QByteArray &input, const EnvChanges &env)
{
    return m_throughBinary ? runBinary(args, input, env) : runInProcess(args, input, env);
}

CliResult CliTest::runBinary(const QStringList &args, const QByteArray &input, const EnvChanges &env)
{
    return runAll({CliCall{args, input, env}}).front();
}

CliResult CliTest::runInProcess(const QStringList &args, const QByteArray &input, const EnvChanges &env)
{
    // The binary's main() installs the translation QUOTAWATCH_LANGUAGE asks for; in-process
    // nothing does, so another language would silently be English here.
    const auto language = env.value(QStringLiteral("QUOTAWATCH_LANGUAGE"));
    if (language && !language->isEmpty() && !language->startsWith(QLatin1String("en")))
        ADD_FAILURE() << "QUOTAWATCH_LANGUAGE=" << language->toStdString()
                      << " needs runBinary(): translations are installed by the executable";

    CliResult result;
    QByteArray messages;
    {
        // The application first, so that it is restored last, with this process's environment.
        const QDir home(m_home.path());
        const ScopedApplication application(home.filePath(QStringLiteral("config")),
                                            home.filePath(QStringLiteral("work")));
        const ScopedEnvironment environment(environmentFor(env));
        const ScopedMessageCapture capture(messages);
        QByteArray inputCopy = input;
        QBuffer in(&inputCopy);
        in.open(QIODevice::ReadOnly);
        QTextStream out(&result.out, QIODevice::WriteOnly);
        QTextStream err(&result.err, QIODevice::WriteOnly);
        result.exitCode = cli::runCommandLine(args, out, err, &in);
        out.flush();
        err.flush();
    }
    result.err += messages;
    result.finished = true;
    m_outputs << result.out << result.err;
    return result;
}

std::vector<CliResult> CliTest::runAll(const std::vector<CliCall> &calls)
{
    std::vector<std::unique_ptr<QProcess>> processes;
    for (const CliCall &call : calls) {
        auto process = std::make_unique<QProcess>();
        process->setProcessEnvironment(childEnvironment(call.env));
        process->setWorkingDirectory(QDir(m_home.path()).filePath(QStringLiteral("work")));
        process->start(QStringLiteral(QW_CLI_BINARY), call.args);
        processes.push_back(std::move(process));
    }
    // Input only once all have started, so that they really run side by side.
    for (std::size_t i = 0; i < calls.size(); ++i) {
        QProcess &process = *processes[i];
        if (!process.waitForStarted(kTimeoutMs))
            continue; // reported below
        // Written out now, not when this process is waited for: a later waitForFinished() on
        // another process would not flush this one's pipe, and the calls would run one by one.
        if (!calls[i].input.isEmpty()) {
            process.write(calls[i].input);
            while (process.bytesToWrite() > 0 && process.waitForBytesWritten(kTimeoutMs)) {
            }
        }
        process.closeWriteChannel();
    }

    std::vector<CliResult> results;
    for (std::size_t i = 0; i < calls.size(); ++i) {
        QProcess &process = *processes[i];
        const std::string command = "quotawatch " + calls[i].args.join(u' ').toStdString();
        CliResult result;
        if (process.state() == QProcess::NotRunning && process.error() == QProcess::FailedToStart) {
            ADD_FAILURE() << "cannot start " << QW_CLI_BINARY << ": " << process.errorString().toStdString();
        } else if (!process.waitForFinished(kTimeoutMs)) {
            process.kill();
            process.waitForFinished(kTimeoutMs);
            ADD_FAILURE() << command << " did not finish within " << kTimeoutMs / 1000 << " s";
        } else if (process.exitStatus() != QProcess::NormalExit) {
            ADD_FAILURE() << command << " crashed";
        } else {
            result.finished = true;
            result.exitCode = process.exitCode();
        }
        result.out = process.readAllStandardOutput();
        result.err = process.readAllStandardError();
        m_outputs << result.out << result.err;
        results.push_back(std::move(result));
    }
    return results;
}

CliResult CliTest::runDb(const QStringList &args, const QByteArray &input, const EnvChanges &env)
{
    return run(QStringList{QStringLiteral("--db"), dbUrl()} + args, input, env);
}

qint64 CliTest::addKey(const QString &name, const QString &platform, const QByteArray &secret,
                       const QStringList &extra, const EnvChanges &env)
{
    const CliResult result =
        runDb(QStringList{QStringLiteral("keys"), QStringLiteral("add"), QStringLiteral("--name"), name,
                          QStringLiteral("--platform"), platform} +
                  extra,
              secret, env);
    EXPECT_TRUE(succeeded(result));
    // The id alone on one line, so scripts can capture it with $(...).
    bool ok = false;
    const qint64 id = result.outText().trimmed().toLongLong(&ok);
    EXPECT_TRUE(ok && id > 0 && result.outText().endsWith(u'\n') && result.outText().count(u'\n') == 1)
        << "expected the new id alone on stdout; " << result.describe();
    return ok ? id : 0;
}

QJsonArray CliTest::listJson()
{
    const CliResult result = runDb(cmd({"keys", "list", "--json"}));
    EXPECT_TRUE(succeeded(result));
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(result.out, &error);
    EXPECT_EQ(error.error, QJsonParseError::NoError) << result.describe();
    EXPECT_TRUE(document.isArray()) << result.describe();
    return document.array();
}

Database &CliTest::db()
{
    if (!m_db)
        m_db = m_testDb->open();
    // Every caller needs it; a failure to open was already recorded by TestDatabase::open.
    if (!m_db)
        throw std::runtime_error("cannot open the test database");
    return *m_db;
}

std::vector<ApiKey> CliTest::storedKeys()
{
    auto keys = ApiKeyRepository(db()).list();
    EXPECT_TRUE(keys.has_value()) << (keys ? std::string() : keys.error().message.toStdString());
    return keys ? std::move(*keys) : std::vector<ApiKey>();
}

qint64 CliTest::keyCount()
{
    auto count = ApiKeyRepository(db()).count();
    EXPECT_TRUE(count.has_value()) << (count ? std::string() : count.error().message.toStdString());
    return count.value_or(-1);
}

std::optional<QString> CliTest::setting(const QString &key)
{
    auto value = SettingsRepository(db()).value(key);
    EXPECT_TRUE(value.has_value()) << (value ? std::string() : value.error().message.toStdString());
    return value ? *value : std::nullopt;
}

bool CliTest::isPostgres() const
{
    return currentBackend() == QLatin1String("postgres");
}

QString CliTest::sqlitePath() const
{
    auto parsed = DatabaseUrl::parse(dbUrl());
    return parsed ? parsed->path : QString();
}

QString CliTest::path(const QString &name) const
{
    return QDir(m_home.path()).filePath(QStringLiteral("files/") + name);
}

QString CliTest::writeFile(const QString &name, const QByteArray &content)
{
    const QString filePath = path(name);
    QFile file(filePath);
    EXPECT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate)) << filePath.toStdString();
    EXPECT_EQ(file.write(content), content.size());
    return filePath;
}

std::optional<QByteArray> CliTest::decrypt(const QByteArray &masterKey, const QByteArray &token)
{
    auto fernet = Fernet::fromKey(masterKey);
    if (!fernet)
        return std::nullopt;
    const Vault vault(std::move(*fernet));
    auto plaintext = vault.decrypt(token);
    if (!plaintext)
        return std::nullopt;
    return plaintext->view().toByteArray();
}

QByteArray CliTest::newMasterKey()
{
    std::array<quint32, 8> words{};
    QRandomGenerator::system()->fillRange(words.data(), qsizetype(words.size()));
    const QByteArray raw(reinterpret_cast<const char *>(words.data()), qsizetype(sizeof(words)));
    return raw.toBase64(QByteArray::Base64UrlEncoding);
}

} // namespace qw::test
