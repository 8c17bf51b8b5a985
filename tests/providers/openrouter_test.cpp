// The openrouter adapter through the whole check path: a capped key reports what is left of its
// cap in the current period, an uncapped management key the account's credits, any other
// uncapped key its own spending — and an account answer of zero credits that cannot be true is
// never a balance of 0.
#include "core/storage/snapshotrepository.h"
#include "tests/providers/providertest.h"

using namespace qw;
using namespace qw::test;

namespace {

const QString kPlatform = QStringLiteral("openrouter");

} // namespace

class OpenRouter : public ProviderTest
{
protected:
    void serveUncappedKey() { serveFixture("/api/v1/key", QStringLiteral("openrouter/key_uncapped.json")); }
    void serveManagementKey()
    {
        serveFixture("/api/v1/key", QStringLiteral("openrouter/key_management.json"));
    }

    // The paths of the requests the server saw, in order.
    [[nodiscard]] std::vector<std::string> requestedPaths() const
    {
        std::vector<std::string> paths;
        for (const RecordedRequest &request : m_server.requests())
            paths.push_back(QByteArray(request.method + ' ' + request.path).toStdString());
        return paths;
    }

    static std::string bearer() { return std::string("Bearer ") + kSecret; }

    // What the database holds for the key's latest check.
    [[nodiscard]] Snapshot stored(const Snapshot &reported)
    {
        auto latest = SnapshotRepository(*m_db).latest(reported.keyId);
        if (!latest || !*latest) {
            ADD_FAILURE() << "no stored snapshot for key " << reported.keyId;
            return {};
        }
        return **latest;
    }
};

TEST_F(OpenRouter, CappedKeyReportsWhatIsLeftOfItsLimit)
{
    serveFixture("/api/v1/key", QStringLiteral("openrouter/key_capped.json"));
    const Snapshot s = check(kPlatform);
    expectOk(s);
    EXPECT_EQ(kindOf(s), "key_limit");
    // limit_remaining wins over limit - usage: the cap resets monthly, usage is all-time.
    EXPECT_EQ(microsOf(s.remaining), 12'340'000);
    EXPECT_EQ(microsOf(s.limit), 20'000'000);
    // What the month used, beside the month's cap; not the all-time 27.891234.
    EXPECT_EQ(microsOf(s.used), 7'660'000);
    EXPECT_EQ(s.unit.toStdString(), "USD");
    EXPECT_EQ(balanceTexts(s.balances), std::vector<std::string>{"12.34 USD"});
    EXPECT_EQ(isoOf(s.resetsAt), "2026-12-01T00:00:00.000Z");
    // A capped key never asks for the account's credits.
    EXPECT_EQ(requestedPaths(), std::vector<std::string>{"GET /api/v1/key"});
    EXPECT_EQ(sentHeader("Authorization").toStdString(), bearer());
    expectSecretOnlyInHeaders();
}

TEST_F(OpenRouter, CapThatResetsSubtractsTheUsageOfItsPeriodNotAllTimeUsage)
{
    // The fixed now is Sunday 2026-11-15 12:00 UTC. OpenRouter resets at midnight UTC and its
    // weeks run Monday to Sunday.
    struct Case
    {
        const char *fixture;
        qint64 remaining, limit, used;
        const char *resetsAt;
    };
    const std::vector<Case> cases{
        {"openrouter/key_capped_daily.json", 7'500'000, 10'000'000, 2'500'000, "2026-11-16T00:00:00.000Z"},
        {"openrouter/key_capped_weekly.json", 29'750'000, 50'000'000, 20'250'000, "2026-11-16T00:00:00.000Z"},
        {"openrouter/key_capped_monthly.json", 60'000'000, 100'000'000, 40'000'000,
         "2026-12-01T00:00:00.000Z"},
    };
    for (const Case &c : cases) {
        SCOPED_TRACE(c.fixture);
        serveFixture("/api/v1/key", QString::fromLatin1(c.fixture));
        const Snapshot s = check(kPlatform);
        expectOk(s);
        EXPECT_EQ(kindOf(s), "key_limit");
        EXPECT_EQ(microsOf(s.remaining), c.remaining);
        EXPECT_EQ(microsOf(s.limit), c.limit);
        EXPECT_EQ(microsOf(s.used), c.used);
        EXPECT_EQ(isoOf(s.resetsAt), c.resetsAt);
        const Snapshot saved = stored(s);
        EXPECT_EQ(microsOf(saved.remaining), c.remaining);
        EXPECT_EQ(isoOf(saved.resetsAt), c.resetsAt);
    }
}

TEST_F(OpenRouter, WeeklyCapCheckedOnAMondayResetsTheNextMonday)
{
    m_clock.set(QDateTime(QDate(2026, 11, 16), QTime(0, 0, 1), Qt::UTC));
    serveFixture("/api/v1/key", QStringLiteral("openrouter/key_capped_weekly.json"));
    const Snapshot s = check(kPlatform);
    expectOk(s);
    EXPECT_EQ(isoOf(s.resetsAt), "2026-11-23T00:00:00.000Z");
}

TEST_F(OpenRouter, DailyCapCheckedJustBeforeMidnightResetsAtMidnight)
{
    m_clock.set(QDateTime(QDate(2026, 12, 31), QTime(23, 59, 59), Qt::UTC));
    serveFixture("/api/v1/key", QStringLiteral("openrouter/key_capped_daily.json"));
    const Snapshot s = check(kPlatform);
    expectOk(s);
    EXPECT_EQ(isoOf(s.resetsAt), "2027-01-01T00:00:00.000Z");
}

TEST_F(OpenRouter, CapThatResetsWithoutItsPeriodUsageIsAParseErrorNamingIt)
{
    serveJson("/api/v1/key", R"({"data": {"limit": 10, "limit_reset": "daily", "usage": 99}})");
    const Snapshot s = check(kPlatform);
    expectError(s, CheckStatus::ParseError);
    EXPECT_TRUE(s.error.contains(QStringLiteral("“data.usage_daily”"))) << s.error.toStdString();
}

TEST_F(OpenRouter, UnknownResetPeriodIsAParseErrorUnlessLimitRemainingSaysWhatIsLeft)
{
    serveJson("/api/v1/key", R"({"data": {"limit": 10, "limit_reset": "yearly", "usage": 4}})");
    Snapshot s = check(kPlatform);
    expectError(s, CheckStatus::ParseError);
    EXPECT_TRUE(s.error.contains(QStringLiteral("yearly"))) << s.error.toStdString();

    serveJson("/api/v1/key",
              R"({"data": {"limit": 10, "limit_reset": "yearly", "usage": 4, "limit_remaining": 8}})");
    s = check(kPlatform);
    expectOk(s);
    EXPECT_EQ(microsOf(s.remaining), 8'000'000);
    EXPECT_FALSE(s.resetsAt.isValid());
}

TEST_F(OpenRouter, CappedKeyWithoutLimitRemainingSubtractsUsageFromLimit)
{
    // Older answers lack limit_remaining, and send numbers as strings.
    serveFixture("/api/v1/key", QStringLiteral("openrouter/key_capped_without_remaining.json"));
    const Snapshot s = check(kPlatform);
    expectOk(s);
    EXPECT_EQ(kindOf(s), "key_limit");
    EXPECT_EQ(microsOf(s.remaining), 15'375'000);
    EXPECT_EQ(microsOf(s.limit), 25'500'000);
    EXPECT_EQ(microsOf(s.used), 10'125'000);
    EXPECT_EQ(balanceTexts(s.balances), std::vector<std::string>{"15.375 USD"});
}

TEST_F(OpenRouter, ExhaustedCapReportsZeroNotTheLimitMinusUsage)
{
    serveJson("/api/v1/key", R"({"data": {"limit": 5, "usage": 4.5, "limit_remaining": 0}})");
    const Snapshot s = check(kPlatform);
    expectOk(s);
    EXPECT_EQ(microsOf(s.remaining), 0);
    EXPECT_EQ(microsOf(s.limit), 5'000'000);
}

TEST_F(OpenRouter, UncappedKeyWithManagementAccessReportsAccountCredits)
{
    serveManagementKey();
    serveFixture("/api/v1/credits", QStringLiteral("openrouter/credits.json"));
    const Snapshot s = check(kPlatform);
    expectOk(s);
    EXPECT_EQ(kindOf(s), "balance");
    EXPECT_EQ(microsOf(s.remaining), 37'654'322);
    EXPECT_EQ(microsOf(s.limit), 50'000'000);
    EXPECT_EQ(microsOf(s.used), 12'345'678);
    EXPECT_EQ(s.unit.toStdString(), "USD");
    EXPECT_EQ(balanceTexts(s.balances), std::vector<std::string>{"37.654322 USD"});
    EXPECT_EQ(requestedPaths(), (std::vector<std::string>{"GET /api/v1/key", "GET /api/v1/credits"}));
    EXPECT_EQ(sentHeader("Authorization", 0).toStdString(), bearer());
    EXPECT_EQ(sentHeader("Authorization", 1).toStdString(), bearer());
    expectSecretOnlyInHeaders();
}

TEST_F(OpenRouter, CreditsAsNumericStringsAreRead)
{
    serveManagementKey();
    serveJson("/api/v1/credits", R"({"data": {"total_credits": "100", "total_usage": "0.5"}})");
    const Snapshot s = check(kPlatform);
    expectOk(s);
    EXPECT_EQ(microsOf(s.remaining), 99'500'000);
    EXPECT_EQ(microsOf(s.limit), 100'000'000);
    EXPECT_EQ(microsOf(s.used), 500'000);
}

TEST_F(OpenRouter, OrdinaryUncappedKeyReportsItsSpendWithoutAskingForCredits)
{
    serveUncappedKey();
    // An ordinary key may get 200 with zero credits on a funded account: it must not be asked.
    serveFixture("/api/v1/credits", QStringLiteral("openrouter/credits_zero.json"));
    const Snapshot s = check(kPlatform);
    expectOk(s);
    EXPECT_EQ(kindOf(s), "spend");
    EXPECT_EQ(microsOf(s.used), 3'250'000);
    EXPECT_FALSE(s.remaining.has_value());
    EXPECT_FALSE(s.limit.has_value());
    EXPECT_EQ(s.unit.toStdString(), "USD");
    EXPECT_TRUE(s.balances.empty());
    const Snapshot saved = stored(s);
    EXPECT_EQ(kindOf(saved), "spend");
    EXPECT_EQ(microsOf(saved.used), 3'250'000);
    EXPECT_FALSE(saved.remaining.has_value());
    EXPECT_EQ(requestedPaths(), std::vector<std::string>{"GET /api/v1/key"});
    expectSecretOnlyInHeaders();
}

TEST_F(OpenRouter, ProvisioningKeyIsTheOlderNameOfAManagementKey)
{
    serveJson("/api/v1/key", R"({"data": {"limit": null, "usage": 0, "is_provisioning_key": true}})");
    serveFixture("/api/v1/credits", QStringLiteral("openrouter/credits.json"));
    const Snapshot s = check(kPlatform);
    expectOk(s);
    EXPECT_EQ(kindOf(s), "balance");
    EXPECT_EQ(microsOf(s.remaining), 37'654'322);
    EXPECT_EQ(requestedPaths(), (std::vector<std::string>{"GET /api/v1/key", "GET /api/v1/credits"}));
}

TEST_F(OpenRouter, ZeroCreditsWhileTheKeyShowsUsageIsUnknownNeverABalanceOfZero)
{
    serveFixture("/api/v1/key", QStringLiteral("openrouter/key_management_with_usage.json"));
    serveFixture("/api/v1/credits", QStringLiteral("openrouter/credits_zero.json"));
    const Snapshot s = check(kPlatform);
    expectOk(s);
    // The account cannot have spent nothing when this key spent 3.25: no balance, so no
    // "exhausted" alert — only the key's spend.
    EXPECT_EQ(kindOf(s), "spend");
    EXPECT_FALSE(s.remaining.has_value());
    EXPECT_FALSE(s.limit.has_value());
    EXPECT_EQ(microsOf(s.used), 3'250'000);
    EXPECT_TRUE(s.balances.empty());
    const Snapshot saved = stored(s);
    EXPECT_FALSE(saved.remaining.has_value());
    EXPECT_EQ(requestedPaths(), (std::vector<std::string>{"GET /api/v1/key", "GET /api/v1/credits"}));
}

TEST_F(OpenRouter, ZeroCreditsForAKeyThatSpentNothingIsAnEmptyAccount)
{
    serveManagementKey();
    serveFixture("/api/v1/credits", QStringLiteral("openrouter/credits_zero.json"));
    const Snapshot s = check(kPlatform);
    expectOk(s);
    EXPECT_EQ(kindOf(s), "balance");
    EXPECT_EQ(microsOf(s.remaining), 0);
    EXPECT_EQ(microsOf(s.limit), 0);
}

TEST_F(OpenRouter, ManagementKeyRefusedCreditsFallsBackToSpend)
{
    for (int status : {401, 403}) {
        SCOPED_TRACE(status);
        m_server.clearRequests();
        serveFixture("/api/v1/key", QStringLiteral("openrouter/key_management_with_usage.json"));
        serveFixture("/api/v1/credits", QStringLiteral("openrouter/credits_forbidden.json"), status);
        const Snapshot s = check(kPlatform);
        expectOk(s);
        EXPECT_EQ(kindOf(s), "spend");
        EXPECT_EQ(microsOf(s.used), 3'250'000);
        EXPECT_FALSE(s.remaining.has_value());
        EXPECT_EQ(requestedPaths(), (std::vector<std::string>{"GET /api/v1/key", "GET /api/v1/credits"}));
        expectSecretOnlyInHeaders();
    }
}

TEST_F(OpenRouter, ServerErrorOnCreditsIsAProviderError)
{
    serveManagementKey();
    serveJson("/api/v1/credits", R"({"error": {"code": 500, "message": "Internal Server Error"}})", 500);
    const Snapshot s = check(kPlatform);
    expectError(s, CheckStatus::ProviderError);
    EXPECT_TRUE(s.error.contains(QStringLiteral("500"))) << s.error.toStdString();
    EXPECT_FALSE(s.used.has_value());
    EXPECT_EQ(m_server.requestCount(), 2);
}

TEST_F(OpenRouter, RateLimitOnCreditsIsRateLimited)
{
    serveManagementKey();
    TestResponse limited =
        TestResponse::json(R"({"error": {"code": 429, "message": "Rate limit exceeded"}})", 429);
    limited.headers.append(qMakePair(QByteArrayLiteral("Retry-After"), QByteArrayLiteral("12")));
    m_server.route("GET", "/api/v1/credits", limited);
    const Snapshot s = check(kPlatform);
    expectError(s, CheckStatus::RateLimited);
    EXPECT_EQ(s.retryAfterS, 12);
}

TEST_F(OpenRouter, WrongTypeOnKeyIsAParseErrorNamingTheField)
{
    const std::vector<std::pair<QByteArray, QString>> cases{
        {R"({"data": {"limit": "unlimited", "usage": 1}})", QStringLiteral("data.limit")},
        {R"({"data": {"limit": 10, "usage": true}})", QStringLiteral("data.usage")},
        {R"({"data": {"limit": 10}})", QStringLiteral("data.usage")},
        {R"({"data": {"limit": 10, "usage": 1, "limit_remaining": "n/a"}})",
         QStringLiteral("data.limit_remaining")},
        {R"({"data": "key"})", QStringLiteral("data")},
        {R"({"data": {"limit": 10, "usage": 1, "limit_reset": 7}})", QStringLiteral("data.limit_reset")},
        {R"({"data": {"limit": 10, "usage": 1, "limit_reset": "weekly", "usage_weekly": "n/a"}})",
         QStringLiteral("data.usage_weekly")},
    };
    for (const auto &[body, field] : cases) {
        SCOPED_TRACE(body.toStdString());
        serveJson("/api/v1/key", body);
        const Snapshot s = check(kPlatform);
        expectError(s, CheckStatus::ParseError);
        EXPECT_TRUE(s.error.contains(QStringLiteral("“%1”").arg(field))) << s.error.toStdString();
    }
}

TEST_F(OpenRouter, WrongTypeOnCreditsIsAParseErrorNamingTheField)
{
    serveManagementKey();
    serveJson("/api/v1/credits", R"({"data": {"total_credits": {"amount": 5}, "total_usage": 1}})");
    Snapshot s = check(kPlatform);
    expectError(s, CheckStatus::ParseError);
    EXPECT_TRUE(s.error.contains(QStringLiteral("data.total_credits"))) << s.error.toStdString();

    serveJson("/api/v1/credits", R"({"data": {"total_credits": 5}})");
    s = check(kPlatform);
    expectError(s, CheckStatus::ParseError);
    EXPECT_TRUE(s.error.contains(QStringLiteral("data.total_usage"))) << s.error.toStdString();
}
