// `quotawatch serve` end to end: it runs until SIGTERM or SIGINT and then exits 0 promptly.
#include "tests/cli/clitest.h"

#include <QElapsedTimer>
#include <QProcess>
#include <csignal>

using namespace qw;
using namespace qw::test;

class CliServe : public CliTest
{
};

TEST_F(CliServe, StopsCleanlyOnSigtermAndSigint)
{
    addKey(QStringLiteral("served"), QStringLiteral("deepseek"), "sk-serve-0123456789abcdef",
           {QStringLiteral("--base-url"), QStringLiteral("http://127.0.0.1:1")});
    for (int signal : {SIGTERM, SIGINT}) {
        SCOPED_TRACE(signal);
        QProcess process;
        QByteArray err;
        ASSERT_TRUE(startServe(process, err));
        QElapsedTimer timer;
        timer.start();
        ::kill(pid_t(process.processId()), signal);
        ASSERT_TRUE(process.waitForFinished(7000));
        EXPECT_LT(timer.elapsed(), 6000);
        EXPECT_EQ(process.exitStatus(), QProcess::NormalExit);
        EXPECT_EQ(process.exitCode(), 0);
        EXPECT_TRUE(waitForOutput(process, err, "stopped", 1000)) << err.toStdString();
    }
    // The database is whole afterwards.
    EXPECT_EQ(keyCount(), 1);
}

TEST_F(CliServe, RestApiOnARemoteAddressNeedsAllowRemoteAndTlsNeedsBothFiles)
{
    EXPECT_TRUE(
        failedWith(runDb({QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("0.0.0.0:0")}),
                   kExitUsage, {QStringLiteral("--allow-remote")}));
    EXPECT_TRUE(
        failedWith(runDb({QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                          QStringLiteral("--tls-cert"), QStringLiteral("/nonexistent.pem")}),
                   kExitUsage, {QStringLiteral("--tls-key")}));
    EXPECT_TRUE(
        failedWith(runDb({QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("nonsense")}),
                   kExitUsage, {QStringLiteral("nonsense")}));
}
