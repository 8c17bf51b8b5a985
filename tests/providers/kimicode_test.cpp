// The kimi-code platform (a Kimi Code plan key) through the whole check path: Bearer, the weekly
// quota (`usage`) and the rate windows (`limits`) as request counts sent as strings, the one
// with the least share left as the headline, every one kept as a detail, missing used or
// remaining drawn from the limit, and 401/403.
#include "tests/providers/providertest.h"

using namespace qw;
using namespace qw::test;

namespace {

const QByteArray kUsagesPath = "/coding/v1/usages";

} // namespace

class KimiCode : public ProviderTest
{
};

TEST_F(KimiCode, FiveHourWindowWithLessLeftLeads)
{
    serveFixture(kUsagesPath, QStringLiteral("kimi-code/usages.json"));

    const Snapshot snapshot = check(QStringLiteral("kimi-code"));

    expectOk(snapshot);
    EXPECT_EQ(kindOf(snapshot), "quota");
    // 61 of 200 (30.5 %) in five hours against 1834 of 2048 (89.6 %) in the week.
    EXPECT_EQ(microsOf(snapshot.remaining), 61'000'000);
    EXPECT_EQ(microsOf(snapshot.used), 139'000'000);
    EXPECT_EQ(microsOf(snapshot.limit), 200'000'000);
    EXPECT_EQ(snapshot.unit, QStringLiteral("requests"));
    EXPECT_EQ(balancesOf(snapshot), (Balances{{61'000'000, "requests"}}));
    EXPECT_EQ(isoOf(snapshot.resetsAt), "2026-11-15T14:00:00.000Z");
    ASSERT_EQ(snapshot.details.size(), 2u);
    EXPECT_EQ(snapshot.details[0].name, QStringLiteral("window_weekly"));
    EXPECT_EQ(microsOf(snapshot.details[0].remaining), 1'834'000'000);
    EXPECT_EQ(microsOf(snapshot.details[0].used), 214'000'000);
    EXPECT_EQ(microsOf(snapshot.details[0].limit), 2'048'000'000);
    EXPECT_EQ(isoOf(snapshot.details[0].resetsAt), "2026-11-20T15:23:13.000Z");
    EXPECT_EQ(snapshot.details[1].name, QStringLiteral("window_5h"));
    EXPECT_EQ(snapshot.details[1].unit, QStringLiteral("requests"));
}

TEST_F(KimiCode, SendsBearerToTheUsagesPath)
{
    serveFixture(kUsagesPath, QStringLiteral("kimi-code/usages.json"));

    expectOk(check(QStringLiteral("kimi-code")));

    const auto requests = m_server.requests();
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0].method, "GET");
    EXPECT_EQ(requests[0].path, kUsagesPath);
    EXPECT_EQ(sentHeader("Authorization"), QByteArray("Bearer ") + kSecret);
    expectSecretOnlyInHeaders();
    EXPECT_EQ(m_platforms.find(u"kimi-code")->defaultBaseUrl(), QStringLiteral("https://api.kimi.com"));
}

TEST_F(KimiCode, MissingUsedOrRemainingIsDrawnFromTheLimit)
{
    serveFixture(kUsagesPath, QStringLiteral("kimi-code/usages_partial.json"));

    const Snapshot snapshot = check(QStringLiteral("kimi-code"));

    expectOk(snapshot);
    // The week: 2000 of 2048 used, so 48 left (2.3 %), tighter than 150 of 200 in five hours.
    EXPECT_EQ(microsOf(snapshot.remaining), 48'000'000);
    EXPECT_EQ(microsOf(snapshot.used), 2'000'000'000);
    EXPECT_EQ(isoOf(snapshot.resetsAt), "2026-11-20T15:23:13.500Z");
    ASSERT_EQ(snapshot.details.size(), 2u);
    EXPECT_EQ(microsOf(snapshot.details[1].used), 50'000'000);
    EXPECT_EQ(microsOf(snapshot.details[1].remaining), 150'000'000);
}

TEST_F(KimiCode, WindowLengthsInOtherUnitsAreNamed)
{
    serveJson(kUsagesPath, R"({"limits": [
        {"window": {"duration": 5, "timeUnit": "TIME_UNIT_HOUR"}, "detail": {"limit": "100", "used": "10"}},
        {"window": {"duration": 1, "timeUnit": "TIME_UNIT_DAY"}, "detail": {"limit": "500", "used": "20"}},
        {"window": {"duration": 90, "timeUnit": "TIME_UNIT_MINUTE"}, "detail": {"limit": "30", "used": "29"}},
        {"window": {"duration": 3, "timeUnit": "TIME_UNIT_FORTNIGHT"}, "detail": {"limit": "9", "used": "0"}}]})");

    const Snapshot snapshot = check(QStringLiteral("kimi-code"));

    expectOk(snapshot);
    ASSERT_EQ(snapshot.details.size(), 4u);
    EXPECT_EQ(snapshot.details[0].name, QStringLiteral("window_5h"));
    EXPECT_EQ(snapshot.details[1].name, QStringLiteral("window_daily"));
    EXPECT_EQ(snapshot.details[2].name, QStringLiteral("window_90min"));
    EXPECT_EQ(snapshot.details[3].name, QStringLiteral("window_3"));
    EXPECT_EQ(microsOf(snapshot.remaining), 1'000'000); // the 90-minute window
}

TEST_F(KimiCode, EqualSharesLeftTheLaterResetLeads)
{
    serveJson(kUsagesPath,
              R"({"usage": {"limit": "1000", "used": "1000", "resetTime": "2026-11-20T00:00:00Z"},
        "limits": [{"window": {"duration": 300, "timeUnit": "TIME_UNIT_MINUTE"},
                    "detail": {"limit": "200", "used": "200", "resetTime": "2026-11-15T14:00:00Z"}}]})");

    const Snapshot snapshot = check(QStringLiteral("kimi-code"));

    expectOk(snapshot);
    EXPECT_EQ(microsOf(snapshot.remaining), 0);
    EXPECT_EQ(microsOf(snapshot.limit), 1'000'000'000);
    EXPECT_EQ(isoOf(snapshot.resetsAt), "2026-11-20T00:00:00.000Z");
}

TEST_F(KimiCode, UnauthorizedAndForbiddenAreAuthErrors)
{
    for (const auto &[fixture, status] :
         {std::pair{"kimi-code/unauthorized.json", 401}, std::pair{"kimi-code/forbidden.json", 403}}) {
        SCOPED_TRACE(fixture);
        serveFixture(kUsagesPath, QString::fromLatin1(fixture), status);

        const Snapshot snapshot = check(QStringLiteral("kimi-code"));

        expectError(snapshot, CheckStatus::AuthError);
    }
}

TEST_F(KimiCode, BrokenAnswersAreParseErrorsNamingTheField)
{
    struct Case
    {
        QByteArray body;
        QString names;
    };
    const std::vector<Case> cases{
        {R"({})", QStringLiteral("usage")},
        {R"({"usage": {"used": "3"}})", QStringLiteral("usage.limit")},
        {R"({"usage": {"limit": "10"}})", QStringLiteral("usage")},
        {R"({"usage": {"limit": "10", "used": "lots"}})", QStringLiteral("usage.used")},
        {R"({"limits": [{"window": {"duration": 300, "timeUnit": "TIME_UNIT_MINUTE"}}]})",
         QStringLiteral("limits[0].detail")},
        {R"({"limits": [{"detail": {"limit": "10", "remaining": []}}]})",
         QStringLiteral("limits[0].detail.remaining")},
        {R"({"usage": {"limit": "0", "used": "0"}})", QStringLiteral("limit above zero")},
    };
    for (const Case &c : cases) {
        SCOPED_TRACE(c.body.toStdString());
        serveJson(kUsagesPath, c.body);

        const Snapshot snapshot = check(QStringLiteral("kimi-code"));

        expectError(snapshot, CheckStatus::ParseError);
        EXPECT_TRUE(snapshot.error.contains(c.names)) << snapshot.error.toStdString();
    }
}
