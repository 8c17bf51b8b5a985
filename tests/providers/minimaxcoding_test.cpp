// The minimax-coding and minimax-coding-intl platforms (a MiniMax Coding Plan or Token Plan key)
// through the whole check path: Bearer, the Coding Plan's path first and the Token Plan's on a
// 404, the general model's five-hour and weekly windows (whose *_usage_count is what is LEFT),
// the tighter one as the headline, and errors that arrive as HTTP 200 in base_resp.
#include "tests/providers/providertest.h"

using namespace qw;
using namespace qw::test;

namespace {

const QByteArray kCodingPlanPath = "/v1/api/openplatform/coding_plan/remains";
const QByteArray kTokenPlanPath = "/v1/token_plan/remains";

} // namespace

class MiniMaxCoding : public ProviderTest
{
};

TEST_F(MiniMaxCoding, GeneralModelsFiveHourWindowInRequests)
{
    serveFixture(kCodingPlanPath, QStringLiteral("minimax-coding/coding_plan_remains.json"));

    const Snapshot snapshot = check(QStringLiteral("minimax-coding"));

    expectOk(snapshot);
    EXPECT_EQ(kindOf(snapshot), "quota");
    // current_interval_usage_count 1200 is what is left of 1500, not what is used; the video
    // model listed first, with nothing left, is not the plan's limit.
    EXPECT_EQ(microsOf(snapshot.remaining), 1'200'000'000);
    EXPECT_EQ(microsOf(snapshot.used), 300'000'000);
    EXPECT_EQ(microsOf(snapshot.limit), 1'500'000'000);
    EXPECT_EQ(snapshot.unit, QStringLiteral("requests"));
    EXPECT_EQ(balancesOf(snapshot), (Balances{{1'200'000'000, "requests"}}));
    EXPECT_EQ(isoOf(snapshot.resetsAt), "2026-11-15T14:30:00.000Z");
    // Weekly status 3: the plan has no weekly cap, so there is no weekly window.
    ASSERT_EQ(snapshot.details.size(), 1u);
    EXPECT_EQ(snapshot.details[0].name, QStringLiteral("window_5h"));
    EXPECT_EQ(microsOf(snapshot.details[0].remaining), 1'200'000'000);
}

TEST_F(MiniMaxCoding, SendsBearerToTheCodingPlanPathOnly)
{
    serveFixture(kCodingPlanPath, QStringLiteral("minimax-coding/coding_plan_remains.json"));

    expectOk(check(QStringLiteral("minimax-coding")));

    const auto requests = m_server.requests();
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0].method, "GET");
    EXPECT_EQ(requests[0].path, kCodingPlanPath);
    EXPECT_TRUE(requests[0].query.isEmpty());
    EXPECT_EQ(sentHeader("Authorization"), QByteArray("Bearer ") + kSecret);
    expectSecretOnlyInHeaders();
}

TEST_F(MiniMaxCoding, TighterWeeklyWindowLeads)
{
    serveFixture(kCodingPlanPath, QStringLiteral("minimax-coding/weekly_tighter.json"));

    const Snapshot snapshot = check(QStringLiteral("minimax-coding"));

    expectOk(snapshot);
    // 3000 of 45000 left in the week (6.7 %) against 4000 of 4500 in five hours.
    EXPECT_EQ(microsOf(snapshot.remaining), 3'000'000'000);
    EXPECT_EQ(microsOf(snapshot.used), 42'000'000'000);
    EXPECT_EQ(microsOf(snapshot.limit), 45'000'000'000);
    EXPECT_EQ(isoOf(snapshot.resetsAt), "2026-11-16T00:00:00.000Z");
    ASSERT_EQ(snapshot.details.size(), 2u);
    EXPECT_EQ(snapshot.details[0].name, QStringLiteral("window_5h"));
    EXPECT_EQ(microsOf(snapshot.details[0].remaining), 4'000'000'000);
    EXPECT_EQ(microsOf(snapshot.details[0].used), 500'000'000);
    EXPECT_EQ(snapshot.details[1].name, QStringLiteral("window_weekly"));
}

TEST_F(MiniMaxCoding, TokenPlanPathAfterA404AndItsWrappedPercentAnswer)
{
    // The Coding Plan's path is not routed: the test server answers 404.
    serveFixture(kTokenPlanPath, QStringLiteral("minimax-coding/token_plan_wrapped.json"));

    const Snapshot snapshot = check(QStringLiteral("minimax-coding"));

    expectOk(snapshot);
    const auto requests = m_server.requests();
    ASSERT_EQ(requests.size(), 2u);
    EXPECT_EQ(requests[0].path, kCodingPlanPath);
    EXPECT_EQ(requests[1].path, kTokenPlanPath);
    EXPECT_EQ(sentHeader("Authorization", 1), QByteArray("Bearer ") + kSecret);
    // Totals of 0: only the remaining percentages (strings here) say anything; 35 % < 72.5 %.
    EXPECT_EQ(microsOf(snapshot.remaining), 35'000'000);
    EXPECT_EQ(microsOf(snapshot.used), 65'000'000);
    EXPECT_EQ(microsOf(snapshot.limit), 100'000'000);
    EXPECT_EQ(snapshot.unit, QStringLiteral("percent"));
    ASSERT_EQ(snapshot.details.size(), 2u);
    EXPECT_EQ(microsOf(snapshot.details[1].remaining), 72'500'000);
    EXPECT_EQ(snapshot.details[1].name, QStringLiteral("window_weekly"));
}

TEST_F(MiniMaxCoding, ResetFromRemainsTimeWhenNoEndTime)
{
    serveJson(kCodingPlanPath, R"({"model_remains": [{"model_name": "general",
        "current_interval_total_count": 100, "current_interval_usage_count": 40, "remains_time": 5400000,
        "current_weekly_status": 3}], "base_resp": {"status_code": 0, "status_msg": "success"}})");

    const Snapshot snapshot = check(QStringLiteral("minimax-coding"));

    expectOk(snapshot);
    EXPECT_EQ(microsOf(snapshot.remaining), 40'000'000);
    // Now (12:00) plus 90 minutes.
    EXPECT_EQ(isoOf(snapshot.resetsAt), "2026-11-15T13:30:00.000Z");
}

TEST_F(MiniMaxCoding, InternationalPlanOnApiMinimaxIo)
{
    EXPECT_EQ(m_platforms.find(u"minimax-coding-intl")->defaultBaseUrl(),
              QStringLiteral("https://api.minimax.io"));
    EXPECT_EQ(m_platforms.find(u"minimax-coding")->defaultBaseUrl(),
              QStringLiteral("https://api.minimaxi.com"));
    serveFixture(kCodingPlanPath, QStringLiteral("minimax-coding-intl/coding_plan_remains.json"));

    const Snapshot snapshot = check(QStringLiteral("minimax-coding-intl"));

    expectOk(snapshot);
    EXPECT_EQ(microsOf(snapshot.remaining), 1'200'000'000);
}

TEST_F(MiniMaxCoding, InvalidKeyInHttp200IsAnAuthError)
{
    struct Case
    {
        const char *fixture;
        QString code;
    };
    for (const Case &c : {Case{"minimax-coding/invalid_api_key.json", QStringLiteral("2049")},
                          Case{"minimax-coding/login_failed.json", QStringLiteral("1004")}}) {
        SCOPED_TRACE(c.fixture);
        serveFixture(kCodingPlanPath, QString::fromLatin1(c.fixture));

        const Snapshot snapshot = check(QStringLiteral("minimax-coding"));

        expectError(snapshot, CheckStatus::AuthError);
        EXPECT_TRUE(snapshot.error.contains(c.code)) << snapshot.error.toStdString();
    }
}

TEST_F(MiniMaxCoding, OtherStatusCodesAreProviderErrorsWithTheMessage)
{
    serveFixture(kCodingPlanPath, QStringLiteral("minimax-coding/invalid_params.json"));

    const Snapshot snapshot = check(QStringLiteral("minimax-coding"));

    expectError(snapshot, CheckStatus::ProviderError);
    EXPECT_TRUE(snapshot.error.contains(QStringLiteral("plan not found"))) << snapshot.error.toStdString();
    EXPECT_TRUE(snapshot.error.contains(QStringLiteral("2013"))) << snapshot.error.toStdString();
}

TEST_F(MiniMaxCoding, ErrorInsideTheDataWrapperIsSeen)
{
    serveJson(kCodingPlanPath,
              R"({"data": {"base_resp": {"status_code": 2049, "status_msg": "invalid api key"}}})");

    const Snapshot snapshot = check(QStringLiteral("minimax-coding"));

    expectError(snapshot, CheckStatus::AuthError);
}

TEST_F(MiniMaxCoding, HttpAuthFailureIsAnAuthErrorWithoutFallingBack)
{
    serveJson(kCodingPlanPath, R"({"base_resp": {"status_code": 1004, "status_msg": "unauthorized"}})", 401);

    const Snapshot snapshot = check(QStringLiteral("minimax-coding"));

    expectError(snapshot, CheckStatus::AuthError);
    EXPECT_EQ(m_server.requestCount(), 1);
}

TEST_F(MiniMaxCoding, NoCappedWindowIsAParseError)
{
    serveJson(kCodingPlanPath, R"({"model_remains": [{"model_name": "general", "current_interval_status": 3,
        "current_weekly_status": 3}], "base_resp": {"status_code": 0}})");

    const Snapshot snapshot = check(QStringLiteral("minimax-coding"));

    expectError(snapshot, CheckStatus::ParseError);
    EXPECT_TRUE(snapshot.error.contains(QStringLiteral("model_remains[0]"))) << snapshot.error.toStdString();
}

TEST_F(MiniMaxCoding, MissingOrWrongFieldsAreParseErrorsNamingThem)
{
    struct Case
    {
        QByteArray body;
        QString names;
    };
    const std::vector<Case> cases{
        {R"({"base_resp": {"status_code": 0}})", QStringLiteral("model_remains")},
        {R"({"model_remains": [], "base_resp": {"status_code": 0}})", QStringLiteral("model_remains")},
        {R"({"model_remains": [{"model_name": "general", "current_interval_total_count": "many",
            "current_interval_usage_count": 3}]})",
         QStringLiteral("model_remains[0].current_interval_total_count")},
        {R"({"data": {"model_remains": [{"model_name": "general", "current_interval_remaining_percent": "half"}]}})",
         QStringLiteral("data.model_remains[0].current_interval_remaining_percent")},
    };
    for (const Case &c : cases) {
        SCOPED_TRACE(c.body.toStdString());
        serveJson(kCodingPlanPath, c.body);

        const Snapshot snapshot = check(QStringLiteral("minimax-coding"));

        expectError(snapshot, CheckStatus::ParseError);
        EXPECT_TRUE(snapshot.error.contains(c.names)) << snapshot.error.toStdString();
    }
}
