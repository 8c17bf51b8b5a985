// One QuotaWatch per SQLite file, with real processes of the built binary: `serve` refuses while
// another `serve` or the desktop uses the file (naming it, its PID and the ways out, exit 4), a
// second desktop leaves at once with 0 (the first raises its window), the desktop refuses a file
// `serve` uses, and one-shot commands are never blocked. PostgreSQL's team mode is tested in
// team_test.cpp and teamleases_test.cpp, where several `serve`s share one database.
#include "tests/cli/clitest.h"

#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <csignal>

using namespace qw::test;

class CliInstance : public CliTest
{
protected:
    void SetUp() override
    {
        CliTest::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        if (isPostgres())
            GTEST_SKIP() << "SQLite only: PostgreSQL is shared on purpose (team mode)";
        // Lock files and sockets in the fixture's folder, for the children and in-process runs alike.
        m_runtime = path(QStringLiteral("run"));
        ASSERT_TRUE(QDir().mkpath(m_runtime));
        m_env = {{QStringLiteral("XDG_RUNTIME_DIR"), m_runtime},
                 {QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen")}};
        addKey(QStringLiteral("served"), QStringLiteral("deepseek"), "sk-serve-0123456789abcdef",
               {QStringLiteral("--base-url"), QStringLiteral("http://127.0.0.1:1")}, m_env);
    }

    // Waits until the process holding the lock listens on its socket.
    bool waitForListener(QProcess &process, QByteArray &err)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 20000 && process.state() == QProcess::Running) {
            if (!QDir(m_runtime).entryList({QStringLiteral("*.sock")}, QDir::System).isEmpty())
                return true;
            process.waitForReadyRead(50);
            err += process.readAllStandardError();
        }
        ADD_FAILURE() << "never listened: " << err.toStdString();
        return false;
    }

    // startServe() with the fixture's runtime folder, where the lock lives.
    bool startServeHere(QProcess &process)
    {
        process.setProcessEnvironment(childEnvironment(m_env));
        process.start(QStringLiteral(QW_CLI_BINARY), {QStringLiteral("serve"), QStringLiteral("--no-rest"),
                                                      QStringLiteral("--db"), dbUrl()});
        if (!process.waitForStarted(10000))
            return false;
        QByteArray err;
        const bool watching = waitForOutput(process, err, "watching", 15000);
        EXPECT_TRUE(watching) << err.toStdString();
        return watching;
    }

    void startDesktop(QProcess &process)
    {
        process.setProcessEnvironment(childEnvironment(m_env));
        process.setWorkingDirectory(QDir(m_home.path()).filePath(QStringLiteral("work")));
        process.start(QStringLiteral(QW_CLI_BINARY), {QStringLiteral("--db"), dbUrl()});
        ASSERT_TRUE(process.waitForStarted(10000));
    }

    static void stop(QProcess &process)
    {
        ::kill(pid_t(process.processId()), SIGTERM);
        if (!process.waitForFinished(10000)) {
            process.kill();
            process.waitForFinished(5000);
        }
    }

    QString m_runtime;
    EnvChanges m_env;
};

TEST_F(CliInstance, ServeRefusesASqliteFileAnotherServeUsesButOneShotCommandsRun)
{
    QProcess first;
    ASSERT_TRUE(startServeHere(first));

    const CliResult second = runDb(cmd({"serve", "--no-rest"}), {}, m_env);
    EXPECT_TRUE(failedWith(second, kExitDatabase,
                           {QStringLiteral("“quotawatch serve”"), QString::number(first.processId()),
                            sqlitePath(), QStringLiteral("Stop it"), QStringLiteral("PostgreSQL")}))
        << second.describe();
    // A look at the keys, or a check now, is no second poller.
    EXPECT_TRUE(succeeded(runDb(cmd({"keys", "list"}), {}, m_env)));
    EXPECT_EQ(first.state(), QProcess::Running);

    stop(first);
    EXPECT_EQ(first.exitCode(), 0);
    // Its lock went with it.
    QProcess again;
    EXPECT_TRUE(startServeHere(again));
    stop(again);
}

#ifdef QW_WITH_GUI
TEST_F(CliInstance, ASecondDesktopLeavesAtOnceAndServeRefusesTheDesktopsFile)
{
    QProcess desktop;
    startDesktop(desktop);
    QByteArray err;
    ASSERT_TRUE(waitForListener(desktop, err));

    // The second copy asks the first to show its window and leaves with 0: no second tray icon,
    // no second round of checks.
    QElapsedTimer timer;
    timer.start();
    const CliResult second = runBinary(cmd({"--db"}) + QStringList{dbUrl()}, {}, m_env);
    ASSERT_TRUE(second.finished) << second.describe();
    EXPECT_EQ(second.exitCode, 0) << second.describe();
    EXPECT_LT(timer.elapsed(), 10000);
    EXPECT_EQ(desktop.state(), QProcess::Running) << "the first copy must keep running";

    const CliResult serve = runDb(cmd({"serve", "--no-rest"}), {}, m_env);
    EXPECT_TRUE(failedWith(
        serve, kExitDatabase,
        {QStringLiteral("desktop app"), QString::number(desktop.processId()), QStringLiteral("PostgreSQL")}))
        << serve.describe();
    stop(desktop);
}

TEST_F(CliInstance, TheDesktopRefusesAFileServeUsesAndSaysWhoHasIt)
{
    QProcess serve;
    ASSERT_TRUE(startServeHere(serve));

    // The desktop says it on stderr too, then in a message box (which nobody closes here).
    QProcess desktop;
    startDesktop(desktop);
    QByteArray err;
    EXPECT_TRUE(waitForOutput(desktop, err, "PostgreSQL", 15000)) << err.toStdString();
    EXPECT_TRUE(err.contains("“quotawatch serve”")) << err.toStdString();
    EXPECT_TRUE(err.contains(QByteArray::number(serve.processId()))) << err.toStdString();
    desktop.kill();
    desktop.waitForFinished(5000);
    EXPECT_EQ(serve.state(), QProcess::Running);
    stop(serve);
}
#endif
