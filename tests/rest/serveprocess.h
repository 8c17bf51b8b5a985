// `quotawatch serve` as a child process for the end-to-end tests: the real binary (QW_CLI_BINARY)
// on a fresh database of the backend QW_TEST_BACKEND names, with its own master key and private
// HOME/XDG folders, waited for until it prints "listening on URL". Everything it writes to stderr
// is kept, for the tests that read the log and scan it for secrets.
#pragma once

#include "tests/support/testdatabase.h"

#include <QByteArray>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>
#include <memory>

namespace qw::test {

// How a `quotawatch` run that was expected to end by itself ended.
struct ProcessOutcome
{
    bool finished = false; // false: did not start, or still running after the timeout
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    // The non-blank lines of stderr.
    [[nodiscard]] QStringList errLines() const;
    [[nodiscard]] std::string describe() const;
};

class ServeProcess final
{
public:
    ServeProcess();
    ~ServeProcess(); // SIGTERM, then SIGKILL if it does not go

    ServeProcess(const ServeProcess &) = delete;
    ServeProcess &operator=(const ServeProcess &) = delete;

    // False (with the reason) when the backend is unavailable here: the caller skips.
    [[nodiscard]] bool available() const { return m_database->available(); }
    [[nodiscard]] QString skipReason() const { return m_database->skipReason(); }
    [[nodiscard]] QString databaseUrl() const { return m_database->url(); }
    // The QUOTAWATCH_MASTER_KEY every run gets: a secret the tests scan for.
    [[nodiscard]] QByteArray masterKey() const { return m_masterKey; }
    // A path in the private folder (not created).
    [[nodiscard]] QString path(const QString &name) const;

    // `quotawatch ARGS --db URL`, `input` on stdin, waited for (30 s): for setting up (keys add)
    // and for starts that must fail.
    ProcessOutcome run(const QStringList &args, const QByteArray &input = {});

    // Starts `quotawatch serve --db URL ARGS` and waits (20 s) for its "listening on URL" line.
    // False (with what it printed) when it ended or never said so.
    [[nodiscard]] bool start(const QStringList &args);
    [[nodiscard]] QUrl url() const { return m_url; }
    // SIGTERM and wait (10 s); the exit code, or -1 when it did not end or crashed.
    int stop();
    [[nodiscard]] bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    // Waits until stderr contains `text` (or `timeoutMs` passes).
    bool waitForLog(const QByteArray &text, int timeoutMs = 5000);
    // All of stderr so far (reads what is pending first).
    [[nodiscard]] QByteArray log();
    [[nodiscard]] QByteArray output() const { return m_out; }

private:
    [[nodiscard]] QProcessEnvironment environment() const;
    void drain();

    QTemporaryDir m_home;
    std::unique_ptr<TestDatabase> m_database;
    QByteArray m_masterKey;
    QProcess m_process;
    bool m_started = false; // start() was called: there is output to read
    QByteArray m_out;
    QByteArray m_err;
    QUrl m_url;
};

} // namespace qw::test
