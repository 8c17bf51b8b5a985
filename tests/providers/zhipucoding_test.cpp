// The zhipu-coding platform (a GLM Coding Plan key) through the whole check path: the key sent as is
// in Authorization, the most used of several usage windows as the headline percentage, when it
// resets, and failures that arrive as HTTP 200 with success false.
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
    serveJson(kLimitPath, limitsBody({R"({"type": "TIME_LIMIT", "unit": 5, "percentage": 3})"}));

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
