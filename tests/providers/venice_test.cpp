// The venice adapter through the whole check path: USD and DIEM balances both kept, the headline
// the currency the account spends (consumptionCurrency), an account that cannot consume read as
// out of credit, and the 401 that an inference-only key gets explained.
#include "tests/providers/providertest.h"

using namespace qw;
using namespace qw::test;

namespace {

const QString kPlatform = QStringLiteral("venice");
constexpr auto kPath = "/api/v1/billing/balance";

} // namespace

class Venice : public ProviderTest
{
protected:
    Snapshot checkFixture(const QString &name, const QStringList &options = {})
    {
        serveFixture(kPath, QStringLiteral("venice/") + name);
        return check(kPlatform, options);
    }
};

TEST_F(Venice, DiemAccountHeadlinesDiemAgainstItsEpochAllocation)
{
    const Snapshot s = checkFixture(QStringLiteral("diem.json"));
    expectOk(s);
    EXPECT_EQ(kindOf(s), "balance");
    EXPECT_EQ(microsOf(s.remaining), 90'500'000);
    EXPECT_EQ(s.unit.toStdString(), "DIEM");
    // DIEM refills to the allocation each epoch: the bar and percent thresholds divide by it.
    EXPECT_EQ(microsOf(s.limit), 100'000'000);
    EXPECT_EQ(balanceTexts(s.balances), (std::vector<std::string>{"25 USD", "90.5 DIEM"}));
}

TEST_F(Venice, SendsAnAuthenticatedGetToBillingBalance)
{
    expectOk(checkFixture(QStringLiteral("diem.json")));
    const auto requests = m_server.requests();
    ASSERT_EQ(requests.size(), 1U);
    EXPECT_EQ(requests[0].method.toStdString(), "GET");
    EXPECT_EQ(requests[0].path.toStdString(), kPath);
    EXPECT_EQ(sentHeader("Authorization").toStdString(), std::string("Bearer ") + kSecret);
    expectSecretOnlyInHeaders();
    EXPECT_EQ(m_platforms.find(kPlatform)->defaultBaseUrl().toStdString(), "https://api.venice.ai");
}

TEST_F(Venice, UsdAccountHeadlinesUsdWithoutALimit)
{
    const Snapshot s = checkFixture(QStringLiteral("usd.json"));
    expectOk(s);
    EXPECT_EQ(microsOf(s.remaining), 25'000'000);
    EXPECT_EQ(s.unit.toStdString(), "USD");
    // The DIEM allocation is no limit of a USD balance.
    EXPECT_FALSE(s.limit.has_value());
    EXPECT_EQ(balanceTexts(s.balances), (std::vector<std::string>{"25 USD", "90.5 DIEM"}));
}

TEST_F(Venice, SpentCurrencyWinsOverThePreferredOne)
{
    // What the account spends is what runs out; a preference cannot change that.
    const Snapshot s = checkFixture(QStringLiteral("diem.json"), {QStringLiteral("currency=USD")});
    expectOk(s);
    EXPECT_EQ(s.unit.toStdString(), "DIEM");
    EXPECT_EQ(microsOf(s.remaining), 90'500'000);
}

TEST_F(Venice, VcuIsTheOldNameOfDiem)
{
    const Snapshot s = checkFixture(QStringLiteral("vcu.json"));
    expectOk(s);
    EXPECT_EQ(s.unit.toStdString(), "DIEM");
    EXPECT_EQ(microsOf(s.remaining), 40'000'000);
    EXPECT_EQ(microsOf(s.limit), 50'000'000);
}

TEST_F(Venice, NullConsumptionCurrencyHeadlinesTheBalanceThereIs)
{
    const Snapshot s = checkFixture(QStringLiteral("no_currency_usd_only.json"));
    expectOk(s);
    EXPECT_EQ(microsOf(s.remaining), 12'750'000);
    EXPECT_EQ(s.unit.toStdString(), "USD");
    // A null DIEM balance is left out, not shown as 0.
    EXPECT_EQ(balanceTexts(s.balances), std::vector<std::string>{"12.75 USD"});
}

TEST_F(Venice, SpentCurrencyWithoutABalanceFallsBackToTheOneThereIs)
{
    const Snapshot s = checkFixture(QStringLiteral("spent_currency_absent.json"));
    expectOk(s);
    EXPECT_EQ(s.unit.toStdString(), "DIEM");
    EXPECT_EQ(microsOf(s.remaining), 7'000'000);
    EXPECT_EQ(microsOf(s.limit), 10'000'000);
    EXPECT_EQ(balanceTexts(s.balances), std::vector<std::string>{"7 DIEM"});
}

TEST_F(Venice, BundledCreditsHeadlineTheNonZeroBalanceOrThePreferredOne)
{
    // BUNDLED_CREDITS has no balance of its own: the first non-zero one is the headline ...
    Snapshot s = checkFixture(QStringLiteral("bundled_credits.json"));
    expectOk(s);
    EXPECT_EQ(s.unit.toStdString(), "USD");
    EXPECT_EQ(microsOf(s.remaining), 8'500'000);
    EXPECT_EQ(balanceTexts(s.balances), (std::vector<std::string>{"8.5 USD", "0 DIEM"}));
    // ... unless the user prefers another.
    s = check(kPlatform, {QStringLiteral("currency=DIEM")});
    expectOk(s);
    EXPECT_EQ(s.unit.toStdString(), "DIEM");
    EXPECT_EQ(microsOf(s.remaining), 0);
}

TEST_F(Venice, AccountThatCannotConsumeIsOutOfCreditWhateverItsBalancesSay)
{
    const Snapshot s = checkFixture(QStringLiteral("cannot_consume.json"));
    expectOk(s);
    EXPECT_EQ(kindOf(s), "balance");
    // 0.004 USD is below what a request costs; Venice says so with canConsume false.
    EXPECT_EQ(microsOf(s.remaining), 0);
    EXPECT_EQ(s.unit.toStdString(), "USD");
    // What Venice reported stays visible.
    EXPECT_EQ(balanceTexts(s.balances), (std::vector<std::string>{"0.004 USD", "0 DIEM"}));
}

TEST_F(Venice, AccountThatCannotConsumeAndHasNoBalancesIsZero)
{
    const Snapshot s = checkFixture(QStringLiteral("cannot_consume_no_balances.json"));
    expectOk(s);
    EXPECT_EQ(microsOf(s.remaining), 0);
    EXPECT_EQ(s.unit.toStdString(), "USD");
    EXPECT_EQ(balanceTexts(s.balances), std::vector<std::string>{"0 USD"});
}

TEST_F(Venice, NoBalancesOnAnAccountThatCanConsumeIsUnsupportedNotZero)
{
    // A plan's bundled credits are not in the answer: 0 would raise a false "exhausted" alert.
    const Snapshot s = checkFixture(QStringLiteral("no_balances.json"));
    expectError(s, CheckStatus::Unsupported);
    EXPECT_TRUE(s.error.contains(QStringLiteral("BUNDLED_CREDITS"))) << s.error.toStdString();
}

TEST_F(Venice, RefusedKeySaysAnAdminKeyIsNeeded)
{
    serveFixture(kPath, QStringLiteral("venice/unauthorized.json"), 401);
    const Snapshot s = check(kPlatform);
    expectError(s, CheckStatus::AuthError);
    EXPECT_TRUE(s.error.contains(QStringLiteral("admin API key"))) << s.error.toStdString();
    EXPECT_TRUE(s.error.contains(QStringLiteral("inference-only"))) << s.error.toStdString();
}

TEST_F(Venice, BalancesAsNumericStringsAreRead)
{
    serveJson(kPath, R"({"canConsume": true, "consumptionCurrency": "USD",
                         "balances": {"usd": "3.21", "diem": "0"}, "diemEpochAllocation": null})");
    const Snapshot s = check(kPlatform);
    expectOk(s);
    EXPECT_EQ(microsOf(s.remaining), 3'210'000);
    EXPECT_EQ(s.unit.toStdString(), "USD");
}

TEST_F(Venice, WrongTypesAreParseErrorsNamingTheField)
{
    const std::vector<std::pair<QByteArray, QString>> cases{
        {R"({"canConsume": true, "consumptionCurrency": "USD", "balances": {"usd": "a lot"}})",
         QStringLiteral("balances.usd")},
        {R"({"canConsume": true, "consumptionCurrency": "DIEM", "balances": {"diem": true}})",
         QStringLiteral("balances.diem")},
        {R"({"canConsume": true, "consumptionCurrency": "USD", "balances": [25]})",
         QStringLiteral("balances")},
        {R"({"canConsume": "yes", "consumptionCurrency": "USD", "balances": {"usd": 1}})",
         QStringLiteral("canConsume")},
        {R"({"canConsume": true, "consumptionCurrency": "DIEM", "balances": {"diem": 1},
             "diemEpochAllocation": "x"})",
         QStringLiteral("diemEpochAllocation")},
    };
    for (const auto &[body, field] : cases) {
        SCOPED_TRACE(body.toStdString());
        serveJson(kPath, body);
        const Snapshot s = check(kPlatform);
        expectError(s, CheckStatus::ParseError);
        EXPECT_TRUE(s.error.contains(QStringLiteral("“%1”").arg(field))) << s.error.toStdString();
    }
}

TEST_F(Venice, AnswerWithoutBalancesIsAParseError)
{
    // Null balances are documented; no such field at all is not Venice's answer.
    serveJson(kPath, R"({"canConsume": true, "consumptionCurrency": "USD"})");
    const Snapshot s = check(kPlatform);
    expectError(s, CheckStatus::ParseError);
    EXPECT_TRUE(s.error.contains(QStringLiteral("“balances”"))) << s.error.toStdString();
}
