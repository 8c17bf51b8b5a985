// `quotawatch serve` end to end: it runs until SIGTERM or SIGINT and then exits 0 promptly.
#include "tests/cli/clitest.h"

#include <QElapsedTimer>
#include <QProcess>
#include <csignal>

using namespace qw;
using namespace qw::test;

class CliServe : public CliTest
{
protected:
    // Starts `quotawatch serve --no-rest` and waits until it says it is watching.
    bool startServe(QProcess &process)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(kMasterKeyVar, QString::fromLatin1(m_masterKey));
        env.insert(QStringLiteral("HOME"), m_home.path());
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                   QStringLiteral("unix:path=/nonexistent-serve-test"));
        env.remove(kDbVar);
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(QW_CLI_BINARY), {QStringLiteral("serve"), QStringLiteral("--no-rest"),
                                                      QStringLiteral("--db"), dbUrl()});
        if (!process.waitForStarted(10000))
            return false;
        QElapsedTimer timer;
        timer.start();
        QByteArray err;
        while (timer.elapsed() < 15000) {
            process.waitForReadyRead(200);
            err += process.readAllStandardError();
            if (err.contains("watching"))
                return true;
        }
        ADD_FAILURE() << "serve never said it was watching: " << err.toStdString();
        return false;
    }
};

TEST_F(CliServe, StopsCleanlyOnSigtermAndSigint)
{
    addKey(QStringLiteral("served"), QStringLiteral("deepseek"), "sk-serve-0123456789abcdef",
           {QStringLiteral("--base-url"), QStringLiteral("http://127.0.0.1:1")});
    for (int signal : {SIGTERM, SIGINT}) {
        SCOPED_TRACE(signal);
        QProcess process;
        ASSERT_TRUE(startServe(process));
        QElapsedTimer timer;
        timer.start();
        ::kill(pid_t(process.processId()), signal);
        ASSERT_TRUE(process.waitForFinished(7000));
        EXPECT_LT(timer.elapsed(), 6000);
        EXPECT_EQ(process.exitStatus(), QProcess::NormalExit);
        EXPECT_EQ(process.exitCode(), 0);
        EXPECT_TRUE(process.readAllStandardError().contains("stopped"));
    }
    // The database is whole afterwards.
    EXPECT_EQ(keyCount(), 1);
}

TEST_F(CliServe, WithoutNoRestSaysTheRestApiIsNotThereYet)
{
    EXPECT_TRUE(failedWith(runDb({QStringLiteral("serve")}), kExitUsage, {QStringLiteral("--no-rest")}));
}
