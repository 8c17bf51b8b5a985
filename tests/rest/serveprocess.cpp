#include "tests/rest/serveprocess.h"

#include "core/crypto/fernet.h"
#include "tests/support/backendtest.h"

#include <QDir>
#include <QElapsedTimer>
#include <QRegularExpression>
#include <QUuid>
#include <csignal>

namespace qw::test {

namespace {

constexpr int kRunTimeoutMs = 30000;
constexpr int kStartTimeoutMs = 20000;
// Leak checking at exit under the sanitizers can take seconds on a busy machine.
constexpr int kStopTimeoutMs = 30000;

} // namespace

QStringList ProcessOutcome::errLines() const
{
    QStringList lines;
    for (const QString &line : QString::fromUtf8(err).split(u'\n')) {
        if (!line.trimmed().isEmpty())
            lines << line;
    }
    return lines;
}

std::string ProcessOutcome::describe() const
{
    return "exit code " + std::to_string(exitCode) + (finished ? "" : " (did not finish)") +
           "\n--- stdout\n" + out.toStdString() + "\n--- stderr\n" + err.toStdString();
}

ServeProcess::ServeProcess()
    : m_database(std::make_unique<TestDatabase>(currentBackend()))
    , m_masterKey(Fernet::generateKey().view().toByteArray())
{
    for (const auto *folder : {"home", "data", "config", "cache", "work"})
        QDir(m_home.path()).mkpath(QLatin1String(folder));
    m_process.setProcessEnvironment(environment());
    m_process.setWorkingDirectory(path(QStringLiteral("work")));
}

ServeProcess::~ServeProcess()
{
    if (isRunning()) {
        ::kill(pid_t(m_process.processId()), SIGTERM);
        if (!m_process.waitForFinished(kStopTimeoutMs)) {
            m_process.kill();
            m_process.waitForFinished(2000);
        }
    }
}

QString ServeProcess::path(const QString &name) const
{
    return QDir(m_home.path()).filePath(name);
}

QProcessEnvironment ServeProcess::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("QUOTAWATCH_DB"));
    env.insert(QStringLiteral("QUOTAWATCH_MASTER_KEY"), QString::fromLatin1(m_masterKey));
    env.insert(QStringLiteral("HOME"), path(QStringLiteral("home")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), path(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), path(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), path(QStringLiteral("cache")));
    // No keychain: the master key comes from the environment, and nothing waits for a desktop's
    // Secret Service.
    env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
               QStringLiteral("unix:path=/nonexistent-") + QUuid::createUuid().toString(QUuid::Id128));
    return env;
}

ProcessOutcome ServeProcess::run(const QStringList &args, const QByteArray &input)
{
    QProcess process;
    process.setProcessEnvironment(environment());
    process.setWorkingDirectory(path(QStringLiteral("work")));
    process.start(QStringLiteral(QW_CLI_BINARY), args + QStringList{QStringLiteral("--db"), databaseUrl()});
    ProcessOutcome outcome;
    if (!process.waitForStarted(kRunTimeoutMs))
        return outcome;
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(kRunTimeoutMs)) {
        process.kill();
        process.waitForFinished(2000);
        outcome.out = process.readAllStandardOutput();
        outcome.err = process.readAllStandardError();
        return outcome;
    }
    outcome.finished = process.exitStatus() == QProcess::NormalExit;
    outcome.exitCode = process.exitCode();
    outcome.out = process.readAllStandardOutput();
    outcome.err = process.readAllStandardError();
    return outcome;
}

void ServeProcess::drain()
{
    if (!m_started)
        return;
    m_out += m_process.readAllStandardOutput();
    m_err += m_process.readAllStandardError();
}

bool ServeProcess::start(const QStringList &args)
{
    m_out.clear();
    m_err.clear();
    m_url.clear();
    m_started = true;
    m_process.start(QStringLiteral(QW_CLI_BINARY),
                    QStringList{QStringLiteral("serve"), QStringLiteral("--db"), databaseUrl()} + args);
    if (!m_process.waitForStarted(kStartTimeoutMs)) {
        ADD_FAILURE() << "quotawatch serve did not start: " << m_process.errorString().toStdString();
        return false;
    }
    static const QRegularExpression listening(QStringLiteral("^listening on (\\S+)$"),
                                              QRegularExpression::MultilineOption);
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < kStartTimeoutMs) {
        const auto match = listening.match(QString::fromUtf8(m_out));
        if (match.hasMatch()) {
            m_url = QUrl(match.captured(1));
            return true;
        }
        if (m_process.state() == QProcess::NotRunning)
            break;
        m_process.waitForReadyRead(100);
        drain();
    }
    drain();
    ADD_FAILURE() << "quotawatch serve never said where it listens\n--- stdout\n"
                  << m_out.toStdString() << "\n--- stderr\n"
                  << m_err.toStdString();
    return false;
}

int ServeProcess::stop()
{
    if (!isRunning())
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    ::kill(pid_t(m_process.processId()), SIGTERM);
    if (!m_process.waitForFinished(kStopTimeoutMs)) {
        drain();
        ADD_FAILURE() << "quotawatch serve did not stop within " << kStopTimeoutMs
                      << " ms of SIGTERM\n--- stderr\n"
                      << m_err.toStdString();
        m_process.kill();
        m_process.waitForFinished(kStopTimeoutMs);
        return -1;
    }
    drain();
    if (m_process.exitStatus() != QProcess::NormalExit)
        ADD_FAILURE() << "quotawatch serve died of a signal after SIGTERM\n--- stderr\n"
                      << m_err.toStdString();
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

bool ServeProcess::waitForLog(const QByteArray &text, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    drain();
    while (!m_err.contains(text) && timer.elapsed() < timeoutMs && isRunning()) {
        m_process.waitForReadyRead(50);
        drain();
    }
    drain();
    return m_err.contains(text);
}

QByteArray ServeProcess::log()
{
    drain();
    return m_err;
}

} // namespace qw::test
