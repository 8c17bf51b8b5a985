// The novita adapter through the whole check path: the available balance in USD, which Novita
// sends in units of 1/10,000 USD, and the credit line (a detail, never the balance's limit).
#include "tests/providers/providertest.h"

using namespace qw;
using namespace qw::test;

namespace {

const QString kPlatform = QStringLiteral("novita");
constexpr auto kPath = "/openapi/v1/billing/balance/detail";

} // namespace

class Novita : public ProviderTest
{
};

TEST_F(Novita, AvailableBalanceIsInTenThousandthsOfADollar)
{
    serveFixture(kPath, QStringLiteral("novita/balance.json"));
    const Snapshot s = check(kPlatform);
    expectOk(s);
    EXPECT_EQ(kindOf(s), "balance");
    EXPECT_EQ(microsOf(s.remaining), 12'340'000); // "123400" / 10000
    EXPECT_EQ(s.unit.toStdString(), "USD");
    EXPECT_EQ(balanceTexts(s.balances), std::vector<std::string>{"12.34 USD"});
    // A credit limit of 0 means none: no credit_line detail.
    EXPECT_FALSE(s.limit.has_value());
    EXPECT_TRUE(s.details.empty());
    EXPECT_FALSE(s.used.has_value());
}

TEST_F(Novita, SendsAnAuthenticatedGetToTheBalanceDetail)
{
    serveFixture(kPath, QStringLiteral("novita/balance.json"));
    expectOk(check(kPlatform));
    const auto requests = m_server.requests();
    ASSERT_EQ(requests.size(), 1U);
    EXPECT_EQ(requests[0].method.toStdString(), "GET");
    EXPECT_EQ(requests[0].path.toStdString(), kPath);
    EXPECT_EQ(sentHeader("Authorization").toStdString(), std::string("Bearer ") + kSecret);
    expectSecretOnlyInHeaders();
}

TEST_F(Novita, CreditLineIsADetailNeverTheLimitOfTheBalance)
{
    serveFixture(kPath, QStringLiteral("novita/balance_with_credit_limit.json"));
    const Snapshot s = check(kPlatform);
    expectOk(s);
    EXPECT_EQ(kindOf(s), "balance");
    EXPECT_EQ(microsOf(s.remaining), 150'500'100); // "1505001": down to the last 1/10000 USD
    // creditLimit is how far the account may go into debt, not a cap of the balance: no bar or
    // percentage threshold may divide the balance by it.
    EXPECT_FALSE(s.limit.has_value());
    EXPECT_EQ(balanceTexts(s.balances), std::vector<std::string>{"150.5001 USD"});
    ASSERT_EQ(s.details.size(), 1U);
    EXPECT_EQ(s.details[0].name.toStdString(), "credit_line");
    EXPECT_EQ(microsOf(s.details[0].limit), 150'000'000);
    EXPECT_FALSE(s.details[0].remaining.has_value());
    EXPECT_EQ(s.details[0].unit.toStdString(), "USD");
}

TEST_F(Novita, JsonNumbersAreReadInTheSameUnits)
{
    serveJson(kPath, R"({"availableBalance": 98765, "cashBalance": 98765, "creditLimit": 20000})");
    const Snapshot s = check(kPlatform);
    expectOk(s);
    EXPECT_EQ(microsOf(s.remaining), 9'876'500);
    EXPECT_FALSE(s.limit.has_value());
    ASSERT_EQ(s.details.size(), 1U);
    EXPECT_EQ(microsOf(s.details[0].limit), 2'000'000);
}

TEST_F(Novita, OnlyTheAvailableBalanceIsNeeded)
{
    serveJson(kPath, R"({"availableBalance": "5"})");
    const Snapshot s = check(kPlatform);
    expectOk(s);
    EXPECT_EQ(microsOf(s.remaining), 500); // 5 / 10000 USD = 0.0005 USD
    EXPECT_FALSE(s.limit.has_value());
}

TEST_F(Novita, NegativeBalanceStaysNegative)
{
    serveJson(kPath, R"({"availableBalance": "-2500", "cashBalance": "-2500", "creditLimit": "0"})");
    const Snapshot s = check(kPlatform);
    expectOk(s);
    EXPECT_EQ(microsOf(s.remaining), -250'000);
}

TEST_F(Novita, WrongTypeIsAParseErrorNamingTheField)
{
    const std::vector<std::pair<QByteArray, QString>> cases{
        {R"({"availableBalance": "12.34 USD", "creditLimit": "0"})", QStringLiteral("availableBalance")},
        {R"({"availableBalance": true})", QStringLiteral("availableBalance")},
        {R"({"cashBalance": "123400", "creditLimit": "0"})", QStringLiteral("availableBalance")},
        {R"({"availableBalance": "123400", "creditLimit": "none"})", QStringLiteral("creditLimit")},
    };
    for (const auto &[body, field] : cases) {
        SCOPED_TRACE(body.toStdString());
        serveJson(kPath, body);
        const Snapshot s = check(kPlatform);
        expectError(s, CheckStatus::ParseError);
        EXPECT_TRUE(s.error.contains(QStringLiteral("“%1”").arg(field))) << s.error.toStdString();
    }
}
