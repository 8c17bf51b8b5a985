// `quotawatch serve` keeps up with the command line: a key added by `quotawatch keys add` while
// serve runs is checked by serve within 2 s (it was never checked, so at once), with no reload
// timer, on SQLite (data_version) and PostgreSQL (LISTEN/NOTIFY) alike.
#include "tests/cli/clitest.h"
#include "tests/support/closedport.h"

#include <QElapsedTimer>
#include <QProcess>
#include <csignal>

using namespace qw;
using namespace qw::test;

class CliServeLiveUpdate : public CliTest
{
};

TEST_F(CliServeLiveUpdate, AKeyAddedWhileServingIsCheckedWithinTwoSeconds)
{
    // A provider that is down answers at once: the check's outcome is in serve's log right away.
    const QString unreachable = QStringLiteral("http://127.0.0.1:%1").arg(closedLoopbackPort());
    const qint64 first = addKey(QStringLiteral("before"), QStringLiteral("deepseek"),
                                "sk-before-0123456789abcdef", {QStringLiteral("--base-url"), unreachable});
    ASSERT_GT(first, 0);

    QProcess serve;
    QByteArray err;
    ASSERT_TRUE(startServe(serve, err));
    // Its first key was never checked either: serve checks it as it starts.
    const QByteArray firstLine = "key " + QByteArray::number(first) + ": network_error";
    EXPECT_TRUE(waitForOutput(serve, err, firstLine, 2000)) << err.toStdString();

    const qint64 added = addKey(QStringLiteral("added later"), QStringLiteral("deepseek"),
                                "sk-added-0123456789abcdef", {QStringLiteral("--base-url"), unreachable});
    ASSERT_GT(added, 0);
    QElapsedTimer sinceAdded;
    sinceAdded.start();
    const QByteArray addedLine = "key " + QByteArray::number(added) + ": network_error";
    EXPECT_TRUE(waitForOutput(serve, err, addedLine, 2000)) << err.toStdString();
    EXPECT_LT(sinceAdded.elapsed(), 2000);

    ::kill(pid_t(serve.processId()), SIGTERM);
    ASSERT_TRUE(serve.waitForFinished(7000));
    EXPECT_EQ(serve.exitCode(), 0);
}
