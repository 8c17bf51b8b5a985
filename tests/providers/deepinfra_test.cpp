// The deepinfra adapter through the whole check path: the prepaid money left is minus the Stripe
// balance, this month's spend (a second request, in cents) a detail beside it that may fail
// without losing the balance, a suspended account a failing key with DeepInfra's reason.
#include "tests/providers/providertest.h"

using namespace qw;
using namespace qw::test;

namespace {

const QString kPlatform = QStringLiteral("deepinfra");
constexpr auto kChecklist = "/payment/checklist";
constexpr auto kUsage = "/payment/usage";

const ReadingDetail *detailNamed(const Snapshot &snapshot, const QString &name)
{
    for (const ReadingDetail &detail : snapshot.details)
        if (detail.name == name)
            return &detail;
    return nullptr;
}

} // namespace

class DeepInfra : public ProviderTest
{
protected:
    void serve(const QString &checklist, const QString &usage = QStringLiteral("usage.json"))
    {
        serveFixture(kChecklist, QStringLiteral("deepinfra/") + checklist);
        if (!usage.isEmpty())
            serveFixture(kUsage, QStringLiteral("deepinfra/") + usage);
    }
};

TEST_F(DeepInfra, NegativeStripeBalanceIsPrepaidMoneyLeft)
{
    serve(QStringLiteral("checklist.json"));
    const Snapshot s = check(kPlatform);
    expectOk(s);
    EXPECT_EQ(kindOf(s), "balance");
    EXPECT_EQ(microsOf(s.remaining), 42'170'000); // stripe_balance -42.17
    EXPECT_EQ(s.unit.toStdString(), "USD");
    EXPECT_EQ(balanceTexts(s.balances), std::vector<std::string>{"42.17 USD"});
    EXPECT_FALSE(s.limit.has_value());

    // This month's spend, 1234 cents, beside the balance until the month ends.
    ASSERT_EQ(s.details.size(), 1U);
    const ReadingDetail &spend = s.details.front();
    EXPECT_EQ(spend.name.toStdString(), "month_spend");
    EXPECT_EQ(microsOf(spend.used), 12'340'000);
    EXPECT_FALSE(spend.limit.has_value());
    EXPECT_FALSE(spend.remaining.has_value());
    EXPECT_EQ(spend.unit.toStdString(), "USD");
    EXPECT_EQ(isoOf(spend.resetsAt), "2026-12-01T00:00:00.000Z");
}

TEST_F(DeepInfra, AsksTheChecklistWithComputeOwedThenThisMonthsUsage)
{
    serve(QStringLiteral("checklist.json"));
    expectOk(check(kPlatform));
    const auto requests = m_server.requests();
    ASSERT_EQ(requests.size(), 2U);
    EXPECT_EQ(requests[0].method.toStdString(), "GET");
    EXPECT_EQ(requests[0].path.toStdString(), kChecklist);
    EXPECT_EQ(requests[0].query.toStdString(), "compute_owed=true");
    EXPECT_EQ(requests[1].method.toStdString(), "GET");
    EXPECT_EQ(requests[1].path.toStdString(), kUsage);
    EXPECT_EQ(requests[1].query.toStdString(), "from=current");
    for (int i = 0; i < 2; ++i)
        EXPECT_EQ(sentHeader("Authorization", i).toStdString(), std::string("Bearer ") + kSecret);
    expectSecretOnlyInHeaders();
    EXPECT_EQ(m_platforms.find(kPlatform)->defaultBaseUrl().toStdString(), "https://api.deepinfra.com");
}

TEST_F(DeepInfra, PositiveStripeBalanceIsMoneyOwedShownAsANegativeBalance)
{
    serve(QStringLiteral("checklist_owed.json"));
    const Snapshot s = check(kPlatform);
    expectOk(s);
    // Owing 3.50 is below empty, not empty: the low-balance alert fires and the debt stays visible.
    EXPECT_EQ(microsOf(s.remaining), -3'500'000);
    EXPECT_EQ(balanceTexts(s.balances), std::vector<std::string>{"-3.5 USD"});
}

TEST_F(DeepInfra, SpendingLimitIsTheLimitOfTheMonthsSpend)
{
    serve(QStringLiteral("checklist_limit.json"));
    const Snapshot s = check(kPlatform);
    expectOk(s);
    EXPECT_EQ(microsOf(s.remaining), 20'000'000);
    const ReadingDetail *spend = detailNamed(s, QStringLiteral("month_spend"));
    ASSERT_NE(spend, nullptr);
    EXPECT_EQ(microsOf(spend->used), 12'340'000);
    EXPECT_EQ(microsOf(spend->limit), 50'000'000);
    EXPECT_EQ(microsOf(spend->remaining), 37'660'000);
}

TEST_F(DeepInfra, NoUsageThisMonthIsAZeroSpend)
{
    serve(QStringLiteral("checklist.json"), QStringLiteral("usage_empty.json"));
    const Snapshot s = check(kPlatform);
    expectOk(s);
    const ReadingDetail *spend = detailNamed(s, QStringLiteral("month_spend"));
    ASSERT_NE(spend, nullptr);
    EXPECT_EQ(microsOf(spend->used), 0);
}

TEST_F(DeepInfra, SeveralMonthsAreAddedUp)
{
    serveFixture(kChecklist, QStringLiteral("deepinfra/checklist.json"));
    serveJson(kUsage, R"({"months": [{"total_cost": 100}, {"total_cost": "250.5"}]})");
    const Snapshot s = check(kPlatform);
    expectOk(s);
    const ReadingDetail *spend = detailNamed(s, QStringLiteral("month_spend"));
    ASSERT_NE(spend, nullptr);
    EXPECT_EQ(microsOf(spend->used), 3'505'000);
}

TEST_F(DeepInfra, FailedUsageRequestKeepsTheBalance)
{
    const std::vector<std::pair<QByteArray, int>> usageAnswers{
        {R"({"detail": "Not allowed"})", 403},
        {R"({"detail": "boom"})", 500},
        {"<html><body>Bad gateway</body></html>", 502},
        {R"({"months": "none"})", 200},
        {R"({"months": [{"total_cost": "lots"}]})", 200},
        {R"({"months": [{"total_cost": 1000, "x": 1}, {"total_cost": 1e300}]})", 200},
        {R"({"months": [{"total_cost": 1)", 200},
    };
    serveFixture(kChecklist, QStringLiteral("deepinfra/checklist.json"));
    for (const auto &[body, status] : usageAnswers) {
        SCOPED_TRACE(body.toStdString());
        m_server.route("GET", kUsage, TestResponse::json(body, status));
        const Snapshot s = check(kPlatform);
        expectOk(s);
        EXPECT_EQ(microsOf(s.remaining), 42'170'000);
        EXPECT_TRUE(s.details.empty());
    }
    // ... and when the usage endpoint is not there at all.
    m_server.route("GET", kUsage, TestResponse::json(R"({"error":"no route"})", 404));
    const Snapshot s = check(kPlatform);
    expectOk(s);
    EXPECT_EQ(microsOf(s.remaining), 42'170'000);
}

TEST_F(DeepInfra, SuspendedAccountIsAFailingKeyWithTheReason)
{
    serve(QStringLiteral("checklist_suspended.json"));
    const Snapshot s = check(kPlatform);
    expectError(s, CheckStatus::AuthError);
    EXPECT_TRUE(s.error.contains(QStringLiteral("suspended"))) << s.error.toStdString();
    EXPECT_TRUE(s.error.contains(QStringLiteral("unpaid invoice"))) << s.error.toStdString();
    // Nothing more is asked of a suspended account.
    EXPECT_EQ(m_server.requestCount(), 1);
}

TEST_F(DeepInfra, SuspendedWithoutAReasonStillSaysSo)
{
    serveJson(kChecklist, R"({"stripe_balance": -5, "suspended": true, "suspend_reason": null})");
    const Snapshot s = check(kPlatform);
    expectError(s, CheckStatus::AuthError);
    EXPECT_TRUE(s.error.contains(QStringLiteral("suspended"))) << s.error.toStdString();
}

TEST_F(DeepInfra, BadKeyIsAnAuthError)
{
    m_server.route("GET", kChecklist,
                   TestResponse::json(fixture(QStringLiteral("deepinfra/unauthorized.json")), 401));
    const Snapshot s = check(kPlatform);
    expectError(s, CheckStatus::AuthError);
    EXPECT_TRUE(s.error.contains(QStringLiteral("HTTP 401"))) << s.error.toStdString();
    EXPECT_EQ(m_server.requestCount(), 1);
}

TEST_F(DeepInfra, KeyThatMayNotReadBillingSaysSo)
{
    m_server.route("GET", kChecklist,
                   TestResponse::json(fixture(QStringLiteral("deepinfra/forbidden.json")), 403));
    const Snapshot s = check(kPlatform);
    expectError(s, CheckStatus::AuthError);
    EXPECT_TRUE(s.error.contains(QStringLiteral("may not read the account's billing")))
        << s.error.toStdString();
}

TEST_F(DeepInfra, BadChecklistFieldsAreParseErrorsNamingThem)
{
    const std::vector<std::pair<QByteArray, QString>> cases{
        {R"({"limit": null, "suspended": false})", QStringLiteral("stripe_balance")},
        {R"({"stripe_balance": "minus ten", "suspended": false})", QStringLiteral("stripe_balance")},
        {R"({"stripe_balance": -10, "suspended": "no"})", QStringLiteral("suspended")},
        {R"({"stripe_balance": -10, "suspended": false, "limit": "none"})", QStringLiteral("limit")},
    };
    for (const auto &[body, field] : cases) {
        SCOPED_TRACE(body.toStdString());
        serveJson(kChecklist, body);
        const Snapshot s = check(kPlatform);
        expectError(s, CheckStatus::ParseError);
        EXPECT_TRUE(s.error.contains(QStringLiteral("“%1”").arg(field))) << s.error.toStdString();
    }
}
