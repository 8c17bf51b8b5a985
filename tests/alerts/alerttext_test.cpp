// The words of real alerts as every channel delivers them: alerts raised by AlertRules for a key
// on OpenRouter, sent through WebhookSender to a real HTTP server on 127.0.0.1 playing each
// service, read back from the bytes it got. Each says it comes from QuotaWatch, names the
// platform as people know it and says when the check ran; Telegram's legacy Markdown parses,
// Feishu mentions are defused, and the Chinese texts use full-width punctuation.
#include "adapters/adapter.h"
#include "adapters/platformregistry.h"
#include "core/alerts/alertmessages.h"
#include "core/alerts/alertrules.h"
#include "core/alerts/webhookformatter.h"
#include "core/alerts/webhooksender.h"
#include "core/poll/httpclient.h"
#include "tests/alerts/presettext.h"
#include "tests/support/testhttpserver.h"
#include "tests/support/waitfor.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTimeZone>
#include <QTranslator>
#include <gtest/gtest.h>
#include <memory>
#include <optional>
#include <vector>

namespace qw {
namespace {

using test::RecordedRequest;
using test::TestHttpServer;
using test::TestResponse;

// When the check ran, and how every message must say it.
const QDateTime kCheckedAt(QDate(2026, 12, 7), QTime(5, 30, 12), QTimeZone::utc());
const QString kCheckedText = QStringLiteral("2026-12-07 05:30 UTC");

std::string str(const QString &text)
{
    return text.toStdString();
}

const PlatformRegistry &platforms()
{
    static const PlatformRegistry registry = PlatformRegistry::builtin();
    return registry;
}

ApiKey openRouterKey(const QString &name)
{
    ApiKey key;
    key.id = 5;
    key.name = name;
    key.platform = QStringLiteral("openrouter");
    key.threshold = Amount::fromDouble(10);
    return key;
}

// The one alert AlertRules raises for `snapshot`, as the notice a channel gets, with the
// platform named as the registry names it (what AlertEngine does in a session).
AlertNotice raised(const ApiKey &key, Snapshot snapshot)
{
    snapshot.keyId = key.id;
    snapshot.checkedAt = kCheckedAt;
    std::vector<BalancePoint> history;
    if (snapshot.remaining)
        history.push_back({kCheckedAt.toMSecsSinceEpoch(), snapshot.remaining->micros()});
    KeyAlertState state;
    const Adapter *adapter = platforms().find(key.platform);
    EXPECT_NE(adapter, nullptr);
    const std::vector<Alert> alerts = AlertRules::evaluate(key, snapshot, history, AlertSettings(), state,
                                                           adapter ? adapter->name() : QString());
    EXPECT_EQ(alerts.size(), 1u);
    return alerts.empty() ? AlertNotice() : AlertNotice{alerts.front(), key.name, key.platform};
}

AlertNotice lowBalance(const QString &keyName)
{
    Snapshot snapshot;
    snapshot.status = CheckStatus::Ok;
    snapshot.remaining = Amount::fromDouble(3.25);
    snapshot.unit = QStringLiteral("USD");
    return raised(openRouterKey(keyName), snapshot);
}

// A key no check can read: the alert quotes the provider's own words.
AlertNotice unreadable(const QString &keyName, const QString &providerSaid)
{
    Snapshot snapshot;
    snapshot.status = CheckStatus::Unsupported;
    snapshot.error = providerSaid;
    return raised(openRouterKey(keyName), snapshot);
}

// --- Telegram's legacy Markdown, read as Telegram reads it ---------------------------------

struct Entity
{
    QChar kind; // '*', '_', '`', '['
    qsizetype offset = 0;
    qsizetype length = 0;
};

struct Parsed
{
    QString text;
    std::vector<Entity> entities;
};

// Telegram's parser of parse_mode "Markdown" (tdlib's parse_markdown): outside an entity a
// backslash escapes _ * ` [; an entity runs to its closing character, everything inside taken
// as it stands (a backslash too); an entity without its end fails the whole message
// ("Can't find end of the entity").
std::optional<Parsed> parseLegacyMarkdown(const QString &text)
{
    Parsed parsed;
    const auto special = [](QChar c) { return c == u'_' || c == u'*' || c == u'`' || c == u'['; };
    qsizetype i = 0;
    while (i < text.size()) {
        const QChar c = text.at(i);
        if (c == u'\\' && i + 1 < text.size() && special(text.at(i + 1))) {
            parsed.text += text.at(i + 1);
            i += 2;
            continue;
        }
        if (!special(c)) {
            parsed.text += c;
            ++i;
            continue;
        }
        const QChar end = c == u'[' ? QChar(u']') : c;
        const qsizetype start = parsed.text.size();
        ++i;
        while (i < text.size() && text.at(i) != end)
            parsed.text += text.at(i++);
        if (i == text.size())
            return std::nullopt;
        ++i;
        parsed.entities.push_back({c, start, parsed.text.size() - start});
    }
    return parsed;
}

// --- the services, played on loopback -------------------------------------------------------

struct Service
{
    ChannelKind kind;
    QJsonObject options;
    const char *name;
};

class AlertTextTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        const auto ok = TestResponse::json(R"({"ok":true,"code":0,"errcode":0,"errmsg":"ok","result":{}})");
        for (const char *path :
             {"/slack", "/discord", "/bot1:TOKEN/sendMessage", "/feishu", "/dingtalk", "/wecom", "/generic"})
            m_server.route("POST", path, ok);
    }

    WebhookTarget target(const Service &service) const
    {
        WebhookTarget target;
        target.kind = service.kind;
        target.options = service.options;
        const QString base = m_server.baseUrl();
        switch (service.kind) {
        case ChannelKind::Slack:
            target.url = base + QStringLiteral("/slack");
            break;
        case ChannelKind::Discord:
            target.url = base + QStringLiteral("/discord");
            break;
        case ChannelKind::Telegram:
            target.url = base + QStringLiteral("/bot1:TOKEN");
            break;
        case ChannelKind::Feishu:
            target.url = base + QStringLiteral("/feishu");
            break;
        case ChannelKind::DingTalk:
            target.url = base + QStringLiteral("/dingtalk?access_token=abc");
            break;
        case ChannelKind::WeCom:
            target.url = base + QStringLiteral("/wecom?key=abc");
            break;
        default:
            target.url = base + QStringLiteral("/generic");
            break;
        }
        return target;
    }

    // Sends `notice` to the service and returns the body the server got.
    QJsonObject delivered(const Service &service, const AlertNotice &notice)
    {
        m_server.clearRequests();
        auto result = std::make_shared<std::optional<Result<void>>>();
        m_sender.send(target(service), notice, kCheckedAt,
                      [result](Result<void> r) { *result = std::move(r); });
        EXPECT_TRUE(test::waitFor([&] { return result->has_value(); })) << service.name;
        EXPECT_TRUE(result->has_value() && **result)
            << service.name << ": "
            << (result->has_value() && !**result ? str((*result)->error().message) : std::string());
        const std::vector<RecordedRequest> requests = m_server.requests();
        EXPECT_EQ(requests.size(), 1u) << service.name;
        return requests.empty() ? QJsonObject() : QJsonDocument::fromJson(requests.back().body).object();
    }

    static std::vector<Service> services()
    {
        const QJsonObject chat{{QStringLiteral("chat_id"), QStringLiteral("7")}};
        QJsonObject markdown = chat;
        markdown.insert(QStringLiteral("parse_mode"), QStringLiteral("Markdown"));
        QJsonObject html = chat;
        html.insert(QStringLiteral("parse_mode"), QStringLiteral("HTML"));
        return {
            {ChannelKind::Slack, {}, "Slack"},
            {ChannelKind::Discord, {}, "Discord"},
            {ChannelKind::Telegram, chat, "Telegram"},
            {ChannelKind::Telegram, markdown, "Telegram Markdown"},
            {ChannelKind::Telegram, html, "Telegram HTML"},
            {ChannelKind::Feishu, {}, "Feishu"},
            {ChannelKind::DingTalk, {}, "DingTalk"},
            {ChannelKind::WeCom, {}, "WeCom"},
            {ChannelKind::Webhook, {}, "generic webhook"},
        };
    }

    TestHttpServer m_server;
    HttpClient m_http;
    WebhookSender m_sender{m_http};
};

TEST_F(AlertTextTest, EveryPresetSaysQuotaWatchThePlatformsNameAndWhenTheCheckRan)
{
    const AlertNotice notice = lowBalance(QStringLiteral("prod"));
    const QString expected = QStringLiteral(
        "Low balance: prod\n\n“prod” (OpenRouter) has 3.25 USD left, under the threshold of 10 USD. Top it "
        "up before it runs dry. Checked by QuotaWatch at 2026-12-07 05:30 UTC.");
    ASSERT_EQ(notice.plainText(), expected);
    for (const Service &service : services()) {
        const QString text = test::presetText(service.kind, delivered(service, notice));
        SCOPED_TRACE(service.name);
        // None of these services' markup touches this text, so every one sends it as it is
        // (Telegram's bold is the title's only decoration; the generic payload has the message).
        if (service.kind == ChannelKind::Webhook)
            EXPECT_EQ(text, notice.alert.message);
        else if (service.options.contains(QStringLiteral("parse_mode")))
            EXPECT_TRUE(text.endsWith(expected.mid(notice.alert.title.size()))) << str(text);
        else
            EXPECT_EQ(text, expected);
        EXPECT_TRUE(text.contains(QStringLiteral("QuotaWatch"))) << str(text);
        EXPECT_TRUE(text.contains(QStringLiteral("(OpenRouter)"))) << str(text);
        EXPECT_TRUE(text.contains(kCheckedText)) << str(text);
        EXPECT_FALSE(text.contains(QStringLiteral("openrouter"))) << str(text);
    }
}

TEST_F(AlertTextTest, TelegramLegacyMarkdownBoldsTheTitleAsItIsAndEscapesOnlyTheBody)
{
    // '_' and '*' in the key's name (so in the title), '_', '[' and '`' in the provider's words.
    const AlertNotice notice =
        unreadable(QStringLiteral("a_b*c"), QStringLiteral("endpoint /v1/credits_old [gone] `410`"));
    QJsonObject markdown{{QStringLiteral("chat_id"), QStringLiteral("7")},
                         {QStringLiteral("parse_mode"), QStringLiteral("Markdown")}};
    const QJsonObject body = delivered({ChannelKind::Telegram, markdown, "Telegram Markdown"}, notice);
    EXPECT_EQ(body.value(QLatin1String("parse_mode")).toString(), QStringLiteral("Markdown"));
    const QString sent = body.value(QLatin1String("text")).toString();

    // The title: bold up to the '*', which is closed around and escaped outside the entity, as
    // Telegram's documentation does it; no backslash inside the bold.
    EXPECT_EQ(sent.section(QStringLiteral("\n\n"), 0, 0), QStringLiteral("*Key cannot be read: a_b*\\**c*"));
    // The body is escaped outside any entity, where Telegram reads the backslashes.
    EXPECT_TRUE(sent.contains(QStringLiteral("“a\\_b\\*c” (OpenRouter)"))) << str(sent);

    const std::optional<Parsed> parsed = parseLegacyMarkdown(sent);
    ASSERT_TRUE(parsed) << "Telegram would refuse: " << str(sent);
    EXPECT_EQ(parsed->text, notice.plainText()) << "what a reader sees is the alert, character for character";
    QString bold;
    for (const Entity &entity : parsed->entities) {
        EXPECT_EQ(entity.kind, u'*') << "only the title is decorated";
        bold += parsed->text.mid(entity.offset, entity.length);
    }
    EXPECT_EQ(bold, QStringLiteral("Key cannot be read: a_bc"));
    EXPECT_TRUE(parsed->text.contains(QStringLiteral("credits_old [gone] `410`")));
    EXPECT_TRUE(parsed->text.contains(QStringLiteral("QuotaWatch")));
    EXPECT_TRUE(parsed->text.contains(kCheckedText));

    // A title that starts and ends with '*': no empty entity "**".
    const AlertNotice starred = lowBalance(QStringLiteral("*x*"));
    const QString starredText = delivered({ChannelKind::Telegram, markdown, "Telegram Markdown"}, starred)
                                    .value(QLatin1String("text"))
                                    .toString();
    EXPECT_EQ(starredText.section(QStringLiteral("\n\n"), 0, 0), QStringLiteral("*Low balance: *\\**x*\\*"));
    const std::optional<Parsed> starredParsed = parseLegacyMarkdown(starredText);
    ASSERT_TRUE(starredParsed) << str(starredText);
    EXPECT_EQ(starredParsed->text, starred.plainText());
    for (const Entity &entity : starredParsed->entities)
        EXPECT_GT(entity.length, 0) << str(starredText);
}

TEST_F(AlertTextTest, FeishuMentionsInAKeyNameOrTheProvidersWordsAreDefused)
{
    const AlertNotice notice =
        unreadable(QStringLiteral("<at user_id=\"all\">所有人</at>"),
                   QStringLiteral("ask < AT  User_Id=\"ou_1\">boss</ At > or <attach>"));
    const QString text =
        test::presetText(ChannelKind::Feishu, delivered({ChannelKind::Feishu, {}, "Feishu"}, notice));
    // Feishu reads "<at ...>" (any case, spacing, attributes) as a mention; none is left.
    static const QRegularExpression mention(QStringLiteral("<\\s*/?\\s*at\\b"),
                                            QRegularExpression::CaseInsensitiveOption);
    EXPECT_FALSE(mention.match(text).hasMatch()) << str(text);
    EXPECT_TRUE(text.contains(QStringLiteral("＜at user_id=\"all\">所有人＜/at>"))) << str(text);
    EXPECT_TRUE(text.contains(QStringLiteral("＜ AT  User_Id=\"ou_1\">boss＜/ At >"))) << str(text);
    EXPECT_TRUE(text.contains(QStringLiteral("<attach>"))) << "other text stays as it is: " << str(text);
    EXPECT_TRUE(text.contains(QStringLiteral("QuotaWatch")));

    // Only Feishu reads these tags: the others get the name as it is (Discord's mentions are
    // switched off by allowed_mentions, Slack's by its own escaping).
    const QString weCom =
        test::presetText(ChannelKind::WeCom, delivered({ChannelKind::WeCom, {}, "WeCom"}, notice));
    EXPECT_EQ(weCom, notice.plainText());
}

TEST(AlertText, ChineseMessagesPutThePlatformInFullWidthParenthesesAndSayWhen)
{
    // The compiled-in translation (qw_translations, :/i18n), as `serve` and the desktop load it.
    QTranslator translator;
    ASSERT_TRUE(translator.load(QStringLiteral(":/i18n/quotawatch_zh_CN.qm")));
    ASSERT_TRUE(QCoreApplication::installTranslator(&translator));
    const AlertNotice notice = lowBalance(QStringLiteral("prod"));
    Alert test;
    test.kind = AlertKind::Test;
    test.createdAt = kCheckedAt;
    AlertMessages::test(test, QStringLiteral("值班群"));
    QCoreApplication::removeTranslator(&translator);

    EXPECT_EQ(notice.alert.title, QStringLiteral("余额不足：prod"));
    EXPECT_EQ(notice.alert.message,
              QStringLiteral("“prod”（OpenRouter） 仅剩 3.25 USD，低于阈值 10 USD。请在用完之前"
                             "充值。QuotaWatch 查询时间：2026-12-07 05:30 UTC。"));
    EXPECT_FALSE(notice.alert.message.contains(QStringLiteral(" ("))) << "no half-width parenthesis";
    EXPECT_EQ(test.title, QStringLiteral("测试消息"));
    EXPECT_EQ(test.message,
              QStringLiteral("这是 QuotaWatch 发往通知渠道“值班群”的测试消息，发送时间：2026-12-07 05:30 "
                             "UTC。如果您能看到这条消息，告警就能送达这里。"));
}

TEST(AlertText, TheTestNoticeIsFromQuotaWatchAndNamesNoKey)
{
    Alert alert;
    alert.kind = AlertKind::Test;
    alert.createdAt = kCheckedAt;
    AlertMessages::test(alert, QStringLiteral("ops"));
    const AlertNotice notice{alert, {}, {}};
    EXPECT_EQ(notice.plainText(),
              QStringLiteral("Test message\n\nThis is a test from QuotaWatch of the channel “ops”, sent at "
                             "2026-12-07 05:30 UTC. If you can read this, alerts will reach you here."));
    EXPECT_EQ(notice.emailSubject(), QStringLiteral("[QuotaWatch] Test message"));
    const QJsonObject json = notice.toJson();
    EXPECT_TRUE(json.value(QLatin1String("key")).isNull()) << "no key id 0 for a receiver to look up";
    EXPECT_EQ(json.value(QLatin1String("event")).toString(), QStringLiteral("test"));
    EXPECT_FALSE(QJsonDocument(json).toJson(QJsonDocument::Compact).contains("\"id\""));
}

} // namespace
} // namespace qw
