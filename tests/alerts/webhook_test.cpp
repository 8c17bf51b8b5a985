// Webhook delivery end to end: WebhookSender -> HttpClient -> a real HTTP server on 127.0.0.1
// playing each service. Payload shapes and signatures are checked on the bytes the server got,
// signatures against an independent implementation (QMessageAuthenticationCode), and every
// error text against the token it must never quote.
#include "core/alerts/webhookformatter.h"
#include "core/alerts/webhooksender.h"
#include "core/alerts/webhooktargethint.h"
#include "core/poll/httpclient.h"
#include "tests/alerts/presettext.h"
#include "tests/support/closedport.h"
#include "tests/support/testhttpserver.h"
#include "tests/support/waitfor.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimeZone>
#include <QTimer>
#include <gtest/gtest.h>
#include <map>
#include <memory>
#include <vector>

namespace qw {
namespace {

using test::RecordedRequest;
using test::TestHttpServer;
using test::TestResponse;

constexpr int SafetyMs = test::kSafetyMs;

using test::waitFor;

const QDateTime &now()
{
    static const QDateTime value(QDate(2024, 5, 15), QTime(12, 30, 45, 123), QTimeZone::utc());
    return value;
}

AlertNotice lowBalanceNotice()
{
    AlertNotice notice;
    notice.alert.id = 7;
    notice.alert.keyId = 42;
    notice.alert.kind = AlertKind::LowBalance;
    notice.alert.createdAt = QDateTime(QDate(2024, 5, 15), QTime(12, 0), QTimeZone::utc());
    notice.alert.remaining = Amount::fromDouble(4.5);
    notice.alert.unit = QStringLiteral("USD");
    notice.alert.threshold = Amount::fromDouble(10);
    notice.alert.daysLeft = 2.5;
    notice.alert.title = QStringLiteral("Low balance: prod-openai");
    notice.alert.message = QStringLiteral("prod-openai has 4.50 USD left, under your threshold of 10 USD.");
    notice.keyName = QStringLiteral("prod-openai");
    notice.platform = QStringLiteral("openai");
    return notice;
}

// A failing key: no amounts, no unit, no forecast.
AlertNotice sparseNotice()
{
    AlertNotice notice;
    notice.alert.keyId = 9;
    notice.alert.kind = AlertKind::KeyFailing;
    notice.alert.createdAt = QDateTime(QDate(2024, 5, 15), QTime(8, 15), QTimeZone::utc());
    notice.alert.title = QStringLiteral("Key failing: backup");
    notice.alert.message = QStringLiteral("backup was refused twice in a row (401).");
    notice.keyName = QStringLiteral("backup");
    notice.platform = QStringLiteral("deepseek");
    return notice;
}

AlertNotice noticeWithMessage(const QString &message)
{
    AlertNotice notice = lowBalanceNotice();
    notice.alert.message = message;
    return notice;
}

std::string str(const QString &text)
{
    return text.toStdString();
}

std::string describe(const Result<void> &result)
{
    return result ? std::string("ok") : "error: " + result.error().message.toStdString();
}

QJsonObject jsonOf(const QByteArray &body)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    EXPECT_EQ(error.error, QJsonParseError::NoError) << body.toStdString();
    EXPECT_TRUE(document.isObject()) << body.toStdString();
    return document.object();
}

QSet<QString> keysOf(const QJsonObject &object)
{
    const QStringList keys = object.keys();
    return QSet<QString>(keys.cbegin(), keys.cend());
}

// The raw (still percent-encoded) query parameters, as a server splits them.
std::map<QByteArray, QByteArray> rawQuery(const QByteArray &query)
{
    std::map<QByteArray, QByteArray> items;
    for (const QByteArray &pair : query.split('&')) {
        const qsizetype equals = pair.indexOf('=');
        items[pair.left(equals)] = equals < 0 ? QByteArray() : pair.mid(equals + 1);
    }
    return items;
}

// How DingTalk's (Java) server reads a query value: '+' is a space, then %XX.
QByteArray formDecoded(QByteArray value)
{
    value.replace('+', ' ');
    return QByteArray::fromPercentEncoding(value);
}

QByteArray dingTalkSign(const QDateTime &time, const QByteArray &secret)
{
    const QByteArray toSign = QByteArray::number(time.toMSecsSinceEpoch()) + '\n' + secret;
    return QMessageAuthenticationCode::hash(toSign, secret, QCryptographicHash::Sha256).toBase64();
}

QByteArray feishuSign(const QDateTime &time, const QByteArray &secret)
{
    const QByteArray key = QByteArray::number(time.toSecsSinceEpoch()) + '\n' + secret;
    return QMessageAuthenticationCode::hash(QByteArray(), key, QCryptographicHash::Sha256).toBase64();
}

bool hasLoneSurrogate(const QString &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i).isHighSurrogate()) {
            if (i + 1 >= text.size() || !text.at(i + 1).isLowSurrogate())
                return true;
            ++i;
        } else if (text.at(i).isLowSurrogate()) {
            return true;
        }
    }
    return false;
}

TestResponse plainText(QByteArray body, int status)
{
    TestResponse response;
    response.status = status;
    response.body = std::move(body);
    response.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("text/plain")});
    return response;
}

TestResponse noContent()
{
    TestResponse response;
    response.status = 204;
    return response;
}

WebhookTarget targetOf(ChannelKind kind, QString url, QJsonObject options = {}, QString secret = {})
{
    WebhookTarget target;
    target.kind = kind;
    target.url = std::move(url);
    target.options = std::move(options);
    target.signingSecret = std::move(secret);
    return target;
}

// The text a preset sends, from a formatted request's JSON body.
QString formattedText(const WebhookTarget &target, const AlertNotice &notice)
{
    const Result<WebhookRequest> request = WebhookFormatter::format(target, notice, now());
    EXPECT_TRUE(request.has_value()) << (request ? std::string() : str(request.error().message));
    if (!request)
        return {};
    return test::presetText(target.kind, jsonOf(request->spec.body));
}

class WebhookTest : public ::testing::Test
{
protected:
    // Sends through the real stack and waits; checks `done` ran once, and not inside send().
    Result<void> deliver(const WebhookTarget &target, const AlertNotice &notice = lowBalanceNotice(),
                         const QDateTime &time = now())
    {
        auto calls = std::make_shared<std::vector<Result<void>>>();
        m_sender.send(target, notice, time,
                      [calls](Result<void> result) { calls->push_back(std::move(result)); });
        EXPECT_TRUE(calls->empty()) << "done ran inside send()";
        if (!waitFor([&] { return !calls->empty(); })) {
            ADD_FAILURE() << "no callback within " << SafetyMs << " ms";
            return fail(ErrorCode::Io, QStringLiteral("test safety timeout"));
        }
        waitFor([] { return false; }, 20); // a second call would arrive now
        EXPECT_EQ(calls->size(), 1u);
        return calls->front();
    }

    // The one request the server got.
    RecordedRequest onlyRequest() const
    {
        const std::vector<RecordedRequest> requests = m_server.requests();
        EXPECT_EQ(requests.size(), 1u);
        return requests.empty() ? RecordedRequest{} : requests.back();
    }

    QString url(const QString &pathAndQuery) const { return m_server.baseUrl() + pathAndQuery; }

    static void expectJsonPost(const RecordedRequest &request)
    {
        EXPECT_EQ(request.method, "POST");
        EXPECT_TRUE(request.header("Content-Type").startsWith("application/json"))
            << request.header("Content-Type").toStdString();
    }

    TestHttpServer m_server;
    HttpClient m_http;
    WebhookSender m_sender{m_http};
};

// --- payload shapes ------------------------------------------------------------------------

TEST_F(WebhookTest, GenericWebhookPostsTheDocumentedPayload)
{
    m_server.route("POST", "/hooks/quota", noContent());
    const AlertNotice notice = lowBalanceNotice();
    const QJsonObject options{{QStringLiteral("header.X-Team"), QStringLiteral("billing")}};
    const Result<void> result =
        deliver(targetOf(ChannelKind::Webhook, url(QStringLiteral("/hooks/quota")), options));
    ASSERT_TRUE(result) << describe(result);

    const RecordedRequest request = onlyRequest();
    expectJsonPost(request);
    EXPECT_EQ(request.path, "/hooks/quota");
    EXPECT_EQ(request.header("X-Team"), "billing");
    const QJsonObject body = jsonOf(request.body);
    EXPECT_EQ(body, notice.toJson());
    EXPECT_EQ(
        keysOf(body),
        (QSet<QString>{QStringLiteral("event"), QStringLiteral("key"), QStringLiteral("remaining"),
                       QStringLiteral("unit"), QStringLiteral("threshold"), QStringLiteral("threshold_unit"),
                       QStringLiteral("days_left"), QStringLiteral("message"), QStringLiteral("time")}));
    EXPECT_EQ(body.value(QLatin1String("event")).toString(), QStringLiteral("low_balance"));
    const QJsonObject key = body.value(QLatin1String("key")).toObject();
    ASSERT_TRUE(key.value(QLatin1String("id")).isDouble());
    EXPECT_EQ(key.value(QLatin1String("id")).toInteger(), 42);
    EXPECT_EQ(key.value(QLatin1String("name")).toString(), QStringLiteral("prod-openai"));
    EXPECT_EQ(key.value(QLatin1String("platform")).toString(), QStringLiteral("openai"));
    ASSERT_TRUE(body.value(QLatin1String("remaining")).isDouble());
    EXPECT_DOUBLE_EQ(body.value(QLatin1String("remaining")).toDouble(), 4.5);
    EXPECT_EQ(body.value(QLatin1String("unit")).toString(), QStringLiteral("USD"));
    ASSERT_TRUE(body.value(QLatin1String("threshold")).isDouble());
    EXPECT_DOUBLE_EQ(body.value(QLatin1String("threshold")).toDouble(), 10);
    EXPECT_EQ(body.value(QLatin1String("threshold_unit")).toString(), QStringLiteral("USD"));
    ASSERT_TRUE(body.value(QLatin1String("days_left")).isDouble());
    EXPECT_DOUBLE_EQ(body.value(QLatin1String("days_left")).toDouble(), 2.5);
    EXPECT_EQ(body.value(QLatin1String("message")).toString(), notice.alert.message);
    EXPECT_EQ(body.value(QLatin1String("time")).toString(), QStringLiteral("2024-05-15T12:00:00.000Z"));
}

TEST_F(WebhookTest, GenericPayloadHasNullForAbsentValuesAndKeepsATrailingSlash)
{
    m_server.route("POST", "/hook/", TestResponse::json("{}"));
    const Result<void> result =
        deliver(targetOf(ChannelKind::Webhook, url(QStringLiteral("/hook/"))), sparseNotice());
    ASSERT_TRUE(result) << describe(result);

    const RecordedRequest request = onlyRequest();
    EXPECT_EQ(request.path, "/hook/");
    const QJsonObject body = jsonOf(request.body);
    EXPECT_EQ(body, sparseNotice().toJson());
    EXPECT_EQ(body.value(QLatin1String("event")).toString(), QStringLiteral("key_failing"));
    for (const char *field : {"remaining", "unit", "threshold", "threshold_unit", "days_left"}) {
        EXPECT_TRUE(body.contains(QLatin1String(field))) << field;
        EXPECT_TRUE(body.value(QLatin1String(field)).isNull()) << field;
    }
    EXPECT_TRUE(body.value(QLatin1String("key")).toObject().value(QLatin1String("id")).isDouble());
    EXPECT_TRUE(body.value(QLatin1String("message")).isString());
    EXPECT_TRUE(body.value(QLatin1String("time")).isString());
}

TEST_F(WebhookTest, SlackSendsTheTextEscapedForMrkdwn)
{
    m_server.route("POST", "/services/T000/B000/XXXXXXXX", plainText("ok", 200));
    const Result<void> result =
        deliver(targetOf(ChannelKind::Slack, url(QStringLiteral("/services/T000/B000/XXXXXXXX"))));
    ASSERT_TRUE(result) << describe(result);
    const RecordedRequest request = onlyRequest();
    expectJsonPost(request);
    const QJsonObject body = jsonOf(request.body);
    EXPECT_EQ(keysOf(body), QSet<QString>{QStringLiteral("text")});
    EXPECT_EQ(body.value(QLatin1String("text")).toString(), lowBalanceNotice().plainText());

    // "<!channel>" in a key name must not ping the channel.
    const QString text =
        formattedText(targetOf(ChannelKind::Slack, QStringLiteral("https://hooks.slack.com/x")),
                      noticeWithMessage(QStringLiteral("key <!channel> & co > 0")));
    EXPECT_TRUE(text.endsWith(QStringLiteral("key &lt;!channel&gt; &amp; co &gt; 0"))) << str(text);
}

TEST_F(WebhookTest, DiscordSendsContentAsQuotaWatchWithoutMentions)
{
    m_server.route("POST", "/api/webhooks/123456/tokenABC", noContent());
    const Result<void> result =
        deliver(targetOf(ChannelKind::Discord, url(QStringLiteral("/api/webhooks/123456/tokenABC"))));
    ASSERT_TRUE(result) << describe(result);
    const RecordedRequest request = onlyRequest();
    expectJsonPost(request);
    const QJsonObject body = jsonOf(request.body);
    EXPECT_EQ(body.value(QLatin1String("content")).toString(), lowBalanceNotice().plainText());
    EXPECT_EQ(body.value(QLatin1String("username")).toString(), QStringLiteral("QuotaWatch"));
    const QJsonValue parse =
        body.value(QLatin1String("allowed_mentions")).toObject().value(QLatin1String("parse"));
    ASSERT_TRUE(parse.isArray());
    EXPECT_TRUE(parse.toArray().isEmpty());
}

TEST_F(WebhookTest, TelegramPostsToSendMessageWithTheChatId)
{
    m_server.route("POST", "/bot123456:ABCdef/sendMessage",
                   TestResponse::json(R"({"ok":true,"result":{"message_id":17}})"));
    const QJsonObject options{{QStringLiteral("chat_id"), QStringLiteral("-1001234567890")}};
    Result<void> result =
        deliver(targetOf(ChannelKind::Telegram, url(QStringLiteral("/bot123456:ABCdef")), options));
    ASSERT_TRUE(result) << describe(result);
    RecordedRequest request = onlyRequest();
    expectJsonPost(request);
    EXPECT_EQ(request.path, "/bot123456:ABCdef/sendMessage");
    QJsonObject body = jsonOf(request.body);
    EXPECT_EQ(keysOf(body), (QSet<QString>{QStringLiteral("chat_id"), QStringLiteral("text")}));
    EXPECT_EQ(body.value(QLatin1String("chat_id")).toString(), QStringLiteral("-1001234567890"));
    EXPECT_EQ(body.value(QLatin1String("text")).toString(), lowBalanceNotice().plainText());

    // A URL that already names the method, with a slash, and a chat_id typed as a number.
    m_server.clearRequests();
    const QJsonObject numeric{{QStringLiteral("chat_id"), 42}};
    result = deliver(
        targetOf(ChannelKind::Telegram, url(QStringLiteral("/bot123456:ABCdef/sendMessage/")), numeric));
    ASSERT_TRUE(result) << describe(result);
    request = onlyRequest();
    EXPECT_EQ(request.path, "/bot123456:ABCdef/sendMessage");
    body = jsonOf(request.body);
    EXPECT_EQ(body.value(QLatin1String("chat_id")).toString(), QStringLiteral("42"));
}

TEST(WebhookFormatter, TelegramParseModeBoldsTheTitleAndEscapesTheText)
{
    AlertNotice notice = lowBalanceNotice();
    notice.alert.title = QStringLiteral("Low <balance> & prod_key");
    notice.alert.message = QStringLiteral("4.5 USD left (threshold 10)!");
    const QString bot = QStringLiteral("https://api.telegram.org/bot1:x");

    const Result<WebhookRequest> html =
        WebhookFormatter::format(targetOf(ChannelKind::Telegram, bot,
                                          {{QStringLiteral("chat_id"), QStringLiteral("7")},
                                           {QStringLiteral("parse_mode"), QStringLiteral("HTML")}}),
                                 notice, now());
    ASSERT_TRUE(html);
    QJsonObject body = jsonOf(html->spec.body);
    EXPECT_EQ(body.value(QLatin1String("parse_mode")).toString(), QStringLiteral("HTML"));
    EXPECT_EQ(body.value(QLatin1String("text")).toString(),
              QStringLiteral("<b>Low &lt;balance&gt; &amp; prod_key</b>\n\n4.5 USD left (threshold 10)!"));

    const Result<WebhookRequest> markdown =
        WebhookFormatter::format(targetOf(ChannelKind::Telegram, bot,
                                          {{QStringLiteral("chat_id"), QStringLiteral("7")},
                                           {QStringLiteral("parse_mode"), QStringLiteral("MarkdownV2")}}),
                                 notice, now());
    ASSERT_TRUE(markdown);
    body = jsonOf(markdown->spec.body);
    EXPECT_EQ(body.value(QLatin1String("text")).toString(),
              QStringLiteral("*Low <balance\\> & prod\\_key*\n\n4\\.5 USD left \\(threshold 10\\)\\!"));
}

TEST_F(WebhookTest, FeishuSendsTextAndSignsWithTheSecret)
{
    const QString path = QStringLiteral("/open-apis/bot/v2/hook/0b7c1e2a-3f4d-4e5f-8a9b-0c1d2e3f4a5b");
    m_server.route("POST", path.toUtf8(), TestResponse::json(R"({"code":0,"data":{},"msg":"success"})"));

    Result<void> result = deliver(targetOf(ChannelKind::Feishu, url(path)));
    ASSERT_TRUE(result) << describe(result);
    QJsonObject body = jsonOf(onlyRequest().body);
    EXPECT_EQ(keysOf(body), (QSet<QString>{QStringLiteral("msg_type"), QStringLiteral("content")}));
    EXPECT_EQ(body.value(QLatin1String("msg_type")).toString(), QStringLiteral("text"));
    EXPECT_EQ(body.value(QLatin1String("content")).toObject(),
              (QJsonObject{{QStringLiteral("text"), lowBalanceNotice().plainText()}}));

    m_server.clearRequests();
    const QByteArray secret = "feishuSigningSecret123";
    result = deliver(targetOf(ChannelKind::Feishu, url(path), {}, QString::fromLatin1(secret)));
    ASSERT_TRUE(result) << describe(result);
    const RecordedRequest request = onlyRequest();
    expectJsonPost(request);
    body = jsonOf(request.body);
    ASSERT_TRUE(body.value(QLatin1String("timestamp")).isString()); // seconds, as a string
    EXPECT_EQ(body.value(QLatin1String("timestamp")).toString(), QString::number(now().toSecsSinceEpoch()));
    EXPECT_EQ(body.value(QLatin1String("sign")).toString().toLatin1(), feishuSign(now(), secret));
    EXPECT_EQ(body.value(QLatin1String("msg_type")).toString(), QStringLiteral("text"));
    EXPECT_FALSE(request.body.contains(secret));
}

TEST_F(WebhookTest, DingTalkSendsTextAndSignsTheQuery)
{
    m_server.route("POST", "/robot/send", TestResponse::json(R"({"errcode":0,"errmsg":"ok"})"));
    const QString robot = url(QStringLiteral("/robot/send?access_token=0a1b2c3d4e5f6a7b8c9d"));

    Result<void> result = deliver(targetOf(ChannelKind::DingTalk, robot));
    ASSERT_TRUE(result) << describe(result);
    RecordedRequest request = onlyRequest();
    expectJsonPost(request);
    EXPECT_EQ(request.query, "access_token=0a1b2c3d4e5f6a7b8c9d");
    QJsonObject body = jsonOf(request.body);
    EXPECT_EQ(body, (QJsonObject{{QStringLiteral("msgtype"), QStringLiteral("text")},
                                 {QStringLiteral("text"), QJsonObject{{QStringLiteral("content"),
                                                                       lowBalanceNotice().plainText()}}}}));

    // A moment whose signature holds a '+', which must travel as %2B (a bare '+' reads as a space).
    const QByteArray secret = "SECd2e7f0c4a1b95e3c8f6a0d1b2c3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0";
    QDateTime signedAt = now();
    while (!dingTalkSign(signedAt, secret).contains('+'))
        signedAt = signedAt.addMSecs(1);
    m_server.clearRequests();
    result = deliver(targetOf(ChannelKind::DingTalk, robot, {}, QString::fromLatin1(secret)),
                     lowBalanceNotice(), signedAt);
    ASSERT_TRUE(result) << describe(result);
    request = onlyRequest();
    const std::map<QByteArray, QByteArray> query = rawQuery(request.query);
    EXPECT_TRUE(request.query.startsWith("access_token=0a1b2c3d4e5f6a7b8c9d&"))
        << request.query.toStdString();
    ASSERT_EQ(query.count("timestamp"), 1u);
    ASSERT_EQ(query.count("sign"), 1u);
    EXPECT_EQ(query.at("access_token"), "0a1b2c3d4e5f6a7b8c9d");
    EXPECT_EQ(query.at("timestamp"), QByteArray::number(signedAt.toMSecsSinceEpoch()));
    const QByteArray sign = query.at("sign");
    EXPECT_FALSE(sign.contains('+') || sign.contains('/') || sign.contains('=')) << sign.toStdString();
    EXPECT_EQ(formDecoded(sign), dingTalkSign(signedAt, secret));
    EXPECT_EQ(jsonOf(request.body), body);
    EXPECT_FALSE(request.body.contains(secret) || request.query.contains(secret));
}

TEST_F(WebhookTest, WeComSendsText)
{
    m_server.route("POST", "/cgi-bin/webhook/send", TestResponse::json(R"({"errcode":0,"errmsg":"ok"})"));
    const Result<void> result = deliver(
        targetOf(ChannelKind::WeCom,
                 url(QStringLiteral("/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"))));
    ASSERT_TRUE(result) << describe(result);
    const RecordedRequest request = onlyRequest();
    expectJsonPost(request);
    EXPECT_EQ(request.query, "key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa");
    EXPECT_EQ(jsonOf(request.body),
              (QJsonObject{{QStringLiteral("msgtype"), QStringLiteral("text")},
                           {QStringLiteral("text"),
                            QJsonObject{{QStringLiteral("content"), lowBalanceNotice().plainText()}}}}));
}

// --- long texts ------------------------------------------------------------------------------

TEST(WebhookFormatter, DiscordAndTelegramCutLongTextsWithoutSplittingASurrogatePair)
{
    const QString emoji = QString::fromUtf8("\xF0\x9F\x98\x80"); // two UTF-16 units
    const QJsonObject chat{{QStringLiteral("chat_id"), QStringLiteral("7")}};
    struct Case
    {
        WebhookTarget target;
        qsizetype limit;
    };
    const std::vector<Case> cases{
        {targetOf(ChannelKind::Discord, QStringLiteral("https://discord.com/api/webhooks/1/t")), 2000},
        {targetOf(ChannelKind::Telegram, QStringLiteral("https://api.telegram.org/bot1:x"), chat), 4096},
    };
    for (const Case &c : cases) {
        // Both parities, so one of them puts a pair right across the cut.
        for (const QString &lead : {QStringLiteral("x"), QStringLiteral("xy")}) {
            const AlertNotice notice = noticeWithMessage(lead + emoji.repeated(3000));
            const QString plain = notice.plainText();
            const QString text = formattedText(c.target, notice);
            SCOPED_TRACE(str(WebhookFormatter::serviceName(c.target.kind) + QLatin1Char(' ') + lead));
            EXPECT_LE(text.size(), c.limit);
            EXPECT_GE(text.size(), c.limit - 2);
            EXPECT_FALSE(hasLoneSurrogate(text));
            EXPECT_TRUE(text.endsWith(QChar(0x2026)));
            EXPECT_TRUE(plain.startsWith(text.chopped(1)));
        }
        // At the limit exactly: sent whole.
        const QString prefix = lowBalanceNotice().alert.title + QStringLiteral("\n\n");
        const AlertNotice exact = noticeWithMessage(QString(c.limit - prefix.size(), QLatin1Char('a')));
        ASSERT_EQ(exact.plainText().size(), c.limit);
        EXPECT_EQ(formattedText(c.target, exact), exact.plainText());
    }
}

TEST(WebhookFormatter, WeComCutsTo2048BytesOfUtf8)
{
    const WebhookTarget target =
        targetOf(ChannelKind::WeCom, QStringLiteral("https://qyapi.weixin.qq.com/x?key=k"));
    const AlertNotice notice = noticeWithMessage(QString(1000, QChar(0x4F59))); // three bytes each
    const QString text = formattedText(target, notice);
    EXPECT_LE(text.toUtf8().size(), WebhookFormatter::WeComMaxBytes);
    EXPECT_GE(text.toUtf8().size(), WebhookFormatter::WeComMaxBytes - 3);
    EXPECT_TRUE(text.endsWith(QChar(0x2026)));
    EXPECT_TRUE(notice.plainText().startsWith(text.chopped(1)));

    const AlertNotice shortNotice = lowBalanceNotice();
    EXPECT_EQ(formattedText(target, shortNotice), shortNotice.plainText());
}

// --- replies ---------------------------------------------------------------------------------

TEST(WebhookFormatter, CheckReplyReadsEachServicesOwnStatus)
{
    struct Case
    {
        ChannelKind kind;
        int status;
        QByteArray body;
        bool ok;
        const char *mentions; // in the error message
    };
    const std::vector<Case> cases{
        {ChannelKind::DingTalk, 200, R"({"errcode":0,"errmsg":"ok"})", true, ""},
        {ChannelKind::DingTalk, 200, R"({"errcode":310000,"errmsg":"sign not match"})", false,
         "sign not match"},
        {ChannelKind::DingTalk, 200, "", false, "DingTalk"},
        {ChannelKind::WeCom, 200, R"({"errcode":0,"errmsg":"ok"})", true, ""},
        {ChannelKind::WeCom, 200, R"({"errcode":93000,"errmsg":"invalid webhook url"})", false,
         "invalid webhook url"},
        {ChannelKind::Telegram, 200, R"({"ok":true,"result":{}})", true, ""},
        {ChannelKind::Telegram, 200, R"({"ok":false,"description":"chat not found"})", false,
         "chat not found"},
        {ChannelKind::Telegram, 400,
         R"({"ok":false,"error_code":400,"description":"Bad Request: chat not found"})", false,
         "Bad Request: chat not found"},
        {ChannelKind::Telegram, 200, "<html>proxy</html>", false, "Telegram"},
        {ChannelKind::Feishu, 200, R"({"code":0,"data":{},"msg":"success"})", true, ""},
        {ChannelKind::Feishu, 200, R"({"Extra":null,"StatusCode":0,"StatusMessage":"success"})", true, ""},
        {ChannelKind::Feishu, 200,
         R"({"code":19021,"data":{},"msg":"sign match fail or timestamp is not within one hour from current time"})",
         false, "sign match fail"},
        {ChannelKind::Feishu, 400, R"({"code":9499,"data":{},"msg":"Bad Request"})", false, "Bad Request"},
        {ChannelKind::Slack, 200, "ok", true, ""},
        {ChannelKind::Slack, 404, "no_service", false, "no_service"},
        {ChannelKind::Slack, 500, "rollup_error", false, "HTTP 500"},
        {ChannelKind::Discord, 204, "", true, ""},
        {ChannelKind::Discord, 200, R"({"id":"1","content":"x"})", true, ""},
        {ChannelKind::Discord, 404, R"({"message":"Unknown Webhook","code":10015})", false,
         "Unknown Webhook"},
        {ChannelKind::Discord, 500, "", false, "HTTP 500"},
        {ChannelKind::Webhook, 200, "", true, ""},
        {ChannelKind::Webhook, 202, "queued", true, ""},
        {ChannelKind::Webhook, 500, "", false, "HTTP 500"},
        {ChannelKind::Webhook, 401, R"({"error":"bad token"})", false, "bad token"},
    };
    for (const Case &c : cases) {
        HttpReply reply;
        reply.status = c.status;
        reply.body = c.body;
        const Result<void> result = WebhookFormatter::checkReply(c.kind, reply);
        SCOPED_TRACE(str(WebhookFormatter::serviceName(c.kind)) + " " + std::to_string(c.status) + " " +
                     c.body.toStdString());
        EXPECT_EQ(result.has_value(), c.ok) << describe(result);
        if (!result) {
            EXPECT_EQ(result.error().code, ErrorCode::Io);
            EXPECT_TRUE(result.error().message.contains(QLatin1String(c.mentions))) << describe(result);
            if (c.kind != ChannelKind::Webhook) {
                EXPECT_TRUE(result.error().message.contains(WebhookFormatter::serviceName(c.kind)))
                    << describe(result);
            }
        }
    }
}

TEST_F(WebhookTest, RefusalsFromTheServiceComeBackAsErrors)
{
    m_server.route("POST", "/robot/send",
                   TestResponse::json(R"({"errcode":310000,"errmsg":"sign not match"})"));
    m_server.route("POST", "/bot1:TOKEN/sendMessage",
                   TestResponse::json(
                       R"({"ok":false,"error_code":400,"description":"Bad Request: chat not found"})", 400));
    m_server.route("POST", "/services/T1/B1/slacktoken", plainText("no_service", 404));
    m_server.route("POST", "/broken", TestResponse::json(R"({"error":"internal"})", 500));

    Result<void> result =
        deliver(targetOf(ChannelKind::DingTalk, url(QStringLiteral("/robot/send?access_token=abc")), {},
                         QStringLiteral("SECabc")));
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::Io);
    EXPECT_TRUE(result.error().message.contains(QLatin1String("sign not match"))) << describe(result);
    EXPECT_TRUE(result.error().message.contains(QLatin1String("DingTalk"))) << describe(result);

    result = deliver(targetOf(ChannelKind::Telegram, url(QStringLiteral("/bot1:TOKEN")),
                              {{QStringLiteral("chat_id"), QStringLiteral("@nowhere")}}));
    ASSERT_FALSE(result);
    EXPECT_TRUE(result.error().message.contains(QLatin1String("chat not found"))) << describe(result);

    result = deliver(targetOf(ChannelKind::Slack, url(QStringLiteral("/services/T1/B1/slacktoken"))));
    ASSERT_FALSE(result);
    EXPECT_TRUE(result.error().message.contains(QLatin1String("no_service"))) << describe(result);

    result = deliver(targetOf(ChannelKind::Webhook, url(QStringLiteral("/broken"))));
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::Io);
    EXPECT_TRUE(result.error().message.contains(QLatin1String("HTTP 500"))) << describe(result);
}

// --- secrets stay out of errors --------------------------------------------------------------

TEST_F(WebhookTest, AServerThatIsDownIsAnErrorNamingOnlyTheHost)
{
    const QString base = QStringLiteral("http://127.0.0.1:") + QString::number(test::closedLoopbackPort());
    for (const WebhookTarget &target :
         {targetOf(ChannelKind::Slack, base + QStringLiteral("/services/T000/B000/SECRETTOKEN")),
          targetOf(ChannelKind::DingTalk, base + QStringLiteral("/robot/send?access_token=SECRETTOKEN"), {},
                   QStringLiteral("SECRETSIGNING")),
          targetOf(ChannelKind::Telegram, base + QStringLiteral("/bot99:SECRETTOKEN"),
                   {{QStringLiteral("chat_id"), QStringLiteral("1")}})}) {
        const Result<void> result = deliver(target);
        ASSERT_FALSE(result);
        const QString &message = result.error().message;
        SCOPED_TRACE(str(message));
        EXPECT_EQ(result.error().code, ErrorCode::Io);
        EXPECT_TRUE(message.contains(QLatin1String("127.0.0.1")));
        EXPECT_TRUE(message.contains(WebhookFormatter::serviceName(target.kind)));
        EXPECT_FALSE(message.contains(QLatin1String("SECRET")));
        EXPECT_FALSE(message.contains(QLatin1String("/services")));
    }
}

TEST_F(WebhookTest, ATokenInThePathNeverReachesTheError)
{
    const QByteArray base = m_server.baseUrl().toUtf8();
    // Like Express's "Cannot POST /path", plus a server that quotes the whole URL.
    m_server.route("*", "/services/*", [base](const RecordedRequest &request) {
        return plainText("Cannot POST " + request.path + " (" + base + request.path + ")", 404);
    });
    m_server.route("*", "/api/*", [](const RecordedRequest &request) {
        return TestResponse::json(R"({"message":"unknown webhook )" +
                                      request.path.mid(request.path.lastIndexOf('/') + 1) + R"("})",
                                  404);
    });
    m_server.route("POST", "/robot/send", [](const RecordedRequest &) {
        return TestResponse::json(R"({"errcode":310000,"errmsg":"sign not match for SECsigning0123456789"})");
    });

    const QString tokenPath = QStringLiteral("/services/T000/B000/SECRETTOKEN");
    for (const WebhookTarget &target :
         {targetOf(ChannelKind::Webhook, url(tokenPath)), targetOf(ChannelKind::Slack, url(tokenPath)),
          targetOf(ChannelKind::Discord, url(QStringLiteral("/api/webhooks/1234/SECRETTOKEN"))),
          targetOf(ChannelKind::DingTalk, url(QStringLiteral("/robot/send?access_token=SECRETTOKEN")), {},
                   QStringLiteral("SECsigning0123456789"))}) {
        const Result<void> result = deliver(target);
        ASSERT_FALSE(result);
        const QString &message = result.error().message;
        SCOPED_TRACE(str(message));
        EXPECT_EQ(result.error().code, ErrorCode::Io);
        EXPECT_FALSE(message.contains(QLatin1String("SECRETTOKEN")));
        EXPECT_FALSE(message.contains(QLatin1String("T000/B000")));
        EXPECT_FALSE(message.contains(QLatin1String("SECsigning")));
        EXPECT_TRUE(message.contains(WebhookFormatter::serviceName(target.kind)));
    }
}

TEST_F(WebhookTest, ANonHttpAnswerIsAnErrorWithoutTheToken)
{
    // Something that is not an HTTP server (the answer even quotes a token): a transport error
    // from HttpClient, not a reply, and still nothing of the path in it.
    QTcpServer garbage;
    ASSERT_TRUE(garbage.listen(QHostAddress::LocalHost, 0));
    QObject::connect(&garbage, &QTcpServer::newConnection, &garbage, [&garbage] {
        while (QTcpSocket *socket = garbage.nextPendingConnection()) {
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                socket->readAll();
                socket->write("SSH-2.0-OpenSSH_9.2 SECRETTOKEN\r\n\r\n");
                socket->disconnectFromHost();
            });
        }
    });
    const QString base = QStringLiteral("http://127.0.0.1:") + QString::number(garbage.serverPort());
    const Result<void> result =
        deliver(targetOf(ChannelKind::Slack, base + QStringLiteral("/services/T000/B000/SECRETTOKEN")));
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::Io);
    EXPECT_FALSE(result.error().message.contains(QLatin1String("/services"))) << describe(result);
    EXPECT_FALSE(result.error().message.contains(QLatin1String("T000"))) << describe(result);
    EXPECT_FALSE(result.error().message.contains(QLatin1String("SECRETTOKEN"))) << describe(result);
}

// --- validation ------------------------------------------------------------------------------

TEST(WebhookFormatter, ValidateRefusesUnusableTargetsWithoutQuotingTheToken)
{
    const QJsonObject chat{{QStringLiteral("chat_id"), QStringLiteral("7")}};
    struct Case
    {
        WebhookTarget target;
        const char *mentions;
    };
    const std::vector<Case> cases{
        {targetOf(ChannelKind::Telegram, QStringLiteral("https://api.telegram.org/bot123456:SECRETTOKEN")),
         "chat_id"},
        {targetOf(ChannelKind::Telegram, QStringLiteral("https://api.telegram.org/bot123456:SECRETTOKEN"),
                  {{QStringLiteral("chat_id"), QStringLiteral("  ")}}),
         "chat_id"},
        {targetOf(ChannelKind::Telegram, QStringLiteral("https://api.telegram.org/bot123456:SECRETTOKEN"),
                  {{QStringLiteral("chat_id"), QStringLiteral("7")},
                   {QStringLiteral("parse_mode"), QStringLiteral("BBCode")}}),
         "parse_mode"},
        {targetOf(ChannelKind::Telegram, QStringLiteral("https://api.telegram.org/"), chat), "token"},
        {targetOf(ChannelKind::Slack, QStringLiteral("ftp://files.example.com/services/SECRETTOKEN")),
         "files.example.com"},
        {targetOf(ChannelKind::Slack, QString()), "empty"},
        {targetOf(ChannelKind::Webhook, QStringLiteral("   ")), "empty"},
        {targetOf(ChannelKind::Discord, QStringLiteral("discord.com/api/webhooks/1/SECRETTOKEN")),
         "https://"},
        {targetOf(ChannelKind::Webhook, QStringLiteral("https:///SECRETTOKEN")), "https://"},
        {targetOf(ChannelKind::DingTalk,
                  QStringLiteral("https://oapi.dingtalk.com/robot/send?token=SECRETTOKEN")),
         "access_token"},
        {targetOf(ChannelKind::WeCom, QStringLiteral("https://qyapi.weixin.qq.com/cgi-bin/webhook/send")),
         "key"},
        {targetOf(ChannelKind::Email, QStringLiteral("https://example.com/SECRETTOKEN")), "e-mail"},
        {targetOf(ChannelKind::Webhook, QStringLiteral("https://example.com/SECRETTOKEN"),
                  {{QStringLiteral("header.Bad Name"), QStringLiteral("x")}}),
         "Bad Name"},
        {targetOf(ChannelKind::Webhook, QStringLiteral("https://example.com/SECRETTOKEN"),
                  {{QStringLiteral("header.X-Note"), QStringLiteral("a\r\nInjected: 1")}}),
         "X-Note"},
        {targetOf(ChannelKind::Webhook, QStringLiteral("https://example.com/SECRETTOKEN"),
                  {{QStringLiteral("header.Host"), QStringLiteral("evil.example")}}),
         "Host"},
        // Plain http to another machine would send the URL's token (and the headers) in clear.
        {targetOf(ChannelKind::Slack, QStringLiteral("http://hooks.slack.com/services/SECRETTOKEN")),
         "https://"},
        {targetOf(ChannelKind::Discord, QStringLiteral("http://discord.com/api/webhooks/1/SECRETTOKEN")),
         "https://"},
        {targetOf(ChannelKind::Telegram, QStringLiteral("http://api.telegram.org/bot1:SECRETTOKEN"), chat),
         "https://"},
        {targetOf(ChannelKind::Feishu,
                  QStringLiteral("http://open.feishu.cn/open-apis/bot/v2/hook/SECRETTOKEN")),
         "https://"},
        {targetOf(ChannelKind::DingTalk,
                  QStringLiteral("http://oapi.dingtalk.com/robot/send?access_token=SECRETTOKEN")),
         "https://"},
        {targetOf(ChannelKind::WeCom,
                  QStringLiteral("http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=SECRETTOKEN")),
         "https://"},
        {targetOf(ChannelKind::Webhook, QStringLiteral("http://10.0.0.5:8080/SECRETTOKEN"),
                  {{QStringLiteral("header.Authorization"), QStringLiteral("Bearer abc")}}),
         "https://"},
    };
    for (const Case &c : cases) {
        const Result<void> result = WebhookFormatter::validate(c.target);
        SCOPED_TRACE(str(c.target.url) + " -> " + describe(result));
        ASSERT_FALSE(result);
        EXPECT_EQ(result.error().code, ErrorCode::InvalidInput);
        EXPECT_TRUE(result.error().message.contains(QLatin1String(c.mentions)));
        EXPECT_FALSE(result.error().message.contains(QLatin1String("SECRETTOKEN")));
        EXPECT_FALSE(result.error().message.contains(QLatin1String("services/SECRET")));
        const Result<WebhookRequest> request = WebhookFormatter::format(c.target, lowBalanceNotice(), now());
        ASSERT_FALSE(request);
        EXPECT_EQ(request.error().message, result.error().message);
    }

    for (const WebhookTarget &good :
         {targetOf(ChannelKind::Telegram, QStringLiteral("https://api.telegram.org/bot123456:TOKEN"), chat),
          targetOf(ChannelKind::Slack, QStringLiteral(" https://hooks.slack.com/services/T0/B0/X ")),
          targetOf(ChannelKind::DingTalk,
                   QStringLiteral("https://oapi.dingtalk.com/robot/send?access_token=abc")),
          targetOf(ChannelKind::WeCom,
                   QStringLiteral("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k")),
          targetOf(ChannelKind::Webhook, QStringLiteral("https://10.0.0.5:8080/hook"),
                   {{QStringLiteral("header.Authorization"), QStringLiteral("Bearer abc")}}),
          // Plain http only to this machine.
          targetOf(ChannelKind::Webhook, QStringLiteral("http://127.0.0.1:8080/hook")),
          targetOf(ChannelKind::Slack, QStringLiteral("http://localhost:8080/services/T0/B0/X")),
          targetOf(ChannelKind::Discord, QStringLiteral("http://[::1]/api/webhooks/1/t"))}) {
        EXPECT_TRUE(WebhookFormatter::validate(good)) << str(good.url);
    }
}

TEST_F(WebhookTest, AnInvalidTargetFailsLaterWithoutSendingAnything)
{
    const Result<void> result =
        deliver(targetOf(ChannelKind::Telegram, url(QStringLiteral("/bot1:SECRETTOKEN"))));
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::InvalidInput);
    EXPECT_TRUE(result.error().message.contains(QLatin1String("chat_id"))) << describe(result);
    EXPECT_EQ(m_server.requestCount(), 0);
}

TEST(WebhookFormatter, SummaryIsTheHostOnly)
{
    EXPECT_EQ(WebhookFormatter::summary(QStringLiteral("https://hooks.slack.com/services/T0/B0/SECRET")),
              QStringLiteral("hooks.slack.com"));
    EXPECT_EQ(
        WebhookFormatter::summary(QStringLiteral(" https://oapi.dingtalk.com/robot/send?access_token=x ")),
        QStringLiteral("oapi.dingtalk.com"));
    EXPECT_EQ(WebhookFormatter::summary(QStringLiteral("https://user:pw@Example.COM:8443/x")),
              QStringLiteral("example.com"));
    EXPECT_EQ(WebhookFormatter::summary(QStringLiteral("not a url")), QString());
    EXPECT_EQ(WebhookFormatter::summary(QString()), QString());
}

TEST(WebhookTargetHint, ShowsTheHostAndAFewCharactersOfTheToken)
{
    const QString ellipsis(QChar(0x2026));
    // The token is the longest part, wherever the service puts it; four characters at most.
    EXPECT_EQ(WebhookTargetHint::of(
                  QStringLiteral("https://hooks.slack.com/services/T0AAAA/B0BBBB/abcdefghijklmnopqrstWXYZ")),
              QStringLiteral("hooks.slack.com/") + ellipsis + QStringLiteral("WXYZ"));
    EXPECT_EQ(WebhookTargetHint::of(QStringLiteral(
                  "https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef0123456789abcdef")),
              QStringLiteral("oapi.dingtalk.com/") + ellipsis + QStringLiteral("cdef"));
    EXPECT_EQ(WebhookTargetHint::of(
                  QStringLiteral("https://api.telegram.org/bot123456:ABCdefGHIjklMNO/sendMessage")),
              QStringLiteral("api.telegram.org/") + ellipsis + QStringLiteral("lMNO"));
    // A short part shows a third of itself at most; no path shows the host alone.
    EXPECT_EQ(WebhookTargetHint::of(QStringLiteral("https://example.com/hook")),
              QStringLiteral("example.com/") + ellipsis + QStringLiteral("k"));
    EXPECT_EQ(WebhookTargetHint::of(QStringLiteral("https://Example.com/")), QStringLiteral("example.com"));
    EXPECT_EQ(WebhookTargetHint::of(QStringLiteral("not a url")), QString());
    // Two webhooks on one service differ, and neither shows its token.
    const QString first =
        WebhookTargetHint::of(QStringLiteral("https://hooks.slack.com/services/T/B/tokenNumberOne1111"));
    const QString second =
        WebhookTargetHint::of(QStringLiteral("https://hooks.slack.com/services/T/B/tokenNumberTwo2222"));
    EXPECT_NE(first, second);
    EXPECT_FALSE(first.contains(QStringLiteral("tokenNumber")));
}

} // namespace
} // namespace qw
