// `quotawatch serve` end to end: it runs until SIGTERM or SIGINT and then exits 0 promptly; the
// REST API's flags refuse bad values before anything listens; the API answers where it says.
#include "tests/cli/clitest.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTimer>
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

TEST_F(CliServe, BadRestFlagsAreUsageErrorsNamingTheFlag)
{
    const QStringList listen{QStringLiteral("serve"), QStringLiteral("--listen"),
                             QStringLiteral("127.0.0.1:0")};
    for (const char *minutes : {"0", "1441", "half"}) {
        SCOPED_TRACE(minutes);
        EXPECT_TRUE(
            failedWith(runDb(listen + QStringList{QStringLiteral("--token-minutes"), QLatin1String(minutes)}),
                       kExitUsage, {QStringLiteral("--token-minutes")}));
    }
    EXPECT_TRUE(failedWith(
        runDb(listen + QStringList{QStringLiteral("--cors-origin"), QStringLiteral("http://ok.example"),
                                   QStringLiteral("--cors-origin"), QStringLiteral("*")}),
        kExitUsage, {QStringLiteral("--cors-origin"), QStringLiteral("*")}));
    EXPECT_TRUE(
        failedWith(runDb(listen, {}, {{QStringLiteral("QUOTAWATCH_TOKEN_MINUTES"), QStringLiteral("99999")}}),
                   kExitUsage, {QStringLiteral("QUOTAWATCH_TOKEN_MINUTES")}));
    EXPECT_TRUE(failedWith(
        runDb(listen, {}, {{QStringLiteral("QUOTAWATCH_CORS_ORIGINS"), QStringLiteral("file:///x")}}),
        kExitUsage, {QStringLiteral("QUOTAWATCH_CORS_ORIGINS")}));
    EXPECT_TRUE(failedWith(
        runDb(listen + QStringList{QStringLiteral("--tls-key"), QStringLiteral("/nonexistent.pem")}),
        kExitUsage, {QStringLiteral("--tls-cert")}));
    // A flag value is checked before the TLS files are read: nothing half-started.
    EXPECT_TRUE(failedWith(
        runDb(listen + QStringList{QStringLiteral("--tls-cert"), QStringLiteral("/nonexistent.pem"),
                                   QStringLiteral("--tls-key"), QStringLiteral("/nonexistent.pem")}),
        kExitUsage, {QStringLiteral("/nonexistent.pem")}))
        << "an unreadable certificate is a start-up error naming the file";

    const CliResult help = run({QStringLiteral("serve"), QStringLiteral("--help")});
    EXPECT_EQ(help.exitCode, kExitOk) << help.describe();
    for (const char *flag : {"--cors-origin", "--token-minutes", "--tls-cert", "--tls-key", "--allow-remote",
                             "--metrics-public", "--listen", "--no-rest"})
        EXPECT_TRUE(help.outText().contains(QLatin1String(flag))) << flag;
}

TEST_F(CliServe, ListensOnTheFreePortItPrintsAndAnswersHealth)
{
    QProcess process;
    process.setProcessEnvironment(childEnvironment({}));
    process.start(QStringLiteral(QW_CLI_BINARY),
                  {QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                   QStringLiteral("--token-minutes"), QStringLiteral("10"), QStringLiteral("--cors-origin"),
                   QStringLiteral("http://dashboard.example"), QStringLiteral("--db"), dbUrl()});
    ASSERT_TRUE(process.waitForStarted(10000));
    QByteArray out;
    const QRegularExpression listening(QStringLiteral("listening on (http://127\\.0\\.0\\.1:(\\d+))\\n"));
    QRegularExpressionMatch match;
    QElapsedTimer timer;
    timer.start();
    while (!(match = listening.match(QString::fromUtf8(out))).hasMatch() && timer.elapsed() < 15000 &&
           process.state() == QProcess::Running) {
        process.waitForReadyRead(100);
        out += process.readAllStandardOutput();
    }
    ASSERT_TRUE(match.hasMatch()) << out.toStdString() << process.readAllStandardError().toStdString();
    const int port = match.captured(2).toInt();
    EXPECT_GT(port, 0);
    EXPECT_NE(port, 8000);

    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(match.captured(1) + QStringLiteral("/api/health")));
    request.setRawHeader("Origin", "http://dashboard.example");
    QNetworkReply *reply = network.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    ASSERT_TRUE(reply->isFinished());
    EXPECT_EQ(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    // The allow-list given with --cors-origin is the one the server uses.
    EXPECT_EQ(reply->rawHeader("Access-Control-Allow-Origin"), QByteArray("http://dashboard.example"));
    const QJsonObject health = QJsonDocument::fromJson(reply->readAll()).object();
    EXPECT_EQ(health.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    delete reply;

    ::kill(pid_t(process.processId()), SIGTERM);
    EXPECT_TRUE(process.waitForFinished(10000));
    EXPECT_EQ(process.exitCode(), 0);
}
