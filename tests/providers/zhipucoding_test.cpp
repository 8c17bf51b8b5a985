// The zhipu-coding and zai-coding platforms (a GLM Coding Plan key, China and international) through
// the whole check path: the key sent as is in Authorization, the five-hour or weekly window with
// the least left as the headline (in percent, or in credits on newer plans), every window and the
// monthly MCP quota kept as details, when it resets, and failures that arrive as HTTP 200.
#include "tests/providers/providertest.h"

using namespace qw;
using namespace qw::test;

namespace {

const QByteArray kLimitPath = "/api/monitor/usage/quota/limit";

// A successful answer with these entries in data.limits (each a JSON object's text).
QByteArray limitsBody(const QList<QByteArray> &entries)
{
    return R"({"code": 200, "msg": "操作成功", "data": {"limits": [)" + entries.join(',') +
           R"(]}, "success": true})";
}

// A detail as a line a person can compare: "window_5h: 63/100 percent, used 37, resets …".
std::string detailText(const ReadingDetail &detail)
{
    const auto text = [](const std::optional<Amount> &amount) {
        return amount ? amount->toString() : QStringLiteral("?");
    };
    return QStringLiteral("%1: %2/%3 %4, used %5, resets %6")
        .arg(detail.name, text(detail.remaining), text(detail.limit), detail.unit, text(detail.used),
             QString::fromStdString(isoOf(detail.resetsAt)))
        .toStdString();
}

std::vector<std::string> detailTexts(const Snapshot &snapshot)
{
    std::vector<std::string> texts;
    for (const ReadingDetail &detail : snapshot.details)
        texts.push_back(detailText(detail));
    return texts;
}

} // namespace

class ZhipuCoding : public ProviderTest
{
protected:
};

TEST_F(ZhipuCoding, MostUsedWindowIsTheHeadline)
{
    serveFixture(kLimitPath, QStringLiteral("zhipu-coding/quota_limit.json"));

    const Snapshot snapshot = check(QStringLiteral("zhipu-coding"));

    expectOk(snapshot);
    EXPECT_EQ(kindOf(snapshot), "quota");
    // The weekly window (64 %) beats the 5-hour one (37 %) and the monthly one (12 %).
    EXPECT_EQ(microsOf(snapshot.remaining), 36'000'000);
    EXPECT_EQ(microsOf(snapshot.used), 64'000'000);
    EXPECT_EQ(microsOf(snapshot.limit), 100'000'000);
    EXPECT_EQ(snapshot.unit, QStringLiteral("percent"));
    EXPECT_EQ(balancesOf(snapshot), (Balances{{36'000'000, "percent"}}));
    EXPECT_EQ(isoOf(snapshot.resetsAt), "2026-11-16T00:00:00.000Z"); // its nextResetTime, in ms
    // Every window is kept, the MCP quota in requests as the answer counts it.
    EXPECT_EQ(detailTexts(snapshot),
              (std::vector<std::string>{
                  "window_5h: 63/100 percent, used 37, resets 2026-11-15T14:30:00.000Z",
                  "window_weekly: 36/100 percent, used 64, resets 2026-11-16T00:00:00.000Z",
                  "mcp_monthly: 880/1000 requests, used 120, resets 2026-12-01T00:00:00.000Z",
              }));
}

TEST_F(ZhipuCoding, CreditWindowsGiveTheHeadlineInCredits)
{
    // Newer plans count credits: usage is the window's total, currentValue what is used.
    serveFixture(kLimitPath, QStringLiteral("zhipu-coding/credit_limit.json"));

    const Snapshot snapshot = check(QStringLiteral("zhipu-coding"));

    expectOk(snapshot);
    EXPECT_EQ(kindOf(snapshot), "quota");
    // 11615 of 12000 left in five hours (96.8 %) is less than 58791 of 60000 in the week (98 %);
    // the MCP quota, nearly spent, never leads.
    EXPECT_EQ(microsOf(snapshot.remaining), 11'615'000'000);
    EXPECT_EQ(microsOf(snapshot.used), 402'000'000);
    EXPECT_EQ(microsOf(snapshot.limit), 12'000'000'000);
    EXPECT_EQ(snapshot.unit, QStringLiteral("credits"));
    EXPECT_EQ(balancesOf(snapshot), (Balances{{11'615'000'000, "credits"}}));
    EXPECT_EQ(isoOf(snapshot.resetsAt), "2026-11-15T14:30:54.621Z");
    EXPECT_EQ(detailTexts(snapshot),
              (std::vector<std::string>{
                  "window_5h: 11615/12000 credits, used 402, resets 2026-11-15T14:30:54.621Z",
                  "window_weekly: 58791/60000 credits, used 1226, resets 2026-11-19T00:00:00.000Z",
                  "mcp_monthly: 100/4000 requests, used 3900, resets 2026-12-01T00:00:00.000Z",
              }));
}

TEST_F(ZhipuCoding, CreditWindowWithoutRemainingDrawsItFromTotalAndUsed)
{
    serveJson(kLimitPath, limitsBody({R"({"type": "CREDIT_LIMIT", "unit": 3, "number": 5, "usage": 12000,
                                          "currentValue": 9000, "percentage": 75})",
                                      R"({"type": "CREDIT_LIMIT", "unit": 6, "number": 1, "usage": 60000,
                                          "remaining": "30000", "percentage": 50})"}));

    const Snapshot snapshot = check(QStringLiteral("zhipu-coding"));

    expectOk(snapshot);
    EXPECT_EQ(microsOf(snapshot.remaining), 3'000'000'000);
    EXPECT_EQ(microsOf(snapshot.used), 9'000'000'000);
    ASSERT_EQ(snapshot.details.size(), 2u);
    EXPECT_EQ(microsOf(snapshot.details[1].used), 30'000'000'000);
}

TEST_F(ZhipuCoding, CreditWindowWithOnlyItsTotalFallsBackToThePercentage)
{
    serveJson(kLimitPath,
              limitsBody(
                  {R"({"type": "CREDIT_LIMIT", "unit": 3, "number": 5, "usage": 12000, "percentage": 30})"}));

    const Snapshot snapshot = check(QStringLiteral("zhipu-coding"));

    expectOk(snapshot);
    EXPECT_EQ(microsOf(snapshot.remaining), 70'000'000);
    EXPECT_EQ(snapshot.unit, QStringLiteral("percent"));
}

TEST_F(ZhipuCoding, LeastShareLeftLeadsAcrossCreditsAndPercent)
{
    // 1000 of 10000 credits is 10 % left; the token window has 15 % left.
    serveJson(kLimitPath, limitsBody({R"({"type": "TOKENS_LIMIT", "unit": 6, "number": 1, "percentage": 85})",
                                      R"({"type": "CREDIT_LIMIT", "unit": 3, "number": 5, "usage": 10000,
                              "currentValue": 9000, "remaining": 1000, "percentage": 90})"}));

    const Snapshot snapshot = check(QStringLiteral("zhipu-coding"));

    expectOk(snapshot);
    EXPECT_EQ(microsOf(snapshot.remaining), 1'000'000'000);
    EXPECT_EQ(snapshot.unit, QStringLiteral("credits"));
    ASSERT_EQ(snapshot.details.size(), 2u);
    EXPECT_EQ(snapshot.details[0].name, QStringLiteral("window_weekly"));
    EXPECT_EQ(snapshot.details[1].name, QStringLiteral("window_5h"));
}

TEST_F(ZhipuCoding, McpQuotaIsNeverTheHeadline)
{
    serveJson(kLimitPath,
              limitsBody({R"({"type": "TIME_LIMIT", "unit": 5, "number": 1, "percentage": 99,
                              "nextResetTime": 1796083200000})",
                          R"({"type": "TOKENS_LIMIT", "unit": 3, "number": 5, "percentage": 10})"}));

    const Snapshot snapshot = check(QStringLiteral("zhipu-coding"));

    expectOk(snapshot);
    EXPECT_EQ(microsOf(snapshot.remaining), 90'000'000);
    EXPECT_FALSE(snapshot.resetsAt.isValid()) << isoOf(snapshot.resetsAt);
    EXPECT_EQ(
        detailTexts(snapshot),
        (std::vector<std::string>{"mcp_monthly: 1/100 percent, used 99, resets 2026-12-01T00:00:00.000Z",
                                  "window_5h: 90/100 percent, used 10, resets invalid"}));
}

TEST_F(ZhipuCoding, OnlyTheMcpQuotaIsAParseErrorNotAHeadline)
{
    serveJson(kLimitPath, limitsBody({R"({"type": "TIME_LIMIT", "unit": 5, "number": 1, "percentage": 3})"}));

    const Snapshot snapshot = check(QStringLiteral("zhipu-coding"));

    expectError(snapshot, CheckStatus::ParseError);
    EXPECT_TRUE(snapshot.error.contains(QStringLiteral("five-hour or weekly")))
        << snapshot.error.toStdString();
}

TEST_F(ZhipuCoding, UnknownKindsOfLimitAreLeftOut)
{
    serveJson(kLimitPath,
              limitsBody({R"({"type": "SOMETHING_NEW", "unit": 3, "number": 5, "percentage": 99})",
                          R"({"type": "TOKENS_LIMIT", "unit": 3, "number": 5, "percentage": 40})"}));

    const Snapshot snapshot = check(QStringLiteral("zhipu-coding"));

    expectOk(snapshot);
    EXPECT_EQ(microsOf(snapshot.remaining), 60'000'000);
    ASSERT_EQ(snapshot.details.size(), 1u);
}

TEST_F(ZhipuCoding, Code401InHttp200IsAnAuthError)
{
    serveFixture(kLimitPath, QStringLiteral("zhipu-coding/code_401.json"));

    const Snapshot snapshot = check(QStringLiteral("zhipu-coding"));

    expectError(snapshot, CheckStatus::AuthError);
    EXPECT_TRUE(snapshot.error.contains(QStringLiteral("令牌已过期或验证不正确")))
        << snapshot.error.toStdString();
}

TEST_F(ZhipuCoding, ZaiIsTheInternationalPlanOnApiZAi)
{
    const Adapter *zai = m_platforms.find(u"zai-coding");
    ASSERT_NE(zai, nullptr);
    EXPECT_EQ(zai->defaultBaseUrl(), QStringLiteral("https://api.z.ai"));
    EXPECT_EQ(m_platforms.find(u"zhipu-coding")->defaultBaseUrl(),
              QStringLiteral("https://open.bigmodel.cn"));
    serveFixture(kLimitPath, QStringLiteral("zai-coding/quota_limit.json"));

    const Snapshot snapshot = check(QStringLiteral("zai-coding"));

    expectOk(snapshot);
    EXPECT_EQ(sentHeader("Authorization"), QByteArray(kSecret));
    EXPECT_EQ(microsOf(snapshot.remaining), 42'000'000); // the five-hour window, 58 % used
    EXPECT_EQ(isoOf(snapshot.resetsAt), "2026-11-15T14:30:00.000Z");
    ASSERT_EQ(snapshot.details.size(), 3u);
    EXPECT_EQ(snapshot.details[2].name, QStringLiteral("mcp_monthly"));
    EXPECT_EQ(microsOf(snapshot.details[2].remaining), 93'000'000);
}

TEST_F(ZhipuCoding, ZaiCode401InHttp200IsAnAuthError)
{
    serveFixture(kLimitPath, QStringLiteral("zai-coding/code_401.json"));

    const Snapshot snapshot = check(QStringLiteral("zai-coding"));

    expectError(snapshot, CheckStatus::AuthError);
}

TEST_F(ZhipuCoding, SendsTheKeyAsIsInAuthorizationWithoutBearer)
{
    serveFixture(kLimitPath, QStringLiteral("zhipu-coding/quota_limit.json"));

    expectOk(check(QStringLiteral("zhipu-coding")));

    const auto requests = m_server.requests();
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0].method, "GET");
    EXPECT_EQ(requests[0].path, kLimitPath);
    EXPECT_TRUE(requests[0].query.isEmpty());
    EXPECT_EQ(sentHeader("Authorization"), QByteArray(kSecret));
    expectSecretOnlyInHeaders();
}

TEST_F(ZhipuCoding, OrderOfTheWindowsDoesNotMatter)
{
    serveJson(
        kLimitPath,
        limitsBody(
            {R"({"type": "TOKENS_LIMIT", "unit": 3, "percentage": 81, "nextResetTime": 1794753000000})",
             R"({"type": "TOKENS_LIMIT", "unit": 6, "percentage": 20, "nextResetTime": 1794787200000})"}));

    const Snapshot snapshot = check(QStringLiteral("zhipu-coding"));

    expectOk(snapshot);
    EXPECT_EQ(microsOf(snapshot.remaining), 19'000'000);
    EXPECT_EQ(isoOf(snapshot.resetsAt), "2026-11-15T14:30:00.000Z");
}

TEST_F(ZhipuCoding, NumericStringsAndFractionsAreRead)
{
    serveFixture(kLimitPath, QStringLiteral("zhipu-coding/quota_limit_strings.json"));

    const Snapshot snapshot = check(QStringLiteral("zhipu-coding"));

    expectOk(snapshot);
    EXPECT_EQ(microsOf(snapshot.remaining), 57'500'000);
    EXPECT_EQ(microsOf(snapshot.used), 42'500'000);
    EXPECT_EQ(isoOf(snapshot.resetsAt), "2026-11-15T14:30:00.000Z");
}

TEST_F(ZhipuCoding, WindowOverItsLimitLeavesNothing)
{
    serveJson(
        kLimitPath,
        limitsBody(
            {R"({"type": "TOKENS_LIMIT", "unit": 3, "percentage": 104, "nextResetTime": 1794753000000})"}));

    const Snapshot snapshot = check(QStringLiteral("zhipu-coding"));

    expectOk(snapshot);
    EXPECT_EQ(microsOf(snapshot.remaining), 0);
    EXPECT_EQ(microsOf(snapshot.used), 100'000'000);
}

TEST_F(ZhipuCoding, OfTwoFullWindowsTheLaterResetIsWhenTheKeyWorksAgain)
{
    // Both full: the 5-hour window refills at 14:30, but the weekly one holds the key until midnight.
    serveJson(
        kLimitPath,
        limitsBody(
            {R"({"type": "TOKENS_LIMIT", "unit": 3, "percentage": 100, "nextResetTime": 1794753000000})",
             R"({"type": "TOKENS_LIMIT", "unit": 6, "percentage": 100, "nextResetTime": 1794787200000})"}));

    const Snapshot snapshot = check(QStringLiteral("zhipu-coding"));

    expectOk(snapshot);
    EXPECT_EQ(microsOf(snapshot.remaining), 0);
    EXPECT_EQ(isoOf(snapshot.resetsAt), "2026-11-16T00:00:00.000Z");
}

TEST_F(ZhipuCoding, WindowWithoutAResetTimeHasNone)
{
    // An idle window sends no nextResetTime.
    serveJson(kLimitPath,
              limitsBody({R"({"type": "TOKENS_LIMIT", "unit": 3, "number": 5, "percentage": 3})"}));

    const Snapshot snapshot = check(QStringLiteral("zhipu-coding"));

    expectOk(snapshot);
    EXPECT_EQ(microsOf(snapshot.remaining), 97'000'000);
    EXPECT_FALSE(snapshot.resetsAt.isValid()) << isoOf(snapshot.resetsAt);
}

TEST_F(ZhipuCoding, AuthenticationCodesInHttp200AreAuthErrors)
{
    struct Case
    {
        const char *fixture;
        QString said;
    };
    const std::vector<Case> cases{
        {"zhipu-coding/auth_failed.json", QStringLiteral("身份验证失败")},
        {"zhipu-coding/no_header.json", QStringLiteral("未收到Authorization参数")},
        {"zhipu-coding/token_expired.json", QStringLiteral("Token已过期")},
    };
    for (const Case &c : cases) {
        SCOPED_TRACE(c.fixture);
        serveFixture(kLimitPath, QString::fromLatin1(c.fixture));

        const Snapshot snapshot = check(QStringLiteral("zhipu-coding"));

        expectError(snapshot, CheckStatus::AuthError);
        EXPECT_TRUE(snapshot.error.contains(c.said)) << snapshot.error.toStdString();
    }
}

TEST_F(ZhipuCoding, AuthenticationCodeAloneIsEnough)
{
    // No word of the message gives it away: the code does.
    serveJson(kLimitPath, R"({"code": 1004, "msg": "认证失败", "success": false})");

    const Snapshot snapshot = check(QStringLiteral("zhipu-coding"));

    expectError(snapshot, CheckStatus::AuthError);
    EXPECT_TRUE(snapshot.error.contains(QStringLiteral("1004"))) << snapshot.error.toStdString();
}

TEST_F(ZhipuCoding, OtherCodesInHttp200AreProviderErrors)
{
    struct Case
    {
        const char *fixture;
        QString said;
        QString code;
    };
    const std::vector<Case> cases{
        {"zhipu-coding/arrears.json", QStringLiteral("您的账户已欠费"), QStringLiteral("1113")},
        {"zhipu-coding/system_busy.json", QStringLiteral("系统繁忙"), QStringLiteral("500")},
    };
    for (const Case &c : cases) {
        SCOPED_TRACE(c.fixture);
        serveFixture(kLimitPath, QString::fromLatin1(c.fixture));

        const Snapshot snapshot = check(QStringLiteral("zhipu-coding"));

        expectError(snapshot, CheckStatus::ProviderError);
        EXPECT_TRUE(snapshot.error.contains(c.said)) << snapshot.error.toStdString();
        EXPECT_TRUE(snapshot.error.contains(c.code)) << snapshot.error.toStdString();
    }
}

TEST_F(ZhipuCoding, PercentageOfTheWrongTypeIsAParseErrorNamingItsPlace)
{
    for (const QByteArray &value : {QByteArray("true"), QByteArray(R"("half")"), QByteArray("null")}) {
        SCOPED_TRACE(value.toStdString());
        serveJson(kLimitPath, limitsBody({R"({"unit": 3, "percentage": 10})",
                                          R"({"unit": 6, "percentage": )" + value + "}"}));

        const Snapshot snapshot = check(QStringLiteral("zhipu-coding"));

        expectError(snapshot, CheckStatus::ParseError);
        EXPECT_TRUE(snapshot.error.contains(QStringLiteral("data.limits[1].percentage")))
            << snapshot.error.toStdString();
    }
}

TEST_F(ZhipuCoding, LimitsMissingEmptyOrNotAListIsAParseErrorNamingThem)
{
    for (const QByteArray &data : {QByteArray("{}"), QByteArray(R"({"limits": []})"),
                                   QByteArray(R"({"limits": {"percentage": 5}})")}) {
        SCOPED_TRACE(data.toStdString());
        serveJson(kLimitPath,
                  R"({"code": 200, "msg": "操作成功", "data": )" + data + R"(, "success": true})");

        const Snapshot snapshot = check(QStringLiteral("zhipu-coding"));

        expectError(snapshot, CheckStatus::ParseError);
        EXPECT_TRUE(snapshot.error.contains(QStringLiteral("data.limits"))) << snapshot.error.toStdString();
    }
}

TEST_F(ZhipuCoding, SuccessThatIsNotABooleanIsAParseErrorNamingIt)
{
    serveJson(
        kLimitPath,
        R"({"code": 200, "msg": "操作成功", "data": {"limits": [{"percentage": 1}]}, "success": "true"})");

    const Snapshot snapshot = check(QStringLiteral("zhipu-coding"));

    expectError(snapshot, CheckStatus::ParseError);
    EXPECT_TRUE(snapshot.error.contains(QStringLiteral("success"))) << snapshot.error.toStdString();
}
