// `quotawatch serve` end to end: it runs until SIGTERM or SIGINT and then exits 0 promptly; the
// REST API's flags refuse bad values before anything listens; the API answers where it says.
#include "tests/cli/clitest.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QThread>
#include <QTimer>
#include <csignal>
#include <sys/stat.h>

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

namespace {

// The whole of `path`, read again until it contains `text` or `timeoutMs` passes.
QByteArray waitForFileText(const QString &path, const QByteArray &text, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    QByteArray content;
    do {
        QFile file(path);
        if (file.open(QIODevice::ReadOnly))
            content = file.readAll();
        if (content.contains(text))
            break;
        QThread::msleep(50);
    } while (timer.elapsed() < timeoutMs);
    return content;
}

} // namespace

TEST_F(CliServe, InTheJournalEveryLineCarriesItsPriorityAndNoTimestamp)
{
    // Under systemd, stderr is a stream to the journal and JOURNAL_STREAM names its device and
    // inode. Here stderr is a file: its own device and inode make it "the journal"; any other
    // value (a child that inherited the variable but writes elsewhere) leaves the plain form.
    for (const bool journal : {true, false}) {
        SCOPED_TRACE(journal ? "journal" : "not the journal");
        // A new key each time, checked at once and failing (nothing listens on port 1): a
        // warning line. The first run's key is not due again for half an hour.
        addKey(journal ? QStringLiteral("journal") : QStringLiteral("plain"), QStringLiteral("deepseek"),
               "sk-journal-0123456789abcdef",
               {QStringLiteral("--base-url"), QStringLiteral("http://127.0.0.1:1")});
        const QString errFile = path(journal ? QStringLiteral("journal.txt") : QStringLiteral("plain.txt"));
        QFile create(errFile);
        ASSERT_TRUE(create.open(QIODevice::WriteOnly));
        create.close();
        struct stat status
        {
        };
        ASSERT_EQ(::stat(QFile::encodeName(errFile).constData(), &status), 0);
        const QString stream = QStringLiteral("%1:%2")
                                   .arg(qulonglong(status.st_dev))
                                   .arg(qulonglong(status.st_ino) + (journal ? 0 : 1));

        QProcess process;
        process.setProcessEnvironment(childEnvironment({{QStringLiteral("JOURNAL_STREAM"), stream}}));
        process.setStandardErrorFile(errFile, QIODevice::Append);
        process.start(QStringLiteral(QW_CLI_BINARY), {QStringLiteral("serve"), QStringLiteral("--no-rest"),
                                                      QStringLiteral("--db"), dbUrl()});
        ASSERT_TRUE(process.waitForStarted(10000));
        const QByteArray started = waitForFileText(errFile, "network_error", 15000);
        ::kill(pid_t(process.processId()), SIGTERM);
        ASSERT_TRUE(process.waitForFinished(10000));
        EXPECT_EQ(process.exitCode(), 0);
        const QByteArray all = waitForFileText(errFile, "quotawatch: stopped", 2000);
        ASSERT_TRUE(started.contains("network_error")) << all.toStdString();

        const QStringList lines = QString::fromUtf8(all).split(u'\n', Qt::SkipEmptyParts);
        ASSERT_GE(lines.size(), 3) << all.toStdString();
        const QRegularExpression timestamp(QStringLiteral("^(<\\d>)?\\d{4}-\\d\\d-\\d\\dT"));
        if (journal) {
            const QRegularExpression prefixed(QStringLiteral("^<[3-6]>\\S"));
            for (const QString &line : lines) {
                EXPECT_TRUE(prefixed.match(line).hasMatch()) << line.toStdString();
                EXPECT_FALSE(timestamp.match(line).hasMatch()) << line.toStdString();
            }
            EXPECT_TRUE(lines.contains(QStringLiteral("<6>quotawatch: stopped"))) << all.toStdString();
            EXPECT_TRUE(all.contains("\n<6>quotawatch: watching 1 key in ") ||
                        all.startsWith("<6>quotawatch: watching"))
                << all.toStdString();
            // A failing key is a warning, and the journal's own timestamp replaces ours.
            EXPECT_TRUE(all.contains("<4>key ")) << all.toStdString();
        } else {
            for (const QString &line : lines)
                EXPECT_FALSE(line.startsWith(u'<')) << line.toStdString();
            EXPECT_TRUE(lines.contains(QStringLiteral("quotawatch: stopped"))) << all.toStdString();
            // The check line keeps its timestamp outside the journal.
            bool timedCheck = false;
            for (const QString &line : lines)
                timedCheck = timedCheck ||
                             (timestamp.match(line).hasMatch() && line.contains(QStringLiteral(" key ")));
            EXPECT_TRUE(timedCheck) << all.toStdString();
        }
    }

    // A start-up error is an error in the journal too: a master key that is not one, exit 3.
    const QString errFile = path(QStringLiteral("refused.txt"));
    QFile create(errFile);
    ASSERT_TRUE(create.open(QIODevice::WriteOnly));
    create.close();
    struct stat status
    {
    };
    ASSERT_EQ(::stat(QFile::encodeName(errFile).constData(), &status), 0);
    QProcess process;
    process.setProcessEnvironment(childEnvironment(
        {{QStringLiteral("JOURNAL_STREAM"),
          QStringLiteral("%1:%2").arg(qulonglong(status.st_dev)).arg(qulonglong(status.st_ino))},
         {kMasterKeyVar, QStringLiteral("not-a-fernet-key")}}));
    process.setStandardErrorFile(errFile, QIODevice::Append);
    process.start(QStringLiteral(QW_CLI_BINARY),
                  {QStringLiteral("serve"), QStringLiteral("--no-rest"), QStringLiteral("--db"), dbUrl()});
    ASSERT_TRUE(process.waitForFinished(15000));
    EXPECT_EQ(process.exitCode(), kExitMasterKey);
    const QByteArray refused = waitForFileText(errFile, "quotawatch", 1000);
    EXPECT_TRUE(refused.startsWith("<3>quotawatch: ")) << refused.toStdString();
    EXPECT_EQ(refused.count('\n'), 1) << refused.toStdString();
}
