// The litellm platform (a LiteLLM proxy's virtual key) through the whole check path: the key's
// max_budget minus its spend, the spend alone, the spend against the user's monthly_budget, and
// when the proxy resets the budget.
#include "tests/providers/providertest.h"

#include <time.h>

using namespace qw;
using namespace qw::test;

namespace {

const QByteArray kInfoPath = "/key/info";

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
    ASSERT_EQ(requests.size(), 1u);
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

TEST_F(LiteLlm, MonthlyBudgetOptionStandsInForAMissingMaxBudget)
{
    serveFixture(kInfoPath, QStringLiteral("litellm/key_info_no_budget.json"));

    const Snapshot snapshot = check(QStringLiteral("litellm"), {QStringLiteral("monthly_budget=20")});

    expectOk(snapshot);
    EXPECT_EQ(kindOf(snapshot), "key_limit");
    EXPECT_EQ(microsOf(snapshot.remaining), 12'500'000);
    EXPECT_EQ(microsOf(snapshot.used), 7'500'000);
    EXPECT_EQ(microsOf(snapshot.limit), 20'000'000);
    EXPECT_EQ(balancesOf(snapshot), (Balances{{12'500'000, "USD"}}));
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
