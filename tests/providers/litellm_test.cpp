// The litellm platform (a LiteLLM proxy's virtual key) through the whole check path: the key's
// max_budget minus its spend, the spend alone, this month's spend against the user's
// monthly_budget, the budget of the key's team or user, and when the proxy resets the budget.
#include "tests/providers/providertest.h"

#include <time.h>

using namespace qw;
using namespace qw::test;

namespace {

const QByteArray kInfoPath = "/key/info";
const QByteArray kActivityPath = "/user/daily/activity";
const QByteArray kTeamPath = "/team/info";
const QByteArray kUserPath = "/user/info";
// The hash /key/info names the fixtures' key by.
const QString kHashedKey = QStringLiteral("cd8df3d077a7f180670c027144514c9211fd787f9da994594409f7bf887418ad");

QByteArray keyInfo(const QByteArray &spend, const QByteArray &maxBudget, const QByteArray &resetAt = "null")
{
    return R"({"key": "sk-...cdef", "info": {"key_name": "sk-...cdef", "spend": )" + spend +
           R"(, "max_budget": )" + maxBudget + R"(, "budget_duration": "30d", "budget_reset_at": )" +
           resetAt + R"(, "models": []}})";
}

// Sets TZ for one scope, so that a time read as local time would come out wrong.
class ScopedTimeZone
{
public:
    explicit ScopedTimeZone(const char *zone)
        : m_had(qEnvironmentVariableIsSet("TZ"))
        , m_old(qgetenv("TZ"))
    {
        qputenv("TZ", zone);
        tzset();
    }
    ~ScopedTimeZone()
    {
        if (m_had)
            qputenv("TZ", m_old);
        else
            qunsetenv("TZ");
        tzset();
    }
    ScopedTimeZone(const ScopedTimeZone &) = delete;
    ScopedTimeZone &operator=(const ScopedTimeZone &) = delete;

private:
    bool m_had;
    QByteArray m_old;
};

} // namespace

class LiteLlm : public ProviderTest
{
protected:
    std::vector<std::string> paths() const
    {
        std::vector<std::string> result;
        for (const RecordedRequest &request : m_server.requests())
            result.push_back(request.path.toStdString());
        return result;
    }
};

TEST_F(LiteLlm, MaxBudgetMinusSpendIsWhatTheKeyHasLeft)
{
    serveFixture(kInfoPath, QStringLiteral("litellm/key_info_budget.json"));

    const Snapshot snapshot = check(QStringLiteral("litellm"));

    expectOk(snapshot);
    EXPECT_EQ(kindOf(snapshot), "key_limit");
    EXPECT_EQ(microsOf(snapshot.remaining), 37'654'400); // 50 - 12.3456
    EXPECT_EQ(microsOf(snapshot.used), 12'345'600);
    EXPECT_EQ(microsOf(snapshot.limit), 50'000'000);
    EXPECT_EQ(snapshot.unit, QStringLiteral("USD"));
    EXPECT_EQ(balancesOf(snapshot), (Balances{{37'654'400, "USD"}}));
    EXPECT_EQ(isoOf(snapshot.resetsAt), "2026-12-01T00:00:00.000Z");
}

TEST_F(LiteLlm, AsksForKeyInfoWithTheKeyAsBearer)
{
    serveFixture(kInfoPath, QStringLiteral("litellm/key_info_budget.json"));

    expectOk(check(QStringLiteral("litellm")));

    const auto requests = m_server.requests();
    // Then /user/info for the key's user (default_user_id), which this proxy does not know.
    ASSERT_EQ(requests.size(), 2u);
    EXPECT_EQ(requests[0].method, "GET");
    EXPECT_EQ(requests[0].path, kInfoPath);
    EXPECT_TRUE(requests[0].query.isEmpty()) << "the key must not go in ?key=";
    EXPECT_EQ(sentHeader("Authorization"), QByteArray(QByteArray("Bearer ") + kSecret));
    expectSecretOnlyInHeaders();
}

TEST_F(LiteLlm, KeyWithoutMaxBudgetReportsItsSpend)
{
    serveFixture(kInfoPath, QStringLiteral("litellm/key_info_no_budget.json"));

    const Snapshot snapshot = check(QStringLiteral("litellm"));

    expectOk(snapshot);
    EXPECT_EQ(kindOf(snapshot), "spend");
    EXPECT_EQ(microsOf(snapshot.used), 7'500'000);
    EXPECT_EQ(microsOf(snapshot.remaining), std::nullopt);
    EXPECT_EQ(microsOf(snapshot.limit), std::nullopt);
    EXPECT_EQ(snapshot.unit, QStringLiteral("USD"));
    EXPECT_TRUE(snapshot.balances.empty());
    EXPECT_FALSE(snapshot.resetsAt.isValid());
}

TEST_F(LiteLlm, MonthlyBudgetOptionCountsOnlyThisMonthsSpend)
{
    // The key has no budget_duration, so its spend (7.5) is all-time; this month's (4.25) comes
    // from the activity report.
    serveFixture(kInfoPath, QStringLiteral("litellm/key_info_no_budget.json"));
    serveFixture(kActivityPath, QStringLiteral("litellm/daily_activity.json"));

    const Snapshot snapshot = check(QStringLiteral("litellm"), {QStringLiteral("monthly_budget=20")});

    expectOk(snapshot);
    EXPECT_EQ(kindOf(snapshot), "key_limit");
    EXPECT_EQ(microsOf(snapshot.remaining), 15'750'000);
    EXPECT_EQ(microsOf(snapshot.used), 4'250'000);
    EXPECT_EQ(microsOf(snapshot.limit), 20'000'000);
    EXPECT_EQ(balancesOf(snapshot), (Balances{{15'750'000, "USD"}}));
    EXPECT_EQ(isoOf(snapshot.resetsAt), "2026-12-01T00:00:00.000Z");
    ASSERT_GE(m_server.requestCount(), 2);
    EXPECT_EQ(paths()[1], kActivityPath.toStdString());
    EXPECT_EQ(queryParam(1, "start_date"), QStringLiteral("2026-11-01"));
    EXPECT_EQ(queryParam(1, "end_date"), QStringLiteral("2026-11-15"));
    EXPECT_EQ(queryParam(1, "api_key"), kHashedKey);
    expectSecretOnlyInHeaders();
}

TEST_F(LiteLlm, MonthlyBudgetOfAKeyWhoseSpendResetsEachPeriodUsesThatSpend)
{
    // With a budget_duration the proxy resets the key's spend each period: it is the period's.
    serveJson(kInfoPath, keyInfo("7.5", "null", R"("2026-12-01T00:00:00Z")"));

    const Snapshot snapshot = check(QStringLiteral("litellm"), {QStringLiteral("monthly_budget=20")});

    expectOk(snapshot);
    EXPECT_EQ(kindOf(snapshot), "key_limit");
    EXPECT_EQ(microsOf(snapshot.remaining), 12'500'000);
    EXPECT_EQ(microsOf(snapshot.used), 7'500'000);
    EXPECT_EQ(isoOf(snapshot.resetsAt), "2026-12-01T00:00:00.000Z");
    EXPECT_EQ(m_server.requestCount(), 1) << "no activity report needed";
}

TEST_F(LiteLlm, MonthlyBudgetWithoutThisMonthsSpendReportsOnlyTheSpend)
{
    // A proxy that does not show the key its activity: subtracting all-time spend from a
    // monthly budget would be wrong, so no remaining is claimed.
    serveFixture(kInfoPath, QStringLiteral("litellm/key_info_no_budget.json"));
    serveJson(kActivityPath, R"({"error": {"message": "Only admins can view other users' activity"}})", 403);

    const Snapshot snapshot = check(QStringLiteral("litellm"), {QStringLiteral("monthly_budget=20")});

    expectOk(snapshot);
    EXPECT_EQ(kindOf(snapshot), "spend");
    EXPECT_EQ(microsOf(snapshot.used), 7'500'000);
    EXPECT_FALSE(snapshot.remaining.has_value());
    EXPECT_FALSE(snapshot.limit.has_value());
}

TEST_F(LiteLlm, ExhaustedTeamBudgetIsTheHeadlineEvenWhenTheKeyHasRoom)
{
    serveFixture(kInfoPath, QStringLiteral("litellm/key_info_team.json"));
    serveFixture(kTeamPath, QStringLiteral("litellm/team_info_exhausted.json"));

    const Snapshot snapshot = check(QStringLiteral("litellm"));

    expectOk(snapshot);
    EXPECT_EQ(kindOf(snapshot), "key_limit");
    EXPECT_EQ(microsOf(snapshot.remaining), -20'000); // 100 - 100.02: the team is over budget
    EXPECT_EQ(microsOf(snapshot.limit), 100'000'000);
    EXPECT_EQ(microsOf(snapshot.used), 100'020'000);
    EXPECT_EQ(isoOf(snapshot.resetsAt), "2026-12-01T00:00:00.000Z");
    ASSERT_EQ(snapshot.details.size(), 2u);
    EXPECT_EQ(snapshot.details[0].name, QStringLiteral("key_budget"));
    EXPECT_EQ(microsOf(snapshot.details[0].remaining), 40'000'000);
    EXPECT_EQ(snapshot.details[1].name, QStringLiteral("team_budget"));
    EXPECT_EQ(microsOf(snapshot.details[1].remaining), -20'000);
    EXPECT_EQ(microsOf(snapshot.details[1].limit), 100'000'000);
    // A team key is held to the team's budget, not its owner's: no /user/info.
    EXPECT_EQ(paths(), (std::vector<std::string>{kInfoPath.toStdString(), kTeamPath.toStdString()}));
    EXPECT_EQ(queryParam(1, "team_id"), QStringLiteral("team-eng"));
    expectSecretOnlyInHeaders();
}

TEST_F(LiteLlm, TeamWithRoomLeavesTheKeysOwnBudgetAsTheHeadline)
{
    serveFixture(kInfoPath, QStringLiteral("litellm/key_info_team.json"));
    serveFixture(kTeamPath, QStringLiteral("litellm/team_info_room.json"));

    const Snapshot snapshot = check(QStringLiteral("litellm"));

    expectOk(snapshot);
    EXPECT_EQ(microsOf(snapshot.remaining), 40'000'000);
    EXPECT_EQ(microsOf(snapshot.limit), 50'000'000);
    ASSERT_EQ(snapshot.details.size(), 2u);
    EXPECT_EQ(microsOf(snapshot.details[1].remaining), 879'500'000);
}

TEST_F(LiteLlm, ExhaustedUserBudgetOfAKeyWithoutItsOwnSaysNothingIsLeft)
{
    serveFixture(kInfoPath, QStringLiteral("litellm/key_info_user.json"));
    serveFixture(kUserPath, QStringLiteral("litellm/user_info_exhausted.json"));

    const Snapshot snapshot = check(QStringLiteral("litellm"));

    expectOk(snapshot);
    EXPECT_EQ(kindOf(snapshot), "key_limit");
    EXPECT_EQ(microsOf(snapshot.remaining), 0);
    EXPECT_EQ(microsOf(snapshot.limit), 25'000'000);
    EXPECT_EQ(balancesOf(snapshot), (Balances{{0, "USD"}}));
    ASSERT_EQ(snapshot.details.size(), 2u);
    EXPECT_EQ(snapshot.details[0].name, QStringLiteral("key_budget"));
    EXPECT_EQ(microsOf(snapshot.details[0].used), 3'500'000);
    EXPECT_FALSE(snapshot.details[0].limit.has_value());
    EXPECT_EQ(snapshot.details[1].name, QStringLiteral("user_budget"));
    EXPECT_EQ(paths(), (std::vector<std::string>{kInfoPath.toStdString(), kUserPath.toStdString()}));
    EXPECT_EQ(queryParam(1, "user_id"), QStringLiteral("u-42"));
}

TEST_F(LiteLlm, TeamInfoRefusedLeavesTheKeysOwnReading)
{
    for (int status : {401, 403, 404}) {
        SCOPED_TRACE(status);
        serveFixture(kInfoPath, QStringLiteral("litellm/key_info_team.json"));
        serveJson(kTeamPath, R"({"error": {"message": "not allowed"}})", status);

        const Snapshot snapshot = check(QStringLiteral("litellm"));

        expectOk(snapshot);
        EXPECT_EQ(microsOf(snapshot.remaining), 40'000'000);
        EXPECT_TRUE(snapshot.details.empty());
    }
}

TEST_F(LiteLlm, TeamBudgetOfTheWrongTypeIsAParseErrorNamingIt)
{
    serveFixture(kInfoPath, QStringLiteral("litellm/key_info_team.json"));
    serveJson(kTeamPath, R"({"team_id": "team-eng", "team_info": {"max_budget": "lots", "spend": 1}})");

    const Snapshot snapshot = check(QStringLiteral("litellm"));

    expectError(snapshot, CheckStatus::ParseError);
    EXPECT_TRUE(snapshot.error.contains(QStringLiteral("team_info.max_budget")))
        << snapshot.error.toStdString();
}

TEST_F(LiteLlm, MaxBudgetOfTheKeyWinsOverTheMonthlyBudgetOption)
{
    serveFixture(kInfoPath, QStringLiteral("litellm/key_info_budget.json"));

    const Snapshot snapshot = check(QStringLiteral("litellm"), {QStringLiteral("monthly_budget=20")});

    expectOk(snapshot);
    EXPECT_EQ(microsOf(snapshot.limit), 50'000'000);
    EXPECT_EQ(microsOf(snapshot.remaining), 37'654'400);
}

TEST_F(LiteLlm, NumericStringsAreReadLikeNumbers)
{
    serveJson(kInfoPath, keyInfo(R"("12.5")", R"("20")"));

    const Snapshot snapshot = check(QStringLiteral("litellm"));

    expectOk(snapshot);
    EXPECT_EQ(microsOf(snapshot.remaining), 7'500'000);
    EXPECT_EQ(microsOf(snapshot.limit), 20'000'000);
}

TEST_F(LiteLlm, BudgetResetTimesWithOffsetsAndMicrosecondsAreUtc)
{
    struct Case
    {
        QByteArray resetAt;
        std::string expected;
    };
    for (const Case &c : {Case{R"("2026-12-01T08:00:00+08:00")", "2026-12-01T00:00:00.000Z"},
                          Case{R"("2026-11-16T09:30:00.250000+00:00")", "2026-11-16T09:30:00.250Z"},
                          Case{R"("2026-11-16T09:30:00Z")", "2026-11-16T09:30:00.000Z"}}) {
        SCOPED_TRACE(c.resetAt.toStdString());
        serveJson(kInfoPath, keyInfo("1", "10", c.resetAt));

        const Snapshot snapshot = check(QStringLiteral("litellm"));

        expectOk(snapshot);
        EXPECT_EQ(isoOf(snapshot.resetsAt), c.expected);
    }
}

TEST_F(LiteLlm, BudgetResetTimeWithoutOffsetIsUtcNotLocalTime)
{
    const ScopedTimeZone shanghai("Asia/Shanghai");
    serveJson(kInfoPath, keyInfo("1", "10", R"("2026-12-01T00:00:00.123000")"));

    const Snapshot snapshot = check(QStringLiteral("litellm"));

    expectOk(snapshot);
    EXPECT_EQ(isoOf(snapshot.resetsAt), "2026-12-01T00:00:00.123Z");
}

TEST_F(LiteLlm, SpendMissingOrOfTheWrongTypeIsAParseErrorNamingIt)
{
    for (const QByteArray &spend : {QByteArray(R"("lots")"), QByteArray("null"), QByteArray("[1]")}) {
        SCOPED_TRACE(spend.toStdString());
        serveJson(kInfoPath, keyInfo(spend, "10"));

        const Snapshot snapshot = check(QStringLiteral("litellm"));

        expectError(snapshot, CheckStatus::ParseError);
        EXPECT_TRUE(snapshot.error.contains(QStringLiteral("info.spend"))) << snapshot.error.toStdString();
    }
}

TEST_F(LiteLlm, MaxBudgetOfTheWrongTypeIsAParseErrorNamingIt)
{
    for (const QByteArray &budget : {QByteArray(R"("unlimited")"), QByteArray("{}"), QByteArray("false")}) {
        SCOPED_TRACE(budget.toStdString());
        serveJson(kInfoPath, keyInfo("3", budget));

        const Snapshot snapshot = check(QStringLiteral("litellm"));

        expectError(snapshot, CheckStatus::ParseError);
        EXPECT_TRUE(snapshot.error.contains(QStringLiteral("info.max_budget")))
            << snapshot.error.toStdString();
    }
}
