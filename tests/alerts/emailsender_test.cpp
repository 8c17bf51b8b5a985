// E-mail alerts against a real SMTP server: tests/fixtures/smtp_sink.py (aiosmtpd) on loopback in
// plain, STARTTLS and implicit-TLS modes, with a self-signed certificate made at test time
// (SmtpTestServer). The sink decodes what it receives with Python's email package, so the MIME
// is checked by a parser that is not ours.
#include "core/alerts/emailsender.h"
#include "tests/support/closedport.h"
#include "tests/support/smtptestserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTimeZone>
#include <atomic>
#include <chrono>
#include <functional>
#include <gtest/gtest.h>
#include <memory>
#include <thread>
#include <vector>

using namespace qw;
using qw::test::SmtpMessage;
using qw::test::SmtpTestServer;

namespace {

const QString kUtf8Subject = QStringLiteral("余额不足 / low balance");
const QString kUser = QStringLiteral("alerts@example.com");
const QByteArray kPassword = "s3cret-Pa55word";

std::string str(const QString &text)
{
    return text.toStdString();
}

QStringList toStringList(const QJsonValue &value)
{
    QStringList list;
    for (const QJsonValue &entry : value.toArray())
        list << entry.toString();
    return list;
}

EmailMessage sampleMessage(const QString &subject = kUtf8Subject)
{
    return {subject,
            QStringLiteral("Key \"main\" (OpenRouter) has 3.20 USD left.\n"
                           "Threshold: 5 USD — 余额不足\n"
                           ".a line starting with a dot\n"),
            QDateTime(QDate(2024, 1, 2), QTime(3, 4, 5), QTimeZone::utc())};
}

QString crlf(QString text)
{
    return text.replace(QLatin1String("\n"), QLatin1String("\r\n"));
}

// To 127.0.0.1:`port`, from alerts@example.com to ops@example.com, the rest as the defaults.
SmtpSettings loopbackSettings(quint16 port, SmtpSecurity security = SmtpSecurity::None)
{
    SmtpSettings settings;
    settings.host = QStringLiteral("127.0.0.1");
    settings.port = port;
    settings.security = security;
    settings.from = QStringLiteral("alerts@example.com");
    settings.to = {QStringLiteral("ops@example.com")};
    return settings;
}

// Why the TLS modes cannot run here (no python3 with aiosmtpd, no certificate); empty when they can.
QString tlsSkipReason()
{
    return SmtpTestServer::skipReason(SmtpTestServer::Mode::Tls);
}

// The header section, unfolded, one entry a header.
QList<QByteArray> headerLines(const QByteArray &message)
{
    const QByteArray head = message.left(message.indexOf("\r\n\r\n"));
    QList<QByteArray> lines;
    for (const QByteArray &line : head.split('\n')) {
        const QByteArray trimmed = line.endsWith('\r') ? line.chopped(1) : line;
        if (!lines.isEmpty() && (trimmed.startsWith(' ') || trimmed.startsWith('\t')))
            lines.last() += trimmed;
        else
            lines << trimmed;
    }
    return lines;
}

QByteArray header(const QByteArray &message, const QByteArray &name)
{
    for (const QByteArray &line : headerLines(message)) {
        if (line.toLower().startsWith(QByteArray(name.toLower() + ':')))
            return line.mid(name.size() + 1).trimmed();
    }
    return {};
}

class EmailSenderServerTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        if (const QString reason = SmtpTestServer::skipReason(); !reason.isEmpty())
            GTEST_SKIP() << str(reason);
    }

    static std::unique_ptr<SmtpTestServer>
    startServer(SmtpTestServer::Mode mode = SmtpTestServer::Mode::Plain, const QString &user = {},
                const QByteArray &password = {})
    {
        auto server = std::make_unique<SmtpTestServer>();
        if (!server->start(mode, user, password)) {
            ADD_FAILURE() << str(server->error());
            return nullptr;
        }
        return server;
    }

    static SmtpSettings settingsFor(quint16 port, SmtpSecurity security)
    {
        SmtpSettings settings = loopbackSettings(port, security);
        settings.from = QStringLiteral("QuotaWatch <alerts@example.com>");
        settings.timeoutS = 10;
        if (security != SmtpSecurity::None)
            settings.caFile = SmtpTestServer::certificateFile();
        return settings;
    }
};

} // namespace

TEST(EmailSecurity, NamesRoundTrip)
{
    for (const SmtpSecurity security : {SmtpSecurity::None, SmtpSecurity::StartTls, SmtpSecurity::Tls})
        EXPECT_EQ(smtpSecurityFromString(toString(security)), security);
    EXPECT_EQ(toString(SmtpSecurity::None), QStringLiteral("none"));
    EXPECT_EQ(toString(SmtpSecurity::StartTls), QStringLiteral("starttls"));
    EXPECT_EQ(toString(SmtpSecurity::Tls), QStringLiteral("tls"));
    EXPECT_EQ(smtpSecurityFromString(u"STARTTLS"), SmtpSecurity::StartTls);
    EXPECT_FALSE(smtpSecurityFromString(u"ssl").has_value());
    EXPECT_FALSE(smtpSecurityFromString(u"").has_value());
}

TEST(EmailCompose, CrlfHeadersAndBase64Body)
{
    SmtpSettings settings;
    settings.from = QStringLiteral("QuotaWatch <alerts@example.com>");
    settings.to = {QStringLiteral("ops@example.com"), QStringLiteral("Zoë Admin <zoe@example.org>")};
    EmailMessage message = sampleMessage();
    message.body += QString(200, u'x') + u'\n'; // a line longer than a base64 line
    const QByteArray composed = EmailSender::compose(settings, message);

    // Every line ends in CRLF, none is longer than 78 characters plus the subject's first word.
    const qsizetype split = composed.indexOf("\r\n\r\n");
    ASSERT_GT(split, 0);
    for (qsizetype i = 0; i < composed.size(); ++i) {
        if (composed.at(i) == '\n') {
            ASSERT_TRUE(i > 0 && composed.at(i - 1) == '\r') << "bare LF at " << i;
        }
        if (composed.at(i) == '\r') {
            ASSERT_TRUE(i + 1 < composed.size() && composed.at(i + 1) == '\n') << "bare CR at " << i;
        }
    }
    EXPECT_TRUE(composed.endsWith("\r\n"));
    for (const QByteArray &line : composed.split('\n'))
        EXPECT_LE(line.size(), 100) << line.toStdString();

    EXPECT_EQ(header(composed, "Date"), QByteArray("Tue, 02 Jan 2024 03:04:05 +0000"));
    EXPECT_EQ(header(composed, "From"), QByteArray("QuotaWatch <alerts@example.com>"));
    EXPECT_EQ(header(composed, "To"),
              QByteArray("ops@example.com, =?UTF-8?B?Wm/DqyBBZG1pbg==?= <zoe@example.org>"));
    EXPECT_EQ(header(composed, "MIME-Version"), QByteArray("1.0"));
    EXPECT_EQ(header(composed, "Content-Type"), QByteArray("text/plain; charset=UTF-8"));
    EXPECT_EQ(header(composed, "Content-Transfer-Encoding"), QByteArray("base64"));
    EXPECT_TRUE(header(composed, "Message-ID").startsWith('<'));
    EXPECT_TRUE(header(composed, "Message-ID").endsWith("@example.com>"));

    // The subject is encoded words that decode to the original text.
    const QByteArray subject = header(composed, "Subject");
    ASSERT_TRUE(subject.startsWith("=?UTF-8?B?")) << subject.toStdString();
    QByteArray decodedSubject;
    for (const QByteArray &word : subject.split(' ')) {
        ASSERT_TRUE(word.startsWith("=?UTF-8?B?") && word.endsWith("?=")) << word.toStdString();
        EXPECT_LE(word.size(), 75);
        decodedSubject += QByteArray::fromBase64(word.mid(10, word.size() - 12));
    }
    EXPECT_EQ(QString::fromUtf8(decodedSubject), kUtf8Subject);

    // The body: base64 lines of at most 76, decoding to the text with CRLF line ends.
    const QByteArray body = composed.mid(split + 4);
    QByteArray base64;
    for (const QByteArray &line : body.split('\n')) {
        const QByteArray content = line.endsWith('\r') ? line.chopped(1) : line;
        EXPECT_LE(content.size(), 76);
        base64 += content;
    }
    const auto decodedBody = QByteArray::fromBase64Encoding(base64, QByteArray::AbortOnBase64DecodingErrors);
    ASSERT_TRUE(decodedBody);
    EXPECT_EQ(QString::fromUtf8(*decodedBody), crlf(message.body));

    // Plain ASCII subjects stay readable; a time zone offset is written as such.
    message.subject = QStringLiteral("Low balance: main");
    message.date = QDateTime(QDate(2024, 7, 14), QTime(23, 0, 0), QTimeZone(5 * 3600 + 1800));
    const QByteArray ascii = EmailSender::compose(settings, message);
    EXPECT_EQ(header(ascii, "Subject"), QByteArray("Low balance: main"));
    EXPECT_EQ(header(ascii, "Date"), QByteArray("Sun, 14 Jul 2024 23:00:00 +0530"));
}

TEST(EmailCompose, LineBreaksCannotInjectHeaders)
{
    SmtpSettings settings;
    settings.from = QStringLiteral("alerts@example.com\r\nBcc: victim@evil.example");
    settings.to = {QStringLiteral("ops@example.com\nBcc: other@evil.example"),
                   QStringLiteral("Name\r\nX-Injected: 1 <ops2@example.com>")};
    EmailMessage message = sampleMessage(QStringLiteral("hello\r\nBcc: third@evil.example\r\n\r\nbody"));
    const QByteArray composed = EmailSender::compose(settings, message);
    const QList<QByteArray> lines = headerLines(composed);
    const QList<QByteArray> expected{
        "date",          "from",         "to",           "subject",
        "message-id",    "mime-version", "content-type", "content-transfer-encoding",
        "auto-submitted"};
    ASSERT_EQ(lines.size(), expected.size()) << composed.toStdString();
    for (qsizetype i = 0; i < lines.size(); ++i)
        EXPECT_TRUE(lines.at(i).toLower().startsWith(QByteArray(expected.at(i) + ':')))
            << lines.at(i).toStdString();
    EXPECT_EQ(header(composed, "Subject"), QByteArray("hello  Bcc: third@evil.example    body"));

    // send() refuses such addresses outright instead of sending a mangled message.
    SmtpSettings valid;
    valid.host = QStringLiteral("smtp.invalid");
    valid.from = QStringLiteral("alerts@example.com");
    valid.to = {QStringLiteral("ops@example.com")};
    SmtpSettings badFrom = valid;
    badFrom.from = settings.from;
    SmtpSettings badTo = valid;
    badTo.to = {settings.to.at(0)};
    for (const SmtpSettings &bad : {badFrom, badTo}) {
        const auto result = EmailSender::send(bad, {}, message);
        ASSERT_FALSE(result);
        EXPECT_EQ(result.error().code, ErrorCode::InvalidInput);
        EXPECT_TRUE(result.error().message.contains(QLatin1String("line break")))
            << str(result.error().message);
        EXPECT_FALSE(result.error().message.contains(u'\n'));
    }
}

TEST(EmailSettings, InvalidSettingsAreRejectedWithoutNetwork)
{
    SmtpSettings valid;
    // If validation let one through, curl would fail on this name with ErrorCode::Io instead.
    valid.host = QStringLiteral("smtp.invalid");
    valid.from = QStringLiteral("alerts@example.com");
    valid.to = {QStringLiteral("ops@example.com")};
    valid.user = QStringLiteral("alerts");

    struct Case
    {
        const char *name;
        std::function<void(SmtpSettings &)> change;
        QByteArray password;
        const char *mentions;
    };
    const std::vector<Case> cases{
        {"empty host", [](SmtpSettings &s) { s.host = QStringLiteral("  "); }, "pw", "host name"},
        {"host with space", [](SmtpSettings &s) { s.host = QStringLiteral("smtp example.com"); }, "pw",
         "host"},
        {"host with port", [](SmtpSettings &s) { s.host = QStringLiteral("smtp.example.com:25"); }, "pw",
         "port"},
        {"host with path", [](SmtpSettings &s) { s.host = QStringLiteral("smtp.example.com/x"); }, "pw",
         "host"},
        {"port 0", [](SmtpSettings &s) { s.port = 0; }, "pw", "port"},
        {"port too large", [](SmtpSettings &s) { s.port = 65536; }, "pw", "port"},
        {"no recipients", [](SmtpSettings &s) { s.to.clear(); }, "pw", "recipient"},
        {"blank recipients",
         [](SmtpSettings &s) {
             s.to = {QString(), QStringLiteral(" ")};
         },
         "pw", "recipient"},
        {"recipient without @", [](SmtpSettings &s) { s.to << QStringLiteral("ops.example.com"); }, "pw",
         "recipient"},
        {"recipient with CR", [](SmtpSettings &s) { s.to = {QStringLiteral("ops@example.com\rX: y")}; }, "pw",
         "line break"},
        {"recipient with space", [](SmtpSettings &s) { s.to = {QStringLiteral("o ps@example.com")}; }, "pw",
         "recipient"},
        {"empty sender", [](SmtpSettings &s) { s.from.clear(); }, "pw", "sender"},
        {"sender without @", [](SmtpSettings &s) { s.from = QStringLiteral("QuotaWatch <alerts>"); }, "pw",
         "sender"},
        {"sender with LF", [](SmtpSettings &s) { s.from = QStringLiteral("QuotaWatch\n <a@example.com>"); },
         "pw", "line break"},
        {"user with LF", [](SmtpSettings &s) { s.user = QStringLiteral("alerts\nRCPT TO:<x@y>"); }, "pw",
         "user name"},
        {"password with NUL", [](SmtpSettings &) {}, QByteArray("p\0w", 3), "NUL"},
        {"missing CA file", [](SmtpSettings &s) { s.caFile = QStringLiteral("/nonexistent/ca.pem"); }, "pw",
         "CA file"},
        {"zero timeout", [](SmtpSettings &s) { s.timeoutS = 0; }, "pw", "timeout"},
        {"login without TLS", [](SmtpSettings &s) { s.security = SmtpSecurity::None; }, "pw", "without TLS"},
        {"login without TLS to an address",
         [](SmtpSettings &s) {
             s.host = QStringLiteral("192.0.2.7");
             s.security = SmtpSecurity::None;
         },
         "pw", "starttls"},
    };
    QElapsedTimer timer;
    timer.start();
    for (const Case &c : cases) {
        SmtpSettings settings = valid;
        c.change(settings);
        const auto result = EmailSender::send(settings, c.password, sampleMessage());
        ASSERT_FALSE(result) << c.name;
        EXPECT_EQ(result.error().code, ErrorCode::InvalidInput)
            << c.name << ": " << str(result.error().message);
        EXPECT_TRUE(result.error().message.contains(QLatin1String(c.mentions)))
            << c.name << ": " << str(result.error().message);
        EXPECT_FALSE(result.error().message.contains(u'\n') || result.error().message.contains(u'\r'))
            << c.name;
        // validate() makes the same checks (the password is only known to send()).
        if (c.password.contains('\0'))
            continue;
        const auto checked = EmailSender::validate(settings);
        ASSERT_FALSE(checked) << c.name;
        EXPECT_EQ(checked.error().message, result.error().message) << c.name;
    }
    EXPECT_TRUE(EmailSender::validate(valid));
    EXPECT_LT(timer.elapsed(), 2'000);
}

// A login over plain SMTP is refused off this machine (the password would cross the network in
// clear) and accepted to a relay on loopback; plain SMTP without a login stays possible anywhere.
TEST(EmailSettings, LoginWithoutTlsOnlyToLoopback)
{
    SmtpSettings settings;
    settings.from = QStringLiteral("alerts@example.com");
    settings.to = {QStringLiteral("ops@example.com")};
    settings.security = SmtpSecurity::None;
    settings.user = QStringLiteral("alerts");
    for (const char *host : {"localhost", "127.0.0.1", "127.0.0.53", "::1", "LOCALHOST"}) {
        settings.host = QString::fromLatin1(host);
        EXPECT_TRUE(EmailSender::validate(settings)) << host;
    }
    for (const char *host : {"smtp.example.com", "10.0.0.1", "localhost.example.com", "2001:db8::1"}) {
        settings.host = QString::fromLatin1(host);
        const auto checked = EmailSender::validate(settings);
        ASSERT_FALSE(checked) << host;
        EXPECT_TRUE(checked.error().message.contains(QLatin1String("without TLS"))) << host;
    }
    settings.host = QStringLiteral("smtp.example.com");
    settings.user.clear();
    EXPECT_TRUE(EmailSender::validate(settings));
    settings.user = QStringLiteral("alerts");
    settings.security = SmtpSecurity::StartTls;
    EXPECT_TRUE(EmailSender::validate(settings));
}

TEST(EmailDelivery, ServerDownFailsQuicklyWithAConnectError)
{
    const quint16 port = test::closedLoopbackPort();
    ASSERT_NE(port, 0);
    const SmtpSettings settings = loopbackSettings(port, SmtpSecurity::StartTls);
    QElapsedTimer timer;
    timer.start();
    const auto result = EmailSender::send(settings, kPassword, sampleMessage());
    EXPECT_LT(timer.elapsed(), 5'000);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::Io);
    EXPECT_EQ(result.error().message, QStringLiteral("cannot connect to the SMTP server 127.0.0.1:%1 "
                                                     "(Connection refused)")
                                          .arg(port));
}

TEST(EmailDelivery, SilentServerTimesOut)
{
    // Listening but never answering: the kernel completes the connection, the greeting never comes.
    QTcpServer silent;
    ASSERT_TRUE(silent.listen(QHostAddress::LocalHost, 0));
    SmtpSettings settings = loopbackSettings(silent.serverPort());
    settings.timeoutS = 1;
    QElapsedTimer timer;
    timer.start();
    const auto result = EmailSender::send(settings, {}, sampleMessage());
    const qint64 elapsed = timer.elapsed();
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::Io);
    EXPECT_TRUE(result.error().message.startsWith(
        QStringLiteral("the SMTP server 127.0.0.1:%1 did not answer within 1 second").arg(settings.port)))
        << str(result.error().message);
    EXPECT_GE(elapsed, 900);
    EXPECT_LT(elapsed, 5'000);
}

TEST_F(EmailSenderServerTest, PlainDeliveryToSeveralRecipients)
{
    const auto server = startServer();
    ASSERT_TRUE(server);
    SmtpSettings settings = settingsFor(server->port(), SmtpSecurity::None);
    settings.to = {QStringLiteral("ops@example.com"), QStringLiteral("Bob Builder <bob@example.org>"),
                   QStringLiteral("<carol@example.net>")};
    const EmailMessage message = sampleMessage();
    const auto result = EmailSender::send(settings, {}, message);
    ASSERT_TRUE(result) << str(result.error().message);

    const auto received = server->messages();
    ASSERT_EQ(received.size(), 1u);
    const SmtpMessage &mail = received.front();
    const QStringList bare{QStringLiteral("ops@example.com"), QStringLiteral("bob@example.org"),
                           QStringLiteral("carol@example.net")};
    EXPECT_EQ(toStringList(mail.meta.value(QStringLiteral("rcpt_tos"))), bare);
    EXPECT_EQ(mail.meta.value(QStringLiteral("mail_from")).toString(), QStringLiteral("alerts@example.com"));
    EXPECT_FALSE(mail.meta.value(QStringLiteral("tls")).toBool());
    EXPECT_TRUE(mail.meta.value(QStringLiteral("auth_login")).isNull());

    const QJsonObject decoded = mail.decoded();
    ASSERT_FALSE(decoded.contains(QStringLiteral("parse_error")))
        << str(decoded.value(QStringLiteral("parse_error")).toString());
    EXPECT_TRUE(decoded.value(QStringLiteral("defects")).toArray().isEmpty())
        << QJsonDocument(decoded.value(QStringLiteral("defects")).toArray()).toJson().toStdString();
    EXPECT_EQ(decoded.value(QStringLiteral("subject")).toString(), kUtf8Subject);
    EXPECT_EQ(decoded.value(QStringLiteral("body")).toString(), crlf(message.body));
    EXPECT_EQ(toStringList(decoded.value(QStringLiteral("to"))), bare);
    EXPECT_EQ(decoded.value(QStringLiteral("from")).toString(),
              QStringLiteral("QuotaWatch <alerts@example.com>"));
    EXPECT_EQ(decoded.value(QStringLiteral("content_type")).toString(), QStringLiteral("text/plain"));
    EXPECT_EQ(decoded.value(QStringLiteral("charset")).toString(), QStringLiteral("utf-8"));
    EXPECT_EQ(decoded.value(QStringLiteral("date")).toString(),
              QStringLiteral("Tue, 02 Jan 2024 03:04:05 +0000"));
    // The bytes as sent, apart from the Message-ID, are what compose() makes.
    const QByteArray composed = EmailSender::compose(settings, message);
    EXPECT_EQ(mail.raw.left(mail.raw.indexOf("Message-ID:")), composed.left(composed.indexOf("Message-ID:")));
    EXPECT_EQ(mail.raw.mid(mail.raw.indexOf("MIME-Version:")),
              composed.mid(composed.indexOf("MIME-Version:")));

    EXPECT_EQ(server->stop(), 0) << "smtp_sink.py should exit cleanly on SIGTERM";
}

// The transport sends whatever message it is given, byte for byte (a line that starts with a
// dot included, which SMTP must escape on the wire), to the envelope the settings name.
TEST_F(EmailSenderServerTest, TransportDeliversAComposedMessageAsGiven)
{
    const auto server = startServer();
    ASSERT_TRUE(server);
    const SmtpSettings settings = settingsFor(server->port(), SmtpSecurity::None);
    const QByteArray payload = "From: someone@example.com\r\n"
                               "To: ops@example.com\r\n"
                               "Subject: handmade\r\n"
                               "\r\n"
                               "first line\r\n"
                               ".second line starts with a dot\r\n";
    const auto result = SmtpTransport::send(settings, {}, payload);
    ASSERT_TRUE(result) << str(result.error().message);

    const auto received = server->messages();
    ASSERT_EQ(received.size(), 1u);
    EXPECT_EQ(received.front().raw, payload);
    EXPECT_EQ(received.front().recipients(), QStringList{QStringLiteral("ops@example.com")});
    EXPECT_EQ(received.front().meta.value(QStringLiteral("mail_from")).toString(),
              QStringLiteral("alerts@example.com"));
    EXPECT_EQ(received.front().subject(), QStringLiteral("handmade"));
}

TEST_F(EmailSenderServerTest, StartTlsWithLogin)
{
    if (const QString reason = tlsSkipReason(); !reason.isEmpty())
        GTEST_SKIP() << str(reason);
    const auto server = startServer(SmtpTestServer::Mode::StartTls, kUser, kPassword);
    ASSERT_TRUE(server);
    SmtpSettings settings = settingsFor(server->port(), SmtpSecurity::StartTls);
    settings.user = kUser;

    const auto sent = EmailSender::send(settings, kPassword, sampleMessage());
    ASSERT_TRUE(sent) << str(sent.error().message);
    auto received = server->messages();
    ASSERT_EQ(received.size(), 1u);
    EXPECT_TRUE(received.front().meta.value(QStringLiteral("tls")).toBool());
    EXPECT_EQ(received.front().meta.value(QStringLiteral("auth_login")).toString(), kUser);
    EXPECT_EQ(received.front().decoded().value(QStringLiteral("subject")).toString(), kUtf8Subject);

    const QByteArray wrong = "wr0ng-Passw0rd-x";
    const auto refused = EmailSender::send(settings, wrong, sampleMessage());
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::Io);
    EXPECT_EQ(refused.error().message,
              QStringLiteral("the SMTP server refused the login; check the user name and password"));
    EXPECT_FALSE(refused.error().message.contains(QString::fromUtf8(wrong)));
    EXPECT_FALSE(refused.error().message.contains(QString::fromUtf8(kPassword)));
    EXPECT_EQ(server->messages().size(), 1u);

    // No login at all on a server that requires one.
    settings.user.clear();
    const auto anonymous = EmailSender::send(settings, kPassword, sampleMessage());
    ASSERT_FALSE(anonymous);
    EXPECT_TRUE(anonymous.error().message.contains(QLatin1String("requires a login")))
        << str(anonymous.error().message);
    EXPECT_EQ(server->messages().size(), 1u);
}

TEST_F(EmailSenderServerTest, ImplicitTlsWithLogin)
{
    if (const QString reason = tlsSkipReason(); !reason.isEmpty())
        GTEST_SKIP() << str(reason);
    const auto server = startServer(SmtpTestServer::Mode::Tls, kUser, kPassword);
    ASSERT_TRUE(server);
    SmtpSettings settings = settingsFor(server->port(), SmtpSecurity::Tls);
    settings.user = kUser;
    const auto sent = EmailSender::send(settings, kPassword, sampleMessage());
    ASSERT_TRUE(sent) << str(sent.error().message);
    const auto received = server->messages();
    ASSERT_EQ(received.size(), 1u);
    EXPECT_TRUE(received.front().meta.value(QStringLiteral("tls")).toBool());
    EXPECT_EQ(received.front().meta.value(QStringLiteral("auth_login")).toString(), kUser);
    EXPECT_EQ(received.front().decoded().value(QStringLiteral("body")).toString(),
              crlf(sampleMessage().body));
}

TEST_F(EmailSenderServerTest, StartTlsRequiredButServerIsPlainOnly)
{
    if (const QString reason = tlsSkipReason(); !reason.isEmpty())
        GTEST_SKIP() << str(reason);
    const auto server = startServer();
    ASSERT_TRUE(server);
    SmtpSettings settings = settingsFor(server->port(), SmtpSecurity::StartTls);
    settings.user = kUser;
    const auto result = EmailSender::send(settings, kPassword, sampleMessage());
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::Io);
    EXPECT_TRUE(result.error().message.startsWith(
        QStringLiteral("the SMTP server 127.0.0.1:%1 does not offer STARTTLS").arg(server->port())))
        << str(result.error().message);
    EXPECT_FALSE(result.error().message.contains(QString::fromUtf8(kPassword)));
    EXPECT_TRUE(server->messages().empty());
}

TEST_F(EmailSenderServerTest, UntrustedCertificateIsRefused)
{
    if (const QString reason = tlsSkipReason(); !reason.isEmpty())
        GTEST_SKIP() << str(reason);
    for (const auto &[mode, security] : {std::pair{SmtpTestServer::Mode::StartTls, SmtpSecurity::StartTls},
                                         std::pair{SmtpTestServer::Mode::Tls, SmtpSecurity::Tls}}) {
        const auto server = startServer(mode, kUser, kPassword);
        ASSERT_TRUE(server);
        SmtpSettings settings = settingsFor(server->port(), security);
        settings.caFile.clear(); // the system's CAs do not know our self-signed certificate
        settings.user = kUser;
        const auto result = EmailSender::send(settings, kPassword, sampleMessage());
        ASSERT_FALSE(result) << str(toString(security));
        EXPECT_EQ(result.error().code, ErrorCode::Io);
        EXPECT_TRUE(result.error().message.startsWith(QStringLiteral("TLS with 127.0.0.1 failed: ")))
            << str(result.error().message);
        EXPECT_FALSE(result.error().message.contains(QString::fromUtf8(kPassword)));
        EXPECT_TRUE(server->messages().empty()) << str(toString(security));
    }
}

TEST_F(EmailSenderServerTest, RefusedRecipientFailsTheWholeMessage)
{
    const auto server = startServer();
    ASSERT_TRUE(server);
    SmtpSettings settings = settingsFor(server->port(), SmtpSecurity::None);
    settings.to = {QStringLiteral("ops@example.com"), QStringLiteral("reject-me@example.com")};
    const auto result = EmailSender::send(settings, {}, sampleMessage());
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::Io);
    EXPECT_TRUE(result.error().message.startsWith(QStringLiteral("the SMTP server refused a recipient")))
        << str(result.error().message);
    EXPECT_TRUE(server->messages().empty());
}

TEST_F(EmailSenderServerTest, SeveralThreadsSendAtOnce)
{
    if (const QString reason = tlsSkipReason(); !reason.isEmpty())
        GTEST_SKIP() << str(reason);
    const auto server = startServer(SmtpTestServer::Mode::StartTls, kUser, kPassword);
    ASSERT_TRUE(server);
    SmtpSettings settings = settingsFor(server->port(), SmtpSecurity::StartTls);
    settings.user = kUser;
    constexpr int kThreads = 4;
    constexpr int kPerThread = 3;
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kPerThread; ++i) {
                const auto result = EmailSender::send(
                    settings, kPassword, sampleMessage(QStringLiteral("alert %1-%2").arg(t).arg(i)));
                if (!result)
                    ++failures;
            }
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    EXPECT_EQ(failures.load(), 0);
    const auto received = server->messages();
    ASSERT_EQ(received.size(), size_t(kThreads * kPerThread));
    QStringList subjects;
    for (const SmtpMessage &mail : received)
        subjects << mail.decoded().value(QStringLiteral("subject")).toString();
    subjects.sort();
    subjects.removeDuplicates();
    EXPECT_EQ(subjects.size(), kThreads * kPerThread);
}

TEST(EmailDelivery, CancelStopsAWaitingTransfer)
{
    QTcpServer silent;
    ASSERT_TRUE(silent.listen(QHostAddress::LocalHost, 0));
    SmtpSettings settings = loopbackSettings(silent.serverPort());
    settings.timeoutS = 30;
    std::atomic_bool cancel{false};
    std::thread canceller([&cancel] {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        cancel.store(true);
    });
    QElapsedTimer timer;
    timer.start();
    const auto result = EmailSender::send(settings, {}, sampleMessage(), &cancel);
    const qint64 elapsed = timer.elapsed();
    canceller.join();
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::Io);
    EXPECT_TRUE(result.error().message.contains(QLatin1String("cancelled"))) << str(result.error().message);
    EXPECT_GE(elapsed, 250);
    EXPECT_LT(elapsed, 3'000);

    // Already cancelled: nothing is attempted.
    const auto early = EmailSender::send(settings, {}, sampleMessage(), &cancel);
    ASSERT_FALSE(early);
    EXPECT_TRUE(early.error().message.contains(QLatin1String("cancelled")));
}
