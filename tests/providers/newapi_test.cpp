// The newapi platform (a new-api / one-api relay's sk- token) through the whole check path:
// /api/usage/token first (raw quota), then for relays without it the OpenAI-style subscription
// and usage requests — the token's limit minus its usage, unlimited tokens, old one-api builds
// that report the remaining amount, display units, exhausted tokens and refusals.
#include "core/alerts/lowbalancerule.h"
#include "core/keys/keyvalidator.h"
#include "tests/providers/providertest.h"

using namespace qw;
using namespace qw::test;

namespace {

const QByteArray kSubscriptionPath = "/v1/dashboard/billing/subscription";
const QByteArray kUsagePath = "/v1/dashboard/billing/usage";
const QByteArray kTokenUsagePath = "/api/usage/token";

// An exhausted reading is worth a low-balance alert under any positive threshold.
bool raisesLowBalance(const Snapshot &snapshot)
{
    LowBalanceState state;
    return snapshot.remaining &&
           LowBalanceRule::next(state, Amount::fromMicros(1'000'000), *snapshot.remaining, std::nullopt);
}

} // namespace

class NewApi : public ProviderTest
{
protected:
    void serve(const QByteArray &subscription, const QByteArray &usage, int usageStatus = 200)
    {
        serveJson(kSubscriptionPath, subscription);
        serveJson(kUsagePath, usage, usageStatus);
    }
};

TEST_F(NewApi, LimitedTokenReportsHardLimitMinusUsageInCents)
{
    serveFixture(kSubscriptionPath, QStringLiteral("newapi/subscription.json"));
    serveFixture(kUsagePath, QStringLiteral("newapi/usage.json"));

    const Snapshot snapshot = check(QStringLiteral("newapi"));

    expectOk(snapshot);
    EXPECT_EQ(kindOf(snapshot), "key_limit");
    // 25.5 - 1234.5 cents
    EXPECT_EQ(microsOf(snapshot.remaining), 13'155'000);
    EXPECT_EQ(microsOf(snapshot.used), 12'345'000);
    EXPECT_EQ(microsOf(snapshot.limit), 25'500'000);
    EXPECT_EQ(snapshot.unit, QStringLiteral("USD"));
    EXPECT_EQ(balancesOf(snapshot), (Balances{{13'155'000, "USD"}}));
    EXPECT_FALSE(snapshot.resetsAt.isValid());
}

TEST_F(NewApi, RelayWithoutTokenUsageFallsBackToTheSubscriptionThenTheUsage)
{
    // The test server answers 404 for /api/usage/token, like a relay that lacks it.
    serveFixture(kSubscriptionPath, QStringLiteral("newapi/subscription.json"));
    serveFixture(kUsagePath, QStringLiteral("newapi/usage.json"));

    expectOk(check(QStringLiteral("newapi")));

    const auto requests = m_server.requests();
    ASSERT_EQ(requests.size(), 3u);
    EXPECT_EQ(requests[0].method, "GET");
    EXPECT_EQ(requests[0].path, kTokenUsagePath);
    EXPECT_EQ(requests[1].method, "GET");
    EXPECT_EQ(requests[1].path, kSubscriptionPath);
    EXPECT_TRUE(requests[1].query.isEmpty()) << requests[1].query.toStdString();
    EXPECT_EQ(requests[2].method, "GET");
    EXPECT_EQ(requests[2].path, kUsagePath);
    // Relays ignore the range for a token's usage, but some refuse a request without it; the end
    // is the day after the fixed "now" (2026-11-15).
    EXPECT_EQ(queryParam(2, "start_date"), QStringLiteral("2023-01-01"));
    EXPECT_EQ(queryParam(2, "end_date"), QStringLiteral("2026-11-16"));
    for (int i = 0; i < 3; ++i)
        EXPECT_EQ(sentHeader("Authorization", i), QByteArray(QByteArray("Bearer ") + kSecret))
            << "request " << i;
    expectSecretOnlyInHeaders();
}

TEST_F(NewApi, RelayBaseUrlWithAPathPrefixKeepsThePrefix)
{
    serveFixture("/relay" + kSubscriptionPath, QStringLiteral("newapi/subscription.json"));
    serveFixture("/relay" + kUsagePath, QStringLiteral("newapi/usage.json"));

    const Snapshot snapshot =
        check(QStringLiteral("newapi"), {}, m_server.baseUrl() + QStringLiteral("/relay/"));

    expectOk(snapshot);
    EXPECT_EQ(microsOf(snapshot.remaining), 13'155'000);
    const auto requests = m_server.requests();
    ASSERT_EQ(requests.size(), 3u);
    EXPECT_EQ(requests[0].path, QByteArray("/relay" + kTokenUsagePath));
    EXPECT_EQ(requests[1].path, QByteArray("/relay" + kSubscriptionPath));
    EXPECT_EQ(requests[2].path, QByteArray("/relay" + kUsagePath));
}

TEST_F(NewApi, NumericStringsAreReadLikeNumbers)
{
    serveFixture(kSubscriptionPath, QStringLiteral("newapi/subscription_strings.json"));
    serveFixture(kUsagePath, QStringLiteral("newapi/usage_string.json"));

    const Snapshot snapshot = check(QStringLiteral("newapi"));

    expectOk(snapshot);
    EXPECT_EQ(kindOf(snapshot), "key_limit");
    EXPECT_EQ(microsOf(snapshot.remaining), 37'500'000); // 40 - 250 cents
    EXPECT_EQ(microsOf(snapshot.used), 2'500'000);
    EXPECT_EQ(microsOf(snapshot.limit), 40'000'000);
}

TEST_F(NewApi, TokenUsedBeyondItsLimitShowsANegativeRemainder)
{
    serve(R"({"object": "billing_subscription", "hard_limit_usd": 10})",
          R"({"object": "list", "total_usage": 1050.25})");

    const Snapshot snapshot = check(QStringLiteral("newapi"));

    expectOk(snapshot);
    EXPECT_EQ(microsOf(snapshot.remaining), -502'500); // 10 - 10.5025
    EXPECT_EQ(microsOf(snapshot.used), 10'502'500);
}

TEST_F(NewApi, UnlimitedTokenReportsItsUsageAsSpend)
{
    serveFixture(kSubscriptionPath, QStringLiteral("newapi/subscription_unlimited.json"));
    serveFixture(kUsagePath, QStringLiteral("newapi/usage.json"));

    const Snapshot snapshot = check(QStringLiteral("newapi"));

    expectOk(snapshot);
    EXPECT_EQ(kindOf(snapshot), "spend");
    EXPECT_EQ(microsOf(snapshot.used), 12'345'000);
    EXPECT_EQ(microsOf(snapshot.remaining), std::nullopt);
    EXPECT_EQ(microsOf(snapshot.limit), std::nullopt);
    EXPECT_EQ(snapshot.unit, QStringLiteral("USD"));
    EXPECT_TRUE(snapshot.balances.empty());
}

TEST_F(NewApi, LegacyRemainingReadsHardLimitAsWhatIsLeft)
{
    serve(R"({"object": "billing_subscription", "hard_limit_usd": 7.25, "soft_limit_usd": 7.25})",
          R"({"object": "list", "total_usage": 300})");

    const Snapshot snapshot = check(QStringLiteral("newapi"), {QStringLiteral("legacy_remaining=true")});

    expectOk(snapshot);
    EXPECT_EQ(kindOf(snapshot), "key_limit");
    EXPECT_EQ(microsOf(snapshot.remaining), 7'250'000);
    EXPECT_EQ(microsOf(snapshot.used), 3'000'000);
    EXPECT_EQ(microsOf(snapshot.limit), std::nullopt);
    EXPECT_EQ(balancesOf(snapshot), (Balances{{7'250'000, "USD"}}));
}

TEST_F(NewApi, LegacyRemainingFalseSubtractsTheUsage)
{
    serve(R"({"object": "billing_subscription", "hard_limit_usd": 7.25})",
          R"({"object": "list", "total_usage": 300})");

    const Snapshot snapshot = check(QStringLiteral("newapi"), {QStringLiteral("legacy_remaining=false")});

    expectOk(snapshot);
    EXPECT_EQ(microsOf(snapshot.remaining), 4'250'000);
    EXPECT_EQ(microsOf(snapshot.limit), 7'250'000);
}

TEST_F(NewApi, LegacyRemainingStillTreatsTheUnlimitedMarkerAsUnlimited)
{
    // Old one-api builds also answer 100000000 for an unlimited token: that is no balance.
    serveFixture(kSubscriptionPath, QStringLiteral("newapi/subscription_unlimited.json"));
    serveFixture(kUsagePath, QStringLiteral("newapi/usage.json"));

    const Snapshot snapshot = check(QStringLiteral("newapi"), {QStringLiteral("legacy_remaining=true")});

    expectOk(snapshot);
    EXPECT_EQ(kindOf(snapshot), "spend");
    EXPECT_EQ(microsOf(snapshot.remaining), std::nullopt);
    EXPECT_EQ(microsOf(snapshot.used), 12'345'000);
}

TEST_F(NewApi, LegacyRemainingMustBeABoolean)
{
    KeyDraft draft;
    draft.name = QStringLiteral("relay");
    draft.platform = QStringLiteral("newapi");
    draft.baseUrl = m_server.baseUrl();
    draft.options = {QStringLiteral("legacy_remaining=yes")};
    const auto key = KeyValidator(m_platforms).validate(draft);
    ASSERT_FALSE(key);
    EXPECT_TRUE(key.error().message.contains(QStringLiteral("legacy_remaining")))
        << key.error().message.toStdString();
}

TEST_F(NewApi, FailingUsageRequestFailsTheCheck)
{
    struct Case
    {
        int status;
        CheckStatus expected;
    };
    for (const Case &c : {Case{500, CheckStatus::ProviderError}, Case{401, CheckStatus::AuthError},
                          Case{404, CheckStatus::ProviderError}}) {
        SCOPED_TRACE(c.status);
        m_server.clearRequests();
        serveFixture(kSubscriptionPath, QStringLiteral("newapi/subscription.json"));
        serveJson(kUsagePath, R"({"error": {"message": "usage is unavailable", "type": "new_api_error"}})",
                  c.status);

        const Snapshot snapshot = check(QStringLiteral("newapi"));

        expectError(snapshot, c.expected);
        EXPECT_TRUE(snapshot.error.contains(QString::number(c.status))) << snapshot.error.toStdString();
        EXPECT_TRUE(snapshot.error.contains(QStringLiteral("usage is unavailable")))
            << snapshot.error.toStdString();
        EXPECT_EQ(m_server.requestCount(), 3);
    }
}

TEST_F(NewApi, WebPageFromTheUsageRequestIsAProviderError)
{
    serveFixture(kSubscriptionPath, QStringLiteral("newapi/subscription.json"));
    TestResponse page;
    page.headers = {qMakePair(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("text/html"))};
    page.body = "<html><body>Please log in</body></html>";
    m_server.route("GET", kUsagePath, page);

    expectError(check(QStringLiteral("newapi")), CheckStatus::ProviderError);
    EXPECT_EQ(m_server.requestCount(), 3);
}

TEST_F(NewApi, HardLimitOfTheWrongTypeIsAParseErrorNamingIt)
{
    for (const QByteArray &value : {QByteArray(R"("unlimited")"), QByteArray("true"), QByteArray("{}")}) {
        SCOPED_TRACE(value.toStdString());
        m_server.clearRequests();
        serve(R"({"object": "billing_subscription", "hard_limit_usd": )" + value + "}",
              R"({"object": "list", "total_usage": 1})");

        const Snapshot snapshot = check(QStringLiteral("newapi"));

        expectError(snapshot, CheckStatus::ParseError);
        EXPECT_TRUE(snapshot.error.contains(QStringLiteral("hard_limit_usd")))
            << snapshot.error.toStdString();
        EXPECT_EQ(m_server.requestCount(), 2) << "no usage request after a bad subscription";
    }
}

TEST_F(NewApi, TotalUsageMissingOrOfTheWrongTypeIsAParseErrorNamingIt)
{
    for (const QByteArray &usage :
         {QByteArray(R"({"object": "list"})"), QByteArray(R"({"object": "list", "total_usage": "n/a"})"),
          QByteArray(R"({"object": "list", "total_usage": [12]})")}) {
        SCOPED_TRACE(usage.toStdString());
        serve(R"({"object": "billing_subscription", "hard_limit_usd": 5})", usage);

        const Snapshot snapshot = check(QStringLiteral("newapi"));

        expectError(snapshot, CheckStatus::ParseError);
        EXPECT_TRUE(snapshot.error.contains(QStringLiteral("total_usage"))) << snapshot.error.toStdString();
    }
}

TEST_F(NewApi, TokenUsageIsReadFirstAndConvertedFromRawQuota)
{
    serveFixture(kTokenUsagePath, QStringLiteral("newapi/token_usage.json"));

    const Snapshot snapshot = check(QStringLiteral("newapi"));

    expectOk(snapshot);
    EXPECT_EQ(kindOf(snapshot), "key_limit");
    // 500,000 quota units are 1 USD: 987655 left of 1000000, 12345 used.
    EXPECT_EQ(microsOf(snapshot.remaining), 1'975'310);
    EXPECT_EQ(microsOf(snapshot.used), 24'690);
    EXPECT_EQ(microsOf(snapshot.limit), 2'000'000);
    EXPECT_EQ(snapshot.unit, QStringLiteral("USD"));
    EXPECT_EQ(balancesOf(snapshot), (Balances{{1'975'310, "USD"}}));
    const auto requests = m_server.requests();
    ASSERT_EQ(requests.size(), 1u) << "no billing request when the token usage answers";
    EXPECT_EQ(requests[0].path, kTokenUsagePath);
    EXPECT_EQ(sentHeader("Authorization"), QByteArray(QByteArray("Bearer ") + kSecret));
    expectSecretOnlyInHeaders();
}

TEST_F(NewApi, QuotaPerUnitOptionConvertsTheTokenUsage)
{
    serveFixture(kTokenUsagePath, QStringLiteral("newapi/token_usage.json"));

    const Snapshot snapshot = check(QStringLiteral("newapi"), {QStringLiteral("quota_per_unit=1000000")});

    expectOk(snapshot);
    EXPECT_EQ(microsOf(snapshot.remaining), 987'655);
    EXPECT_EQ(microsOf(snapshot.limit), 1'000'000);
}

TEST_F(NewApi, ExhaustedTokenFromTokenUsageIsABalanceOfZero)
{
    serveFixture(kTokenUsagePath, QStringLiteral("newapi/token_usage_exhausted.json"));

    const Snapshot snapshot = check(QStringLiteral("newapi"));

    expectOk(snapshot);
    EXPECT_EQ(kindOf(snapshot), "key_limit");
    EXPECT_EQ(microsOf(snapshot.remaining), 0);
    EXPECT_EQ(microsOf(snapshot.used), 5'000'000);
    EXPECT_EQ(microsOf(snapshot.limit), 5'000'000);
    EXPECT_EQ(balancesOf(snapshot), (Balances{{0, "USD"}}));
    EXPECT_TRUE(raisesLowBalance(snapshot));
    EXPECT_EQ(m_server.requestCount(), 1);
}

TEST_F(NewApi, UnlimitedTokenFromTokenUsageReportsItsSpend)
{
    serveFixture(kTokenUsagePath, QStringLiteral("newapi/token_usage_unlimited.json"));

    const Snapshot snapshot = check(QStringLiteral("newapi"));

    expectOk(snapshot);
    EXPECT_EQ(kindOf(snapshot), "spend");
    EXPECT_EQ(microsOf(snapshot.used), 7'500'000);
    EXPECT_FALSE(snapshot.remaining.has_value());
    EXPECT_FALSE(snapshot.limit.has_value());
    EXPECT_TRUE(snapshot.balances.empty());
}

TEST_F(NewApi, TokensDisplayReadsTheTokenUsageAsRawQuota)
{
    serveFixture(kTokenUsagePath, QStringLiteral("newapi/token_usage.json"));

    const Snapshot snapshot = check(QStringLiteral("newapi"), {QStringLiteral("display=TOKENS")});

    expectOk(snapshot);
    EXPECT_EQ(microsOf(snapshot.remaining), 987'655'000'000);
    EXPECT_EQ(microsOf(snapshot.limit), 1'000'000'000'000);
    EXPECT_EQ(snapshot.unit, QStringLiteral("tokens"));
    EXPECT_EQ(balancesOf(snapshot), (Balances{{987'655'000'000, "tokens"}}));
}

TEST_F(NewApi, RelaysWithoutTokenUsageInOtherWaysFallBackToBilling)
{
    TestResponse page;
    page.headers = {qMakePair(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("text/html"))};
    page.body = "<!doctype html><html><body><div id=\"root\"></div></body></html>";
    const std::vector<std::pair<const char *, TestResponse>> answers{
        {"405", TestResponse::json(R"({"error": "method not allowed"})", 405)},
        {"web page", page},
        {"success false", TestResponse::json(fixture(QStringLiteral("newapi/token_usage_failed.json")))},
        {"401", TestResponse::json(R"({"success": false, "message": "无权进行此操作，未登录"})", 401)},
    };
    for (const auto &[name, answer] : answers) {
        SCOPED_TRACE(name);
        m_server.clearRequests();
        m_server.route("GET", kTokenUsagePath, answer);
        serveFixture(kSubscriptionPath, QStringLiteral("newapi/subscription.json"));
        serveFixture(kUsagePath, QStringLiteral("newapi/usage.json"));

        const Snapshot snapshot = check(QStringLiteral("newapi"));

        expectOk(snapshot);
        EXPECT_EQ(microsOf(snapshot.remaining), 13'155'000);
        EXPECT_EQ(m_server.requestCount(), 3);
    }
}

TEST_F(NewApi, RateLimitOnTokenUsageIsNotHiddenByTheFallback)
{
    TestResponse limited = TestResponse::json(R"({"error": {"message": "too many requests"}})", 429);
    limited.headers.append(qMakePair(QByteArrayLiteral("Retry-After"), QByteArrayLiteral("30")));
    m_server.route("GET", kTokenUsagePath, limited);

    const Snapshot snapshot = check(QStringLiteral("newapi"));

    expectError(snapshot, CheckStatus::RateLimited);
    EXPECT_EQ(snapshot.retryAfterS, 30);
    EXPECT_EQ(m_server.requestCount(), 1);
}

TEST_F(NewApi, ExhaustedTokenRefusedByTheBillingEndpointsIsABalanceOfZero)
{
    // Relays without /api/usage/token check the token strictly on the billing route: an
    // exhausted token gets 401 there, which is an empty balance, not a broken key.
    for (const char *file :
         {"newapi/subscription_exhausted_newapi.json", "newapi/subscription_exhausted_oneapi.json"}) {
        SCOPED_TRACE(file);
        m_server.clearRequests();
        serveFixture(kSubscriptionPath, QString::fromLatin1(file), 401);

        const Snapshot snapshot = check(QStringLiteral("newapi"));

        expectOk(snapshot);
        EXPECT_EQ(kindOf(snapshot), "key_limit");
        EXPECT_EQ(microsOf(snapshot.remaining), 0);
        EXPECT_EQ(balancesOf(snapshot), (Balances{{0, "USD"}}));
        EXPECT_TRUE(raisesLowBalance(snapshot));
        EXPECT_EQ(m_server.requestCount(), 2) << "no usage request after the token is known exhausted";
    }
}

TEST_F(NewApi, ExhaustedTokenInTokensDisplayIsZeroTokens)
{
    serveFixture(kSubscriptionPath, QStringLiteral("newapi/subscription_exhausted_newapi.json"), 401);

    const Snapshot snapshot = check(QStringLiteral("newapi"), {QStringLiteral("display=TOKENS")});

    expectOk(snapshot);
    EXPECT_EQ(balancesOf(snapshot), (Balances{{0, "tokens"}}));
}

TEST_F(NewApi, InvalidTokenWithoutAnExhaustedMarkerStaysAnAuthError)
{
    // "无效的令牌" is also what a wrong key gets: only an explicit exhausted marker is a balance.
    serveFixture(kSubscriptionPath, QStringLiteral("newapi/subscription_invalid_token.json"), 401);

    const Snapshot snapshot = check(QStringLiteral("newapi"));

    expectError(snapshot, CheckStatus::AuthError);
    EXPECT_TRUE(snapshot.error.contains(QStringLiteral("无效的令牌"))) << snapshot.error.toStdString();
}

TEST_F(NewApi, ErrorBodyWithHttp200IsAProviderErrorCarryingTheRelaysMessage)
{
    serveFixture(kSubscriptionPath, QStringLiteral("newapi/subscription_error_in_200.json"));

    Snapshot snapshot = check(QStringLiteral("newapi"));

    expectError(snapshot, CheckStatus::ProviderError);
    EXPECT_TRUE(snapshot.error.contains(QStringLiteral("无可用渠道"))) << snapshot.error.toStdString();
    EXPECT_EQ(m_server.requestCount(), 2);

    // The same from the token usage endpoint: not a relay without it, so no fallback.
    m_server.clearRequests();
    serveJson(kTokenUsagePath, R"({"error": {"message": "token usage is disabled by the admin"}})");
    snapshot = check(QStringLiteral("newapi"));
    expectError(snapshot, CheckStatus::ProviderError);
    EXPECT_TRUE(snapshot.error.contains(QStringLiteral("disabled by the admin")))
        << snapshot.error.toStdString();
    EXPECT_EQ(m_server.requestCount(), 1);
}

TEST_F(NewApi, CnyDisplayReadsTheBillingEndpointsInYuan)
{
    // The token usage answers raw quota, which cannot become yuan without the relay's rate.
    serveFixture(kTokenUsagePath, QStringLiteral("newapi/token_usage.json"));
    serveFixture(kSubscriptionPath, QStringLiteral("newapi/subscription_cny.json"));
    serveFixture(kUsagePath, QStringLiteral("newapi/usage_cny.json"));

    const Snapshot snapshot = check(QStringLiteral("newapi"), {QStringLiteral("display=CNY")});

    expectOk(snapshot);
    EXPECT_EQ(kindOf(snapshot), "key_limit");
    EXPECT_EQ(microsOf(snapshot.remaining), 146'000'000); // 182.5 - 3650 fen
    EXPECT_EQ(microsOf(snapshot.used), 36'500'000);
    EXPECT_EQ(microsOf(snapshot.limit), 182'500'000);
    EXPECT_EQ(snapshot.unit, QStringLiteral("CNY"));
    EXPECT_EQ(balancesOf(snapshot), (Balances{{146'000'000, "CNY"}}));
    const auto requests = m_server.requests();
    ASSERT_EQ(requests.size(), 2u);
    EXPECT_EQ(requests[0].path, kSubscriptionPath);
}

TEST_F(NewApi, TokensDisplayDoesNotMistakeALargeLimitedTokenForUnlimited)
{
    serveFixture(kSubscriptionPath, QStringLiteral("newapi/subscription_tokens_large.json"));
    serveFixture(kUsagePath, QStringLiteral("newapi/usage_tokens.json"));

    const Snapshot snapshot = check(QStringLiteral("newapi"), {QStringLiteral("display=TOKENS")});

    expectOk(snapshot);
    EXPECT_EQ(kindOf(snapshot), "key_limit");
    EXPECT_EQ(microsOf(snapshot.limit), 250'000'000LL * 1'000'000);
    EXPECT_EQ(microsOf(snapshot.used), 12'500'000LL * 1'000'000);
    EXPECT_EQ(microsOf(snapshot.remaining), 237'500'000LL * 1'000'000);
    EXPECT_EQ(snapshot.unit, QStringLiteral("tokens"));

    // Exactly 100000000 is the unlimited marker in every display mode.
    m_server.clearRequests();
    serveFixture(kSubscriptionPath, QStringLiteral("newapi/subscription_unlimited.json"));
    const Snapshot unlimited = check(QStringLiteral("newapi"), {QStringLiteral("display=TOKENS")});
    expectOk(unlimited);
    EXPECT_EQ(kindOf(unlimited), "spend");
    EXPECT_FALSE(unlimited.remaining.has_value());
}

TEST_F(NewApi, TokenUsageFieldsOfTheWrongTypeAreAParseErrorNamingThem)
{
    const std::vector<std::pair<QByteArray, QString>> cases{
        {R"({"code": true, "data": {"total_used": 1, "total_available": "n/a"}})",
         QStringLiteral("data.total_available")},
        {R"({"code": true, "data": {"total_available": 1}})", QStringLiteral("data.total_used")},
        {R"({"code": true, "data": {"total_used": 1, "total_available": 2, "total_granted": []}})",
         QStringLiteral("data.total_granted")},
        {R"({"code": true, "data": {"total_used": 1, "total_available": 2, "unlimited_quota": "no"}})",
         QStringLiteral("data.unlimited_quota")},
    };
    for (const auto &[body, field] : cases) {
        SCOPED_TRACE(body.toStdString());
        serveJson(kTokenUsagePath, body);

        const Snapshot snapshot = check(QStringLiteral("newapi"));

        expectError(snapshot, CheckStatus::ParseError);
        EXPECT_TRUE(snapshot.error.contains(field)) << snapshot.error.toStdString();
    }
}

TEST_F(NewApi, DisplayMustBeOneOfItsChoices)
{
    KeyDraft draft;
    draft.name = QStringLiteral("relay");
    draft.platform = QStringLiteral("newapi");
    draft.baseUrl = m_server.baseUrl();
    draft.options = {QStringLiteral("display=EUR")};
    const auto key = KeyValidator(m_platforms).validate(draft);
    ASSERT_FALSE(key);
    EXPECT_TRUE(key.error().message.contains(QStringLiteral("display"))) << key.error().message.toStdString();
}
