// `quotawatch check --json` end to end for the platforms of issue 12's second round
// (vercel-gateway, poe, venice, deepinfra): keys added through the CLI, checked against a real
// HTTP server on 127.0.0.1 that plays each provider with its recorded answers.
#include "tests/cli/clitest.h"
#include "tests/support/testhttpserver.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <map>

using namespace qw;
using namespace qw::test;

namespace {

const QByteArray kSecret = "sk-cli-second-round-0123456789";

QByteArray recorded(const char *relativePath)
{
    QFile file(QStringLiteral(QW_TEST_DATA_DIR "/providers/") + QString::fromLatin1(relativePath));
    if (!file.open(QIODevice::ReadOnly)) {
        ADD_FAILURE() << "missing fixture " << relativePath;
        return {};
    }
    return file.readAll();
}

} // namespace

class CliSecondRoundPlatforms : public CliTest
{
protected:
    void serve(const char *scenario, const char *path, const char *fixture, int status = 200)
    {
        m_server.route("GET", QByteArray("/") + scenario + path,
                       TestResponse::json(recorded(fixture), status));
    }

    qint64 add(const char *platform, const char *scenario)
    {
        return addKey(QString::fromLatin1(scenario), QString::fromLatin1(platform), kSecret,
                      {QStringLiteral("--base-url"), m_server.baseUrl() + u'/' + QLatin1String(scenario)});
    }

    TestHttpServer m_server;
};

TEST_F(CliSecondRoundPlatforms, CheckReadsEachNewPlatform)
{
    serve("vercel", "/v1/credits", "vercel-gateway/credits.json");
    serve("poe", "/usage/current_balance", "poe/balance.json");
    serve("venice", "/api/v1/billing/balance", "venice/diem.json");
    serve("deepinfra", "/payment/checklist", "deepinfra/checklist.json");
    serve("deepinfra", "/payment/usage", "deepinfra/usage.json");
    serve("venice-inference", "/api/v1/billing/balance", "venice/unauthorized.json", 401);

    const qint64 vercel = add("vercel-gateway", "vercel");
    const qint64 poe = add("poe", "poe");
    const qint64 venice = add("venice", "venice");
    const qint64 deepinfra = add("deepinfra", "deepinfra");
    const qint64 inference = add("venice", "venice-inference");

    const CliResult result = runDb({QStringLiteral("check"), QStringLiteral("--json")});
    // One key failed (the inference-only Venice key): exit code 1, every check reported.
    EXPECT_EQ(result.exitCode, 1) << result.describe();
    EXPECT_FALSE(result.out.contains(kSecret));
    EXPECT_FALSE(result.err.contains(kSecret));
    const QJsonArray checks = QJsonDocument::fromJson(result.out).array();
    ASSERT_EQ(checks.size(), 5) << result.describe();
    std::map<qint64, QJsonObject> byKey;
    for (const QJsonValue &check : checks)
        byKey[check.toObject().value(QStringLiteral("key_id")).toInteger()] = check.toObject();

    const auto expectReading = [&](qint64 id, const char *kind, double remaining, const char *unit) {
        SCOPED_TRACE(id);
        const QJsonObject check = byKey[id];
        EXPECT_EQ(check.value(QStringLiteral("status")).toString(), QStringLiteral("ok"))
            << result.describe();
        EXPECT_EQ(check.value(QStringLiteral("kind")).toString(), QLatin1String(kind));
        EXPECT_DOUBLE_EQ(check.value(QStringLiteral("remaining")).toDouble(), remaining);
        EXPECT_EQ(check.value(QStringLiteral("unit")).toString(), QLatin1String(unit));
    };
    expectReading(vercel, "balance", 95.5, "USD");
    EXPECT_DOUBLE_EQ(byKey[vercel].value(QStringLiteral("used")).toDouble(), 4.5);
    expectReading(poe, "quota", 1500, "points");
    expectReading(venice, "balance", 90.5, "DIEM");
    EXPECT_EQ(byKey[venice].value(QStringLiteral("balances")).toArray().size(), 2);
    expectReading(deepinfra, "balance", 42.17, "USD");

    const QJsonObject refused = byKey[inference];
    EXPECT_EQ(refused.value(QStringLiteral("status")).toString(), QStringLiteral("auth_error"));
    EXPECT_TRUE(refused.value(QStringLiteral("error")).toString().contains(QStringLiteral("admin API key")))
        << result.describe();
    EXPECT_TRUE(refused.value(QStringLiteral("remaining")).isNull());

    // Each provider was asked with the key as a bearer token, and nowhere else.
    for (const RecordedRequest &request : m_server.requests()) {
        EXPECT_EQ(request.header("Authorization"), "Bearer " + kSecret) << request.path.toStdString();
        EXPECT_FALSE(request.query.contains(kSecret));
    }
}

// A plan with usage windows, the whole way: `check` names the tightest window as the headline and
// prints every window under its key, and the stored check keeps them (history --json).
TEST_F(CliSecondRoundPlatforms, CheckShowsEveryWindowOfAPlanAndHistoryKeepsThem)
{
    serve("zai", "/api/monitor/usage/quota/limit", "zai-coding/quota_limit.json");
    const qint64 id = add("zai-coding", "zai");
    ASSERT_GT(id, 0);

    const CliResult checked = runDb({QStringLiteral("check")});
    ASSERT_TRUE(succeeded(checked));
    const QString text = checked.outText();
    // The five-hour window is 58 % used, the week 21 %: 42 percent left is the headline.
    EXPECT_TRUE(text.contains(QStringLiteral("  ok      42%"))) << checked.describe();
    EXPECT_TRUE(
        text.contains(QStringLiteral("  5-hour window: 42 of 100% left, resets 2026-11-15 14:30 UTC")))
        << checked.describe();
    EXPECT_TRUE(text.contains(QStringLiteral("  Weekly window: 79 of 100% left"))) << checked.describe();
    EXPECT_TRUE(text.contains(QStringLiteral("  Monthly MCP quota: 93 of 100 requests left")))
        << checked.describe();

    const CliResult history =
        runDb({QStringLiteral("history"), QString::number(id), QStringLiteral("--json")});
    ASSERT_TRUE(succeeded(history));
    const QJsonArray rows = QJsonDocument::fromJson(history.out).array();
    ASSERT_EQ(rows.size(), 1) << history.describe();
    const QJsonArray details = rows[0].toObject().value(QStringLiteral("details")).toArray();
    ASSERT_EQ(details.size(), 3) << history.describe();
    QStringList names;
    for (const QJsonValue &detail : details)
        names << detail.toObject().value(QStringLiteral("name")).toString();
    EXPECT_EQ(names, QStringList({QStringLiteral("window_5h"), QStringLiteral("window_weekly"),
                                  QStringLiteral("mcp_monthly")}));
    EXPECT_EQ(details[2].toObject().value(QStringLiteral("remaining")).toDouble(), 93);
}
