// The vercel-gateway adapter through the whole check path: the AI Gateway's credits in USD from
// decimal strings, what has been used of them, and the key refused with 401 or 403.
#include "tests/providers/providertest.h"

using namespace qw;
using namespace qw::test;

namespace {

const QString kPlatform = QStringLiteral("vercel-gateway");
constexpr auto kPath = "/v1/credits";

} // namespace

using VercelGateway = ProviderTest;

TEST_F(VercelGateway, CreditsAreTheBalanceAndTotalUsedIsWhatWasSpent)
{
    serveFixture(kPath, QStringLiteral("vercel-gateway/credits.json"));
    const Snapshot s = check(kPlatform);
    expectOk(s);
    EXPECT_EQ(kindOf(s), "balance");
    // "95.50" as a decimal string, read exactly.
    EXPECT_EQ(microsOf(s.remaining), 95'500'000);
    EXPECT_EQ(microsOf(s.used), 4'500'000);
    // Credits bought are not a cap on the key: no limit to divide by.
    EXPECT_FALSE(s.limit.has_value());
    EXPECT_EQ(s.unit.toStdString(), "USD");
    EXPECT_EQ(balanceTexts(s.balances), std::vector<std::string>{"95.5 USD"});
}

TEST_F(VercelGateway, SendsAnAuthenticatedGetToCredits)
{
    serveFixture(kPath, QStringLiteral("vercel-gateway/credits.json"));
    expectOk(check(kPlatform));
    const auto requests = m_server.requests();
    ASSERT_EQ(requests.size(), 1U);
    EXPECT_EQ(requests[0].method.toStdString(), "GET");
    EXPECT_EQ(requests[0].path.toStdString(), kPath);
    EXPECT_EQ(sentHeader("Authorization").toStdString(), std::string("Bearer ") + kSecret);
    expectSecretOnlyInHeaders();
}

TEST_F(VercelGateway, DefaultBaseUrlIsTheGateway)
{
    const Adapter *adapter = m_platforms.find(kPlatform);
    ASSERT_NE(adapter, nullptr);
    EXPECT_EQ(adapter->defaultBaseUrl().toStdString(), "https://ai-gateway.vercel.sh");
}

TEST_F(VercelGateway, UsedUpCreditsAreAZeroBalance)
{
    serveFixture(kPath, QStringLiteral("vercel-gateway/exhausted.json"));
    const Snapshot s = check(kPlatform);
    expectOk(s);
    EXPECT_EQ(microsOf(s.remaining), 0);
    EXPECT_EQ(microsOf(s.used), 250'000'000);
}

TEST_F(VercelGateway, JsonNumbersAreReadToo)
{
    serveJson(kPath, R"({"balance": 12.345678, "total_used": 0})");
    const Snapshot s = check(kPlatform);
    expectOk(s);
    EXPECT_EQ(microsOf(s.remaining), 12'345'678);
    EXPECT_EQ(microsOf(s.used), 0);
}

TEST_F(VercelGateway, MissingTotalUsedKeepsTheBalance)
{
    serveJson(kPath, R"({"balance": "7.25"})");
    const Snapshot s = check(kPlatform);
    expectOk(s);
    EXPECT_EQ(microsOf(s.remaining), 7'250'000);
    EXPECT_FALSE(s.used.has_value());
}

TEST_F(VercelGateway, RefusedKeyIsAnAuthErrorWithTheProvidersMessage)
{
    for (const auto &[status, file] : {std::pair{401, QStringLiteral("vercel-gateway/unauthorized.json")},
                                       std::pair{403, QStringLiteral("vercel-gateway/forbidden.json")}}) {
        SCOPED_TRACE(status);
        serveFixture(kPath, file, status);
        const Snapshot s = check(kPlatform);
        expectError(s, CheckStatus::AuthError);
        EXPECT_TRUE(s.error.contains(QStringLiteral("HTTP %1").arg(status))) << s.error.toStdString();
        EXPECT_TRUE(s.error.contains(status == 401 ? QStringLiteral("Invalid API key")
                                                   : QStringLiteral("does not grant access")))
            << s.error.toStdString();
    }
}

TEST_F(VercelGateway, BadOrMissingBalanceIsAParseErrorNamingIt)
{
    const std::vector<std::pair<QByteArray, QString>> cases{
        {R"({"total_used": "4.50"})", QStringLiteral("balance")},
        {R"({"balance": null, "total_used": "4.50"})", QStringLiteral("balance")},
        {R"({"balance": "95,50", "total_used": "4.50"})", QStringLiteral("balance")},
        {R"({"balance": "95.50", "total_used": "lots"})", QStringLiteral("total_used")},
    };
    for (const auto &[body, field] : cases) {
        SCOPED_TRACE(body.toStdString());
        serveJson(kPath, body);
        const Snapshot s = check(kPlatform);
        expectError(s, CheckStatus::ParseError);
        EXPECT_TRUE(s.error.contains(QStringLiteral("“%1”").arg(field))) << s.error.toStdString();
    }
}
