// E-mail alerts end to end through the real executable: a real SMTP server (SmtpTestServer,
// aiosmtpd) receives what `channels test`, `check` and `serve` send, a real HTTP server plays
// DeepSeek with a balance the test moves, and the SMTP password must never show up in any
// output or in the database file.
#include "tests/cli/clitest.h"
#include "tests/support/closedport.h"
#include "tests/support/smtptestserver.h"
#include "tests/support/testhttpserver.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <atomic>
#include <csignal>
#include <memory>

using namespace qw;
using namespace qw::test;

namespace {

const QByteArray kKeySecret = "sk-cli-email-0123456789abcdef";
const QString kSmtpUser = QStringLiteral("alerts");
const QByteArray kSmtpPassword = "smtp-Pa55-9c41e7b2";
const QByteArray kWrongPassword = "wr0ng-Smtp-Pa55-d3";
const QString kKeyName = QStringLiteral("生产 key");
const QString kChannelName = QStringLiteral("ops mail");
// Two recipients in one --to, one of them with a display name.
const QString kTo = QStringLiteral("ops@example.com,Dev Team <dev@example.org>");
const QStringList kRecipients{QStringLiteral("ops@example.com"), QStringLiteral("dev@example.org")};
// The texts the tests read are the English ones, whatever the machine's language.
const EnvChanges kEnglish{{QStringLiteral("QUOTAWATCH_LANGUAGE"), QStringLiteral("en")}};

QByteArray balanceJson(qint64 cents)
{
    const QByteArray amount = QByteArray::number(double(cents) / 100.0, 'f', 2);
    return R"({"is_available":true,"balance_infos":[{"currency":"CNY","total_balance":")" + amount +
           R"(","granted_balance":"0","topped_up_balance":")" + amount + R"("}]})";
}

std::string str(const QString &text)
{
    return text.toStdString();
}

QStringList stringsOf(const QJsonValue &value)
{
    QStringList list;
    for (const QJsonValue &entry : value.toArray())
        list << entry.toString();
    return list;
}

} // namespace

class CliEmailAlerts : public CliTest
{
protected:
    void SetUp() override
    {
        CliTest::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        if (const QString reason = SmtpTestServer::skipReason(); !reason.isEmpty())
            GTEST_SKIP() << str(reason);
        m_provider.route("GET", "/user/balance", [cents = m_cents](const RecordedRequest &) {
            return TestResponse::json(balanceJson(cents->load()));
        });
    }

    // Why the STARTTLS tests cannot run here; empty when they can.
    static QString tlsSkipReason() { return SmtpTestServer::skipReason(SmtpTestServer::Mode::StartTls); }

    qint64 addDrainingKey()
    {
        return addKey(kKeyName, QStringLiteral("deepseek"), kKeySecret,
                      {QStringLiteral("--base-url"), m_provider.baseUrl(), QStringLiteral("--threshold"),
                       QStringLiteral("10")});
    }

    // `channels add --kind email` to 127.0.0.1:`port`. With a password: STARTTLS, trusting the
    // test certificate, logging in as kSmtpUser with `password` on stdin (with the newline `echo`
    // adds); without: plain SMTP.
    qint64 addEmailChannel(quint16 port, const QByteArray &password = {})
    {
        QStringList args = cmd({"channels", "add", "--kind", "email"});
        args << QStringLiteral("--name") << kChannelName << QStringLiteral("--host")
             << QStringLiteral("127.0.0.1") << QStringLiteral("--port") << QString::number(port)
             << QStringLiteral("--from") << QStringLiteral("QuotaWatch <alerts@example.com>")
             << QStringLiteral("--to") << kTo;
        if (password.isEmpty())
            args << QStringLiteral("--security") << QStringLiteral("none");
        else
            args << QStringLiteral("--security") << QStringLiteral("starttls") << QStringLiteral("--user")
                 << kSmtpUser << QStringLiteral("--ca-file") << SmtpTestServer::certificateFile();
        const CliResult added = runDb(args, password.isEmpty() ? QByteArray() : password + '\n');
        EXPECT_TRUE(succeeded(added)) << added.describe();
        bool ok = false;
        const qint64 id = added.outText().trimmed().toLongLong(&ok);
        EXPECT_TRUE(ok && id > 0) << added.describe();
        return ok ? id : 0;
    }

    CliResult testChannel(qint64 id)
    {
        return runDb({QStringLiteral("channels"), QStringLiteral("test"), QString::number(id)}, {}, kEnglish);
    }

    // One `check` of every key with the provider showing `cents`.
    CliResult checkAt(qint64 cents)
    {
        m_cents->store(cents);
        return runDb(cmd({"check"}), {}, kEnglish);
    }

    QJsonArray alertsJson()
    {
        const CliResult listed = runDb(cmd({"alerts", "--json"}));
        EXPECT_TRUE(succeeded(listed)) << listed.describe();
        return QJsonDocument::fromJson(listed.out).array();
    }

    // The one delivery of the one alert there must be; empty after recording a failure.
    QJsonObject onlyDelivery()
    {
        const QJsonArray alerts = alertsJson();
        EXPECT_EQ(alerts.size(), 1) << QJsonDocument(alerts).toJson().toStdString();
        const QJsonArray deliveries = alerts.at(0).toObject().value(QLatin1String("deliveries")).toArray();
        EXPECT_EQ(deliveries.size(), 1) << QJsonDocument(alerts).toJson().toStdString();
        return deliveries.at(0).toObject();
    }

    // SIGTERM, as systemd stops it; what it printed joins m_outputs.
    void stopServe(QProcess &serve, QByteArray &err)
    {
        ::kill(pid_t(serve.processId()), SIGTERM);
        EXPECT_TRUE(serve.waitForFinished(8000)) << "serve did not stop on SIGTERM";
        err += serve.readAllStandardError();
        EXPECT_EQ(serve.exitStatus(), QProcess::NormalExit) << err.toStdString();
        EXPECT_EQ(serve.exitCode(), 0) << err.toStdString();
        m_outputs << err << serve.readAllStandardOutput();
    }

    // No SMTP password (nor the key's secret) in anything the CLI printed or in the SQLite files.
    void expectNoPlaintextSecrets()
    {
        const QByteArrayList secrets{kSmtpPassword, kWrongPassword, kKeySecret};
        for (const QByteArray &output : std::as_const(m_outputs)) {
            for (const QByteArray &secret : secrets)
                EXPECT_FALSE(output.contains(secret)) << output.toStdString();
        }
        if (isPostgres())
            return;
        for (const QString &file : QStringList{sqlitePath(), sqlitePath() + QStringLiteral("-wal")}) {
            QFile database(file);
            if (!database.exists())
                continue;
            ASSERT_TRUE(database.open(QIODevice::ReadOnly)) << str(file);
            const QByteArray content = database.readAll();
            for (const QByteArray &secret : secrets)
                EXPECT_FALSE(content.contains(secret)) << str(file);
        }
    }

    std::shared_ptr<std::atomic<qint64>> m_cents = std::make_shared<std::atomic<qint64>>(2000);
    TestHttpServer m_provider;
    SmtpTestServer m_smtp;
};

TEST_F(CliEmailAlerts, TestMessageReachesEveryRecipientOverStartTlsWithLogin)
{
    if (const QString reason = tlsSkipReason(); !reason.isEmpty())
        GTEST_SKIP() << str(reason);
    ASSERT_TRUE(m_smtp.start(SmtpTestServer::Mode::StartTls, kSmtpUser, kSmtpPassword))
        << str(m_smtp.error());
    const qint64 id = addEmailChannel(m_smtp.port(), kSmtpPassword);
    ASSERT_GT(id, 0);
    EXPECT_TRUE(m_smtp.messages().empty()) << "adding a channel must not send anything";

    const CliResult tested = testChannel(id);
    ASSERT_TRUE(succeeded(tested)) << tested.describe();
    const std::vector<SmtpMessage> messages = m_smtp.messages();
    ASSERT_EQ(messages.size(), 1u);
    const SmtpMessage &mail = messages.front();
    EXPECT_EQ(mail.recipients(), kRecipients);
    EXPECT_EQ(stringsOf(mail.decoded().value(QLatin1String("to"))), kRecipients);
    EXPECT_EQ(mail.meta.value(QLatin1String("mail_from")).toString(), QStringLiteral("alerts@example.com"));
    EXPECT_TRUE(mail.meta.value(QLatin1String("tls")).toBool());
    EXPECT_EQ(mail.meta.value(QLatin1String("auth_login")).toString(), kSmtpUser);
    EXPECT_EQ(mail.subject(), QStringLiteral("[QuotaWatch] Test message"));
    EXPECT_TRUE(mail.body().contains(kChannelName)) << str(mail.body());
    EXPECT_TRUE(mail.body().contains(QStringLiteral("This is a test from QuotaWatch"))) << str(mail.body());

    // The list shows where mail goes, never how to log in.
    const CliResult listed = runDb(cmd({"channels", "list", "--json"}));
    ASSERT_TRUE(succeeded(listed)) << listed.describe();
    const QJsonArray channels = QJsonDocument::fromJson(listed.out).array();
    ASSERT_EQ(channels.size(), 1) << listed.describe();
    const QJsonObject channel = channels.at(0).toObject();
    EXPECT_EQ(channel.value(QLatin1String("id")).toInteger(), id);
    EXPECT_EQ(channel.value(QLatin1String("kind")).toString(), QStringLiteral("email"));
    EXPECT_EQ(channel.value(QLatin1String("name")).toString(), kChannelName);
    EXPECT_TRUE(channel.value(QLatin1String("target"))
                    .toString()
                    .contains(QStringLiteral("127.0.0.1:%1").arg(m_smtp.port())))
        << listed.describe();
    expectNoPlaintextSecrets();
}

TEST_F(CliEmailAlerts, ALowBalanceSendsOneEmailPerCrossing)
{
    if (const QString reason = tlsSkipReason(); !reason.isEmpty())
        GTEST_SKIP() << str(reason);
    ASSERT_TRUE(m_smtp.start(SmtpTestServer::Mode::StartTls, kSmtpUser, kSmtpPassword))
        << str(m_smtp.error());
    ASSERT_GT(addDrainingKey(), 0);
    ASSERT_GT(addEmailChannel(m_smtp.port(), kSmtpPassword), 0);

    const CliResult above = checkAt(2000);
    ASSERT_TRUE(succeeded(above)) << above.describe();
    EXPECT_TRUE(m_smtp.messages().empty());

    const CliResult crossed = checkAt(900);
    ASSERT_TRUE(succeeded(crossed)) << crossed.describe();
    std::vector<SmtpMessage> messages = m_smtp.messages();
    ASSERT_EQ(messages.size(), 1u);
    EXPECT_TRUE(messages.front().subject().contains(QStringLiteral("Low balance")))
        << str(messages.front().subject());
    EXPECT_TRUE(messages.front().subject().contains(kKeyName)) << str(messages.front().subject());
    EXPECT_TRUE(messages.front().body().contains(kKeyName)) << str(messages.front().body());
    EXPECT_TRUE(messages.front().body().contains(QStringLiteral("9 CNY"))) << str(messages.front().body());
    // From QuotaWatch, about DeepSeek (its name, not its id), checked when the alert says.
    EXPECT_TRUE(messages.front().subject().startsWith(QStringLiteral("[QuotaWatch] Low balance")))
        << str(messages.front().subject());
    const QString checkedAt =
        QDateTime::fromString(alertsJson().at(0).toObject().value(QLatin1String("time")).toString(),
                              Qt::ISODateWithMs)
            .toUTC()
            .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    EXPECT_TRUE(messages.front().body().contains(QStringLiteral("(DeepSeek)")))
        << str(messages.front().body());
    EXPECT_TRUE(
        messages.front().body().contains(QStringLiteral("Checked by QuotaWatch at %1 UTC.").arg(checkedAt)))
        << str(messages.front().body());
    EXPECT_EQ(messages.front().recipients(), kRecipients);
    EXPECT_EQ(onlyDelivery().value(QLatin1String("status")).toString(), QStringLiteral("sent"));

    // Still under the threshold: no new alert, no second e-mail.
    const CliResult still = checkAt(800);
    ASSERT_TRUE(succeeded(still)) << still.describe();
    messages = m_smtp.messages();
    EXPECT_EQ(messages.size(), 1u);
    EXPECT_EQ(alertsJson().size(), 1);
    expectNoPlaintextSecrets();
}

TEST_F(CliEmailAlerts, AnAlertRaisedWhileTheServerIsDownIsSentOnceWhenItComesBack)
{
    const quint16 port = test::closedLoopbackPort();
    ASSERT_GT(port, 0);
    ASSERT_GT(addDrainingKey(), 0);
    ASSERT_GT(addEmailChannel(port), 0);

    // The alert fires while the server is down: the check itself still succeeds and says so.
    const CliResult checked = checkAt(500);
    EXPECT_EQ(checked.exitCode, 0) << checked.describe();
    EXPECT_TRUE(checked.errText().contains(QStringLiteral("could not be delivered yet")))
        << checked.describe();
    QJsonObject delivery = onlyDelivery();
    EXPECT_EQ(delivery.value(QLatin1String("status")).toString(), QStringLiteral("pending"));
    EXPECT_EQ(delivery.value(QLatin1String("attempts")).toInt(), 1);
    EXPECT_TRUE(delivery.value(QLatin1String("last_error")).toString().contains(QLatin1String("connect")))
        << str(delivery.value(QLatin1String("last_error")).toString());

    // serve tries again at once while it is still down, and is stopped.
    {
        QProcess serve;
        QByteArray err;
        ASSERT_TRUE(startServe(serve, err));
        EXPECT_TRUE(waitForOutput(serve, err, "will retry", 15000)) << err.toStdString();
        stopServe(serve, err);
    }

    // The server comes back on the same port; the next serve delivers the alert, the one after
    // that does not send it again.
    ASSERT_TRUE(m_smtp.start(SmtpTestServer::Mode::Plain, {}, {}, port)) << str(m_smtp.error());
    {
        QProcess serve;
        QByteArray err;
        ASSERT_TRUE(startServe(serve, err));
        EXPECT_TRUE(waitForOutput(serve, err, ": sent", 15000)) << err.toStdString();
        stopServe(serve, err);
    }
    {
        QProcess serve;
        QByteArray err;
        ASSERT_TRUE(startServe(serve, err));
        EXPECT_FALSE(waitForOutput(serve, err, ": sent", 3000)) << err.toStdString();
        stopServe(serve, err);
    }
    const std::vector<SmtpMessage> messages = m_smtp.messages();
    ASSERT_EQ(messages.size(), 1u);
    EXPECT_EQ(messages.front().recipients(), kRecipients);
    EXPECT_TRUE(messages.front().body().contains(kKeyName)) << str(messages.front().body());
    delivery = onlyDelivery();
    EXPECT_EQ(delivery.value(QLatin1String("status")).toString(), QStringLiteral("sent"));
    EXPECT_TRUE(delivery.value(QLatin1String("last_error")).isNull());
    EXPECT_FALSE(delivery.value(QLatin1String("sent_at")).isNull());
    // The check, the serve that found the server down, the serve that sent it.
    EXPECT_EQ(delivery.value(QLatin1String("attempts")).toInt(), 3);
    expectNoPlaintextSecrets();
}

TEST_F(CliEmailAlerts, AWrongPasswordFailsTheTestWithTheLoginError)
{
    if (const QString reason = tlsSkipReason(); !reason.isEmpty())
        GTEST_SKIP() << str(reason);
    ASSERT_TRUE(m_smtp.start(SmtpTestServer::Mode::StartTls, kSmtpUser, kSmtpPassword))
        << str(m_smtp.error());
    const qint64 id = addEmailChannel(m_smtp.port(), kWrongPassword);
    ASSERT_GT(id, 0);

    const CliResult tested = testChannel(id);
    EXPECT_TRUE(failedWith(tested, 1, {QStringLiteral("refused the login")}));
    EXPECT_TRUE(m_smtp.messages().empty());
    expectNoPlaintextSecrets();
}
