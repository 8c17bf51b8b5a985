// Alerts end to end through the real executable: a real HTTP server plays DeepSeek with a
// balance the test moves, another plays the webhook receiver (sometimes down), and `check`,
// `serve`, `alerts` and `channels` run as a user would run them.
#include "tests/cli/clitest.h"
#include "tests/support/closedport.h"
#include "tests/support/secretscan.h"
#include "tests/support/testhttpserver.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <atomic>
#include <csignal>
#include <memory>

using namespace qw;
using namespace qw::test;

namespace {

const QByteArray kSecret = "sk-cli-alerts-0123456789abcdef";
// The webhook's path is its credential, like Slack's or Discord's.
const QByteArray kHookToken = "HOOKTOKEN-4f1c9a7e2b";

QByteArray balanceJson(qint64 cents)
{
    const QByteArray amount = QByteArray::number(double(cents) / 100.0, 'f', 2);
    return R"({"is_available":true,"balance_infos":[{"currency":"CNY","total_balance":")" + amount +
           R"(","granted_balance":"0","topped_up_balance":")" + amount + R"("}]})";
}

// A command that must be refused: its arguments, its stdin, and what its one line must mention.
struct RefusedCase
{
    const char *name;
    QStringList args;
    QByteArray input;
    QStringList mentions;
};

} // namespace

class CliAlerts : public CliTest
{
protected:
    void SetUp() override
    {
        CliTest::SetUp();
        m_provider.route("GET", "/user/balance", [cents = m_cents](const RecordedRequest &) {
            return TestResponse::json(balanceJson(cents->load()));
        });
    }

    qint64 addWatchedKey(const char *threshold)
    {
        return addKey(QStringLiteral("生产 key"), QStringLiteral("deepseek"), kSecret,
                      {QStringLiteral("--base-url"), m_provider.baseUrl(), QStringLiteral("--threshold"),
                       QString::fromLatin1(threshold)});
    }

    QString hookUrl(quint16 port) const
    {
        return QStringLiteral("http://127.0.0.1:%1/hook/").arg(port) + QString::fromLatin1(kHookToken);
    }

    // `channels add --kind webhook` with the URL on stdin; the new id.
    qint64 addWebhook(quint16 port)
    {
        const CliResult added = runDb(cmd({"channels", "add", "--kind", "webhook", "--name", "ops hook"}),
                                      hookUrl(port).toUtf8());
        EXPECT_TRUE(succeeded(added)) << added.describe();
        return added.outText().trimmed().toLongLong();
    }

    // One `check` of every key with the provider showing `cents`.
    CliResult checkAt(qint64 cents)
    {
        m_cents->store(cents);
        return runDb(cmd({"check"}));
    }

    QJsonArray alertsJson()
    {
        const CliResult listed = runDb(cmd({"alerts", "--json"}));
        EXPECT_TRUE(succeeded(listed)) << listed.describe();
        return QJsonDocument::fromJson(listed.out).array();
    }

    static QStringList eventsOf(const QJsonArray &alerts)
    {
        QStringList events;
        for (const QJsonValue &alert : alerts)
            events.prepend(alert.toObject().value(QLatin1String("event")).toString()); // oldest first
        return events;
    }

    // Every request the hook server received, as parsed JSON bodies.
    static std::vector<QJsonObject> posted(const TestHttpServer &hook)
    {
        std::vector<QJsonObject> bodies;
        for (const RecordedRequest &request : hook.requests())
            bodies.push_back(QJsonDocument::fromJson(request.body).object());
        return bodies;
    }

    // Nothing this test put in plain text anywhere it must not be.
    void expectNoPlaintextSecrets()
    {
        for (const QByteArray &output : std::as_const(m_outputs)) {
            EXPECT_FALSE(output.contains(kSecret));
            EXPECT_FALSE(output.contains(kHookToken));
        }
        if (!isPostgres()) {
            QFile file(sqlitePath());
            ASSERT_TRUE(file.open(QIODevice::ReadOnly));
            const QByteArray content = file.readAll();
            EXPECT_FALSE(content.contains(kHookToken));
            EXPECT_FALSE(content.contains(kSecret));
        }
    }

    std::shared_ptr<std::atomic<qint64>> m_cents = std::make_shared<std::atomic<qint64>>(2000);
    TestHttpServer m_provider;
};

TEST_F(CliAlerts, ADrainingBalanceAlertsOncePerCrossingAndTheWebhookGetsEachOnce)
{
    TestHttpServer hook;
    hook.route("POST", "/hook/*", TestResponse::json("{}"));
    const qint64 keyId = addWatchedKey("10");
    ASSERT_GT(addWebhook(hook.port()), 0);

    // 20 → 12 → 9.50 (crossing) → 9.40 → 7 (still under) → 15 (top-up) → 9 (crossing again) → 8.
    for (qint64 cents : {2000, 1200, 950, 940, 700, 1500, 900, 800}) {
        const CliResult checked = checkAt(cents);
        ASSERT_TRUE(succeeded(checked)) << cents << ": " << checked.describe();
    }

    const QJsonArray alerts = alertsJson();
    EXPECT_EQ(eventsOf(alerts), QStringList({QStringLiteral("low_balance"), QStringLiteral("topup"),
                                             QStringLiteral("low_balance")}));
    for (const QJsonValue &value : alerts) {
        const QJsonArray deliveries = value.toObject().value(QLatin1String("deliveries")).toArray();
        ASSERT_EQ(deliveries.size(), 1);
        EXPECT_EQ(deliveries[0].toObject().value(QLatin1String("status")).toString(), QStringLiteral("sent"));
    }

    // Each alert reached the webhook exactly once, in the documented shape.
    const std::vector<QJsonObject> bodies = posted(hook);
    ASSERT_EQ(bodies.size(), 3u);
    const QJsonObject first = bodies[0];
    EXPECT_EQ(first.value(QLatin1String("event")).toString(), QStringLiteral("low_balance"));
    const QJsonObject key = first.value(QLatin1String("key")).toObject();
    EXPECT_EQ(key.value(QLatin1String("id")).toInteger(), keyId);
    EXPECT_EQ(key.value(QLatin1String("name")).toString(), QStringLiteral("生产 key"));
    EXPECT_EQ(key.value(QLatin1String("platform")).toString(), QStringLiteral("deepseek"));
    EXPECT_DOUBLE_EQ(first.value(QLatin1String("remaining")).toDouble(), 9.5);
    EXPECT_EQ(first.value(QLatin1String("unit")).toString(), QStringLiteral("CNY"));
    EXPECT_DOUBLE_EQ(first.value(QLatin1String("threshold")).toDouble(), 10.0);
    EXPECT_TRUE(first.value(QLatin1String("days_left")).isNull());
    EXPECT_TRUE(first.value(QLatin1String("message")).toString().contains(QStringLiteral("生产 key")));
    EXPECT_TRUE(
        QDateTime::fromString(first.value(QLatin1String("time")).toString(), Qt::ISODateWithMs).isValid());
    EXPECT_EQ(bodies[1].value(QLatin1String("event")).toString(), QStringLiteral("topup"));
    EXPECT_EQ(bodies[2].value(QLatin1String("event")).toString(), QStringLiteral("low_balance"));
    EXPECT_DOUBLE_EQ(bodies[2].value(QLatin1String("remaining")).toDouble(), 9.0);
    expectNoPlaintextSecrets();
}

TEST_F(CliAlerts, AWebhookThatIsDownGetsTheAlertOnceAfterItComesBackAcrossServeRestarts)
{
    const quint16 port = test::closedLoopbackPort();
    ASSERT_GT(port, 0);
    addWatchedKey("10");
    ASSERT_GT(addWebhook(port), 0);

    // The alert fires while the webhook is down: the check itself still succeeds and says so.
    const CliResult checked = checkAt(500);
    EXPECT_EQ(checked.exitCode, 0) << checked.describe();
    EXPECT_TRUE(checked.errText().contains(QStringLiteral("could not be delivered yet")))
        << checked.describe();
    QJsonArray alerts = alertsJson();
    ASSERT_EQ(alerts.size(), 1);
    QJsonObject delivery = alerts[0].toObject().value(QLatin1String("deliveries")).toArray()[0].toObject();
    EXPECT_EQ(delivery.value(QLatin1String("status")).toString(), QStringLiteral("pending"));
    EXPECT_EQ(delivery.value(QLatin1String("attempts")).toInt(), 1);
    EXPECT_FALSE(delivery.value(QLatin1String("last_error")).toString().isEmpty());

    // serve tries again while it is still down, and is stopped.
    {
        QProcess serve;
        QByteArray err;
        ASSERT_TRUE(startServe(serve, err));
        EXPECT_TRUE(waitForOutput(serve, err, "will retry", 15000)) << err.toStdString();
        ::kill(pid_t(serve.processId()), SIGTERM);
        ASSERT_TRUE(serve.waitForFinished(8000));
        EXPECT_EQ(serve.exitCode(), 0);
        m_outputs << err;
    }

    // The webhook comes back; the next serve delivers the alert, once.
    TestHttpServer hook(port);
    ASSERT_EQ(hook.port(), port);
    hook.route("POST", "/hook/*", TestResponse::json("{}"));
    for (int round = 0; round < 2; ++round) {
        QProcess serve;
        QByteArray err;
        ASSERT_TRUE(startServe(serve, err));
        if (round == 0)
            EXPECT_TRUE(waitForOutput(serve, err, ": sent", 15000)) << err.toStdString();
        else
            waitForOutput(serve, err, ": sent", 3000); // a second restart must not send it again
        ::kill(pid_t(serve.processId()), SIGTERM);
        ASSERT_TRUE(serve.waitForFinished(8000));
        m_outputs << err;
    }
    ASSERT_EQ(hook.requestCount(), 1);
    EXPECT_EQ(posted(hook)[0].value(QLatin1String("event")).toString(), QStringLiteral("low_balance"));
    alerts = alertsJson();
    ASSERT_EQ(alerts.size(), 1);
    delivery = alerts[0].toObject().value(QLatin1String("deliveries")).toArray()[0].toObject();
    EXPECT_EQ(delivery.value(QLatin1String("status")).toString(), QStringLiteral("sent"));
    EXPECT_GE(delivery.value(QLatin1String("attempts")).toInt(), 3);
    expectNoPlaintextSecrets();
}

TEST_F(CliAlerts, ChannelsAddListTestAndRemoveWithoutShowingSecrets)
{
    TestHttpServer hook;
    hook.route("POST", "/hook/*", TestResponse::json("{}"));
    const qint64 id = addWebhook(hook.port());
    ASSERT_GT(id, 0);

    const CliResult table = runDb(cmd({"channels", "list"}));
    ASSERT_TRUE(succeeded(table));
    EXPECT_TRUE(table.outText().contains(QStringLiteral("ops hook")));
    EXPECT_TRUE(table.outText().contains(QStringLiteral("127.0.0.1")));
    const CliResult json = runDb(cmd({"channels", "list", "--json"}));
    ASSERT_TRUE(succeeded(json));
    const QJsonArray channels = QJsonDocument::fromJson(json.out).array();
    ASSERT_EQ(channels.size(), 1);
    EXPECT_EQ(channels[0].toObject().value(QLatin1String("kind")).toString(), QStringLiteral("webhook"));
    EXPECT_EQ(channels[0].toObject().value(QLatin1String("id")).toInteger(), id);

    const CliResult tested = runDb({QStringLiteral("channels"), QStringLiteral("test"), QString::number(id)});
    ASSERT_TRUE(succeeded(tested)) << tested.describe();
    ASSERT_EQ(hook.requestCount(), 1);
    EXPECT_EQ(posted(hook)[0].value(QLatin1String("event")).toString(), QStringLiteral("test"));
    EXPECT_TRUE(hook.requests()[0].path.endsWith(kHookToken));

    // A receiver that refuses: exit 1 and the reason, without the URL's token.
    hook.route("POST", "/hook/*", TestResponse::json(R"({"error":"gone"})", 410));
    const CliResult refused =
        runDb({QStringLiteral("channels"), QStringLiteral("test"), QString::number(id)});
    EXPECT_EQ(refused.exitCode, 1) << refused.describe();
    EXPECT_TRUE(refused.errText().contains(QStringLiteral("410"))) << refused.describe();

    const CliResult removed =
        runDb({QStringLiteral("channels"), QStringLiteral("remove"), QString::number(id)});
    ASSERT_TRUE(succeeded(removed)) << removed.describe();
    const CliResult empty = runDb(cmd({"channels", "list", "--json"}));
    EXPECT_EQ(QJsonDocument::fromJson(empty.out).array().size(), 0);
    expectNoPlaintextSecrets();
}

TEST_F(CliAlerts, BadChannelInputIsRefusedWithOneLineAndNothingWritten)
{
    const std::vector<RefusedCase> cases{
        {"NoKind",
         cmd({"channels", "add", "--name", "x", "--url", "http://127.0.0.1:9/h"}),
         {},
         cmd({"--kind"})},
        {"UnknownKind", cmd({"channels", "add", "--kind", "pager", "--name", "x"}), {}, cmd({"pager"})},
        {"NoName",
         cmd({"channels", "add", "--kind", "slack", "--url", "https://hooks.slack.com/services/T/B/X"}),
         {},
         cmd({"--name"})},
        {"EmailWithoutTo",
         cmd({"channels", "add", "--kind", "email", "--name", "m", "--host", "smtp.example.com", "--from",
              "a@example.com"}),
         {},
         cmd({"--to"})},
        {"EmailBadSecurity",
         cmd({"channels", "add", "--kind", "email", "--name", "m", "--host", "smtp.example.com", "--from",
              "a@example.com", "--to", "b@example.com", "--security", "ssl3"}),
         {},
         cmd({"ssl3"})},
        {"EmailBadPort",
         cmd({"channels", "add", "--kind", "email", "--name", "m", "--host", "smtp.example.com", "--port",
              "99999", "--from", "a@example.com", "--to", "b@example.com"}),
         {},
         cmd({"port"})},
        {"EmailUserWithoutPassword",
         cmd({"channels", "add", "--kind", "email", "--name", "m", "--host", "smtp.example.com", "--from",
              "a@example.com", "--to", "b@example.com", "--user", "me"}),
         {},
         cmd({"standard input"})},
        {"WebhookFlagOnEmail",
         cmd({"channels", "add", "--kind", "email", "--name", "m", "--host", "h", "--from", "a@example.com",
              "--to", "b@example.com", "--url", "http://x"}),
         {},
         cmd({"--url"})},
        {"TelegramWithoutChat", cmd({"channels", "add", "--kind", "telegram", "--name", "t"}),
         "https://api.telegram.org/bot123:SECRETBOT", cmd({"chat_id"})},
        {"FtpUrl", cmd({"channels", "add", "--kind", "webhook", "--name", "w"}), "ftp://example.com/x", {}},
        {"UnknownEvent",
         cmd({"channels", "add", "--kind", "slack", "--name", "s", "--events", "low_balance,boom"}),
         "https://hooks.slack.com/services/T/B/X", cmd({"boom"})},
        {"TestNotAnId", cmd({"channels", "test", "abc"}), {}, cmd({"abc"})},
        {"UnknownAction", cmd({"channels", "mute"}), {}, cmd({"mute"})},
    };
    for (const RefusedCase &bad : cases) {
        SCOPED_TRACE(bad.name);
        const CliResult result = runDb(bad.args, bad.input);
        EXPECT_TRUE(failedWith(result, kExitUsage, bad.mentions));
        EXPECT_FALSE(result.err.contains("SECRETBOT"));
    }
    const CliResult missing = runDb(cmd({"channels", "test", "42"}));
    EXPECT_TRUE(failedWith(missing, kExitUsage, cmd({"42"})));
    const CliResult listed = runDb(cmd({"channels", "list", "--json"}));
    EXPECT_EQ(QJsonDocument::fromJson(listed.out).array().size(), 0) << listed.describe();
}

TEST_F(CliAlerts, AlertTextsFollowTheLanguage)
{
    addWatchedKey("10");
    m_cents->store(2000);
    ASSERT_TRUE(succeeded(runDb(cmd({"check"}))));
    m_cents->store(500);
    // The executable installs the translation, so this one goes through it.
    const CliResult checked = runBinary(QStringList{QStringLiteral("--db"), dbUrl()} + cmd({"check"}), {},
                                        {{QStringLiteral("QUOTAWATCH_LANGUAGE"), QStringLiteral("zh_CN")}});
    ASSERT_TRUE(succeeded(checked)) << checked.describe();
    const QJsonArray alerts = alertsJson();
    ASSERT_EQ(alerts.size(), 1);
    const QJsonObject alert = alerts[0].toObject();
    EXPECT_TRUE(alert.value(QLatin1String("title")).toString().startsWith(QStringLiteral("余额不足")))
        << alert.value(QLatin1String("title")).toString().toStdString();
    EXPECT_TRUE(alert.value(QLatin1String("message")).toString().contains(QStringLiteral("低于阈值 10 CNY")))
        << alert.value(QLatin1String("message")).toString().toStdString();
    // The platform by its name in full-width parentheses, and who checked when, in Chinese too.
    const QString message = alert.value(QLatin1String("message")).toString();
    EXPECT_TRUE(message.startsWith(QStringLiteral("“生产 key”（DeepSeek）"))) << message.toStdString();
    const QString checkedAt =
        QDateTime::fromString(alert.value(QLatin1String("time")).toString(), Qt::ISODateWithMs)
            .toUTC()
            .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    EXPECT_TRUE(message.endsWith(QStringLiteral("QuotaWatch 查询时间：%1 UTC。").arg(checkedAt)))
        << message.toStdString();

    // And English when asked for, whatever the system says.
    m_cents->store(2000);
    ASSERT_TRUE(succeeded(runDb(cmd({"check"}))));
    m_cents->store(400);
    ASSERT_TRUE(succeeded(
        runDb(cmd({"check"}), {}, {{QStringLiteral("QUOTAWATCH_LANGUAGE"), QStringLiteral("en")}})));
    const QJsonObject english = alertsJson()[0].toObject();
    EXPECT_TRUE(english.value(QLatin1String("title")).toString().startsWith(QStringLiteral("Low balance")));
    EXPECT_TRUE(english.value(QLatin1String("message"))
                    .toString()
                    .startsWith(QStringLiteral("“生产 key” (DeepSeek)")))
        << english.value(QLatin1String("message")).toString().toStdString();
}

TEST_F(CliAlerts, AKeyRejectedTwiceIsFailingAndThenRecovered)
{
    TestHttpServer hook;
    hook.route("POST", "/hook/*", TestResponse::json("{}"));
    addWatchedKey("1");
    ASSERT_GT(addWebhook(hook.port()), 0);
    auto rejected = std::make_shared<std::atomic<bool>>(false);
    m_provider.route("GET", "/user/balance", [cents = m_cents, rejected](const RecordedRequest &) {
        return rejected->load() ? TestResponse::json(R"({"error":{"message":"Authentication Fails"}})", 401)
                                : TestResponse::json(balanceJson(cents->load()));
    });
    ASSERT_TRUE(succeeded(checkAt(5000)));
    rejected->store(true);
    for (int i = 0; i < 3; ++i)
        EXPECT_EQ(runDb(cmd({"check"})).exitCode, 1);
    rejected->store(false);
    ASSERT_TRUE(succeeded(checkAt(4990)));
    EXPECT_EQ(eventsOf(alertsJson()),
              QStringList({QStringLiteral("key_failing"), QStringLiteral("recovered")}));
    const std::vector<QJsonObject> bodies = posted(hook);
    ASSERT_EQ(bodies.size(), 2u);
    EXPECT_TRUE(bodies[0]
                    .value(QLatin1String("message"))
                    .toString()
                    .contains(QStringLiteral("Authentication Fails")));
    expectNoPlaintextSecrets();
}

TEST_F(CliAlerts, SettingsAreShownChangedAndChecked)
{
    const CliResult defaults = runDb(cmd({"alerts", "settings"}));
    ASSERT_TRUE(succeeded(defaults)) << defaults.describe();
    EXPECT_TRUE(defaults.outText().contains(QStringLiteral("failing-after  3600 s")));
    EXPECT_TRUE(defaults.outText().contains(QStringLiteral("forecast-days  3")));
    EXPECT_TRUE(defaults.outText().contains(QStringLiteral("spike-factor   5")));

    ASSERT_TRUE(
        succeeded(runDb(cmd({"alerts", "settings", "--failing-after", "30m", "--forecast-days", "7"}))));
    EXPECT_EQ(setting(QStringLiteral("alerts.failing_after_s")), QStringLiteral("1800"));
    EXPECT_EQ(setting(QStringLiteral("alerts.forecast_days")), QStringLiteral("7"));
    const CliResult changed = runDb(cmd({"alerts", "settings"}));
    EXPECT_TRUE(changed.outText().contains(QStringLiteral("failing-after  1800 s"))) << changed.describe();

    for (const QStringList &bad : {cmd({"alerts", "settings", "--failing-after", "10s"}),
                                   cmd({"alerts", "settings", "--forecast-days", "-1"}),
                                   cmd({"alerts", "settings", "--spike-factor", "nan"}),
                                   cmd({"alerts", "--limit", "0"}), cmd({"alerts", "--key", "x"})})
        EXPECT_TRUE(failedWith(runDb(bad), kExitUsage)) << bad.join(u' ').toStdString();
    EXPECT_EQ(setting(QStringLiteral("alerts.forecast_days")),
              QStringLiteral("7")); // untouched by the refusals
}

// The desktop's Settings accept "failing after" up to 7 days; the command line takes the same range.
TEST_F(CliAlerts, FailingAfterTakesHoursAndDaysUpToSevenDays)
{
    for (const auto &[text, seconds] :
         {std::pair{"48h", "172800"}, std::pair{"2d", "172800"}, std::pair{"1d12h", "129600"},
          std::pair{"7d", "604800"}, std::pair{"1m", "60"}}) {
        const CliResult result = runDb(cmd({"alerts", "settings", "--failing-after", text}));
        ASSERT_TRUE(succeeded(result)) << text << result.describe();
        EXPECT_EQ(setting(QStringLiteral("alerts.failing_after_s")), QString::fromLatin1(seconds)) << text;
        EXPECT_TRUE(
            result.outText().contains(QStringLiteral("failing-after  %1 s").arg(QLatin1String(seconds))))
            << result.describe();
    }

    ASSERT_TRUE(succeeded(runDb(cmd({"alerts", "settings", "--failing-after", "48h"}))));
    for (const char *bad : {"8d", "7d1s", "169h", "59s", "2w", "-1d"}) {
        EXPECT_TRUE(
            failedWith(runDb(cmd({"alerts", "settings", "--failing-after", bad})), kExitUsage,
                       {QStringLiteral("--failing-after"), QString::fromLatin1(bad), QStringLiteral("7d")}))
            << bad;
        EXPECT_EQ(setting(QStringLiteral("alerts.failing_after_s")), QStringLiteral("172800")) << bad;
    }
}

// A generic webhook's header values are secrets: given on standard input, sealed with the URL,
// sent with each notification, and shown nowhere but by name.
TEST_F(CliAlerts, WebhookHeaderValuesAreSealedAndNeverShown)
{
    const QByteArray headerValue = "Bearer HEADERCANARY-7c2e91d04b";
    TestHttpServer hook;
    hook.route("POST", "/hook/*", TestResponse::json("{}"));

    // On the command line the value would be visible to other users: refused.
    const CliResult onArgv =
        runDb({QStringLiteral("channels"), QStringLiteral("add"), QStringLiteral("--kind"),
               QStringLiteral("webhook"), QStringLiteral("--name"), QStringLiteral("h"),
               QStringLiteral("--url"), hookUrl(hook.port()), QStringLiteral("--option"),
               QStringLiteral("header.Authorization=") + QString::fromLatin1(headerValue)});
    EXPECT_TRUE(failedWith(onArgv, kExitUsage, {QStringLiteral("standard input")}));

    const CliResult added = runDb(
        {QStringLiteral("channels"), QStringLiteral("add"), QStringLiteral("--kind"),
         QStringLiteral("webhook"), QStringLiteral("--name"), QStringLiteral("h"), QStringLiteral("--url"),
         hookUrl(hook.port()), QStringLiteral("--option"), QStringLiteral("header.Authorization=-"),
         QStringLiteral("--option"), QStringLiteral("note=visible")},
        headerValue);
    ASSERT_TRUE(succeeded(added)) << added.describe();
    const qint64 id = added.outText().trimmed().toLongLong();

    const CliResult tested = runDb({QStringLiteral("channels"), QStringLiteral("test"), QString::number(id)});
    ASSERT_TRUE(succeeded(tested)) << tested.describe();
    ASSERT_EQ(hook.requestCount(), 1);
    EXPECT_EQ(hook.requests()[0].header("Authorization"), headerValue);

    const CliResult table = runDb(cmd({"channels", "list"}));
    ASSERT_TRUE(succeeded(table));
    EXPECT_TRUE(table.outText().contains(QStringLiteral("Authorization"))) << table.describe();
    const CliResult json = runDb(cmd({"channels", "list", "--json"}));
    ASSERT_TRUE(succeeded(json));
    const QJsonArray channels = QJsonDocument::fromJson(json.out).array();
    ASSERT_EQ(channels.size(), 1);
    EXPECT_EQ(channels[0].toObject().value(QLatin1String("headers")).toArray(),
              QJsonArray{QStringLiteral("Authorization")});

    auto row = db().run(QStringLiteral("SELECT config_json, config_enc FROM channels WHERE id = ?"), {id});
    ASSERT_TRUE(row && row->next());
    EXPECT_FALSE(row->value(0).toString().contains(QLatin1String("HEADERCANARY")));
    EXPECT_TRUE(row->value(0).toString().contains(QLatin1String("visible")));
    const auto secrets = decrypt(m_masterKey, row->value(1).toString().toLatin1());
    ASSERT_TRUE(secrets);
    EXPECT_TRUE(secrets->contains(headerValue));

    for (const QByteArray &output : std::as_const(m_outputs))
        EXPECT_TRUE(holdsNoSecret({headerValue, kHookToken}, output, QStringLiteral("a command's output")));
    if (!isPostgres()) {
        QFile file(sqlitePath());
        ASSERT_TRUE(file.open(QIODevice::ReadOnly));
        EXPECT_TRUE(holdsNoSecret({headerValue}, file.readAll(), QStringLiteral("the database file")));
    }
}

// A channel written before header values were secrets keeps them in its visible settings; the
// next unlock moves them into the sealed part, and the webhook still gets them.
TEST_F(CliAlerts, HeaderValuesStoredInClearAreSealedOnTheNextUnlock)
{
    const QByteArray headerValue = "Bearer OLDHEADER-5d1f0e9a8c";
    TestHttpServer hook;
    hook.route("POST", "/hook/*", TestResponse::json("{}"));
    const qint64 id = addWebhook(hook.port());
    ASSERT_GT(id, 0);
    auto stored =
        db().run(QStringLiteral("UPDATE channels SET config_json = ?, binding = NULL WHERE id = ?"),
                 {QStringLiteral(R"({"host":"127.0.0.1","options":{"header.X-Token":"%1","note":"n"}})")
                      .arg(QString::fromLatin1(headerValue)),
                  id});
    ASSERT_TRUE(stored) << stored.error().message.toStdString();
    // As an older QuotaWatch left it: no destination bindings either.
    ASSERT_TRUE(db().run(QStringLiteral("DELETE FROM settings WHERE key = 'destination_binding_version'")));

    // Exit 0; stderr says the old rows were bound.
    const CliResult tested = runDb({QStringLiteral("channels"), QStringLiteral("test"), QString::number(id)});
    ASSERT_EQ(tested.exitCode, 0) << tested.describe();
    ASSERT_EQ(hook.requestCount(), 1);
    EXPECT_EQ(hook.requests()[0].header("X-Token"), headerValue);

    auto row = db().run(QStringLiteral("SELECT config_json, config_enc FROM channels WHERE id = ?"), {id});
    ASSERT_TRUE(row && row->next());
    const QString settings = row->value(0).toString();
    EXPECT_FALSE(settings.contains(QLatin1String("OLDHEADER"))) << settings.toStdString();
    EXPECT_TRUE(settings.contains(QLatin1String("X-Token"))) << settings.toStdString();
    EXPECT_TRUE(settings.contains(QLatin1String("note"))) << settings.toStdString();
    const auto secrets = decrypt(m_masterKey, row->value(1).toString().toLatin1());
    ASSERT_TRUE(secrets);
    EXPECT_TRUE(secrets->contains(headerValue));
    EXPECT_TRUE(secrets->contains(kHookToken));
}

// Plain http to another machine would carry a webhook's token, an SMTP password, in clear.
TEST_F(CliAlerts, SecretsOverPlainTextOffThisMachineAreRefused)
{
    const std::vector<RefusedCase> cases{
        {"SlackOverHttp", cmd({"channels", "add", "--kind", "slack", "--name", "s"}),
         "http://hooks.slack.com/services/T/B/SECRETBOT", cmd({"https://"})},
        {"GenericOverHttp", cmd({"channels", "add", "--kind", "webhook", "--name", "w"}),
         "http://hooks.example.com/SECRETBOT", cmd({"https://"})},
        {"SmtpLoginWithoutTls",
         cmd({"channels", "add", "--kind", "email", "--name", "m", "--host", "smtp.example.com", "--from",
              "a@example.com", "--to", "b@example.com", "--user", "me", "--security", "none"}),
         "SECRETBOT-password", cmd({"without TLS"})},
    };
    for (const RefusedCase &bad : cases) {
        SCOPED_TRACE(bad.name);
        const CliResult result = runDb(bad.args, bad.input);
        EXPECT_TRUE(failedWith(result, kExitUsage, bad.mentions));
        EXPECT_FALSE(result.err.contains("SECRETBOT"));
    }
    const CliResult listed = runDb(cmd({"channels", "list", "--json"}));
    EXPECT_EQ(QJsonDocument::fromJson(listed.out).array().size(), 0) << listed.describe();

    // On this machine both stay possible.
    const CliResult local =
        runDb(cmd({"channels", "add", "--kind", "email", "--name", "local", "--host", "localhost", "--from",
                   "a@example.com", "--to", "b@example.com", "--user", "me", "--security", "none"}),
              "pw-local");
    EXPECT_TRUE(succeeded(local)) << local.describe();
}

TEST_F(CliAlerts, AnAccountOutOfCreditAlertsLowBalanceOnceAndEveryViewSaysSo)
{
    TestHttpServer hook;
    hook.route("POST", "/hook/*", TestResponse::json("{}"));
    const qint64 withThreshold = addWatchedKey("1");
    // No threshold at all: an empty account is still news.
    const qint64 withoutThreshold = addKey(QStringLiteral("备用 key"), QStringLiteral("deepseek"), kSecret,
                                           {QStringLiteral("--base-url"), m_provider.baseUrl()});
    ASSERT_GT(addWebhook(hook.port()), 0);
    auto empty = std::make_shared<std::atomic<bool>>(false);
    m_provider.route("GET", "/user/balance", [cents = m_cents, empty](const RecordedRequest &) {
        // DeepSeek's answer once the account has run dry.
        return empty->load() ? TestResponse::json(R"({"error":{"message":"Insufficient Balance",)"
                                                  R"("type":"unknown_error","param":null,)"
                                                  R"("code":"invalid_request_error"}})",
                                                  402)
                             : TestResponse::json(balanceJson(cents->load()));
    });
    ASSERT_TRUE(succeeded(checkAt(5000)));
    empty->store(true);
    for (int i = 0; i < 3; ++i) {
        // The check worked: what it found is an empty account.
        const CliResult checked = runDb(cmd({"check"}));
        ASSERT_TRUE(succeeded(checked)) << checked.describe();
        EXPECT_TRUE(checked.outText().contains(QLatin1String("out of credit (HTTP 402)")))
            << checked.describe();
        EXPECT_TRUE(checked.outText().contains(QLatin1String("Insufficient Balance"))) << checked.describe();
    }

    // Exactly one low_balance per key, however many checks find the account empty.
    const QJsonArray alerts = alertsJson();
    EXPECT_EQ(eventsOf(alerts), QStringList({QStringLiteral("low_balance"), QStringLiteral("low_balance")}));
    const std::vector<QJsonObject> bodies = posted(hook);
    ASSERT_EQ(bodies.size(), 2u);
    QList<qint64> alerted;
    for (const QJsonObject &body : bodies) {
        EXPECT_EQ(body.value(QLatin1String("event")).toString(), QStringLiteral("low_balance"));
        alerted << body.value(QLatin1String("key")).toObject().value(QLatin1String("id")).toInteger();
        EXPECT_DOUBLE_EQ(body.value(QLatin1String("remaining")).toDouble(-1), 0.0);
        // In the key's usual unit, from its last reading.
        EXPECT_EQ(body.value(QLatin1String("unit")).toString(), QStringLiteral("CNY"));
        const QString message = body.value(QLatin1String("message")).toString();
        EXPECT_TRUE(message.contains(QLatin1String("out of credit"))) << message.toStdString();
        EXPECT_TRUE(message.contains(QLatin1String("Insufficient Balance"))) << message.toStdString();
    }
    std::sort(alerted.begin(), alerted.end());
    EXPECT_EQ(alerted, QList<qint64>({withThreshold, withoutThreshold}));

    // The keys list says empty, and why.
    const CliResult listed = runDb(cmd({"keys", "list"}));
    ASSERT_TRUE(succeeded(listed));
    EXPECT_EQ(listed.outText().count(QLatin1String("empty (out of credit)")), 2) << listed.describe();
    const CliResult json = runDb(cmd({"keys", "list", "--json"}));
    ASSERT_TRUE(succeeded(json));
    for (const QJsonValue &value : QJsonDocument::fromJson(json.out).array()) {
        const QJsonObject key = value.toObject();
        EXPECT_EQ(key.value(QLatin1String("health")).toString(), QStringLiteral("empty"));
        const QJsonObject latest = key.value(QLatin1String("latest")).toObject();
        EXPECT_EQ(latest.value(QLatin1String("status")).toString(), QStringLiteral("ok"));
        EXPECT_DOUBLE_EQ(latest.value(QLatin1String("remaining")).toDouble(-1), 0.0);
        EXPECT_EQ(latest.value(QLatin1String("unit")).toString(), QStringLiteral("CNY"));
        EXPECT_TRUE(latest.value(QLatin1String("error"))
                        .toString()
                        .startsWith(QLatin1String("out of credit (HTTP 402)")));
    }

    // Topped up: the series goes on (a top-up, not a new unit), and the next empty account is
    // news again.
    empty->store(false);
    ASSERT_TRUE(succeeded(checkAt(3000)));
    empty->store(true);
    ASSERT_TRUE(succeeded(runDb(cmd({"check"}))));
    EXPECT_EQ(
        eventsOf(alertsJson()),
        QStringList({QStringLiteral("low_balance"), QStringLiteral("low_balance"), QStringLiteral("topup"),
                     QStringLiteral("topup"), QStringLiteral("low_balance"), QStringLiteral("low_balance")}));
    expectNoPlaintextSecrets();
}

TEST_F(CliAlerts, AKeyWhoseEndpointIsGoneGetsOneNoticeNotOnePerCheck)
{
    TestHttpServer hook;
    hook.route("POST", "/hook/*", TestResponse::json("{}"));
    addWatchedKey("1");
    ASSERT_GT(addWebhook(hook.port()), 0);
    m_provider.route("GET", "/user/balance",
                     TestResponse::json(R"({"message":"This API has been deprecated."})", 410));
    for (int i = 0; i < 4; ++i) {
        const CliResult checked = runDb(cmd({"check"}));
        EXPECT_EQ(checked.exitCode, 1) << checked.describe();
        EXPECT_TRUE(checked.outText().contains(QLatin1String("unsupported"))) << checked.describe();
        EXPECT_TRUE(checked.outText().contains(QLatin1String("retired"))) << checked.describe();
    }
    // One notice at the first check (waiting will not help), none after it.
    EXPECT_EQ(eventsOf(alertsJson()), QStringList({QStringLiteral("key_failing")}));
    const std::vector<QJsonObject> bodies = posted(hook);
    ASSERT_EQ(bodies.size(), 1u);
    const QString message = bodies[0].value(QLatin1String("message")).toString();
    for (const char *words : {"cannot be read", "HTTP 410", "Checking again will not change this"})
        EXPECT_TRUE(message.contains(QLatin1String(words))) << words << ": " << message.toStdString();
    expectNoPlaintextSecrets();
}
