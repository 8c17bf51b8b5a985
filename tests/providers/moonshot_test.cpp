// The moonshot and moonshot-intl adapters through the whole check path: the available balance
// (cash plus vouchers) in CNY on the Chinese platform and in USD on the international one, and
// the errors Moonshot reports with HTTP 200.
#include "tests/providers/providertest.h"

using namespace qw;
using namespace qw::test;

namespace {

const QString kChina = QStringLiteral("moonshot");
const QString kInternational = QStringLiteral("moonshot-intl");
constexpr auto kPath = "/v1/users/me/balance";

// A successful answer around `data`.
QByteArray answer(const QByteArray &data)
{
    return QByteArrayLiteral(R"({"code": 0, "data": )") + data + R"(, "scode": "0x0", "status": true})";
}

} // namespace

class Moonshot : public ProviderTest
{
};

TEST_F(Moonshot, ChinaPlatformReportsTheAvailableBalanceInCny)
{
    serveFixture(kPath, QStringLiteral("moonshot/balance.json"));
    const Snapshot s = check(kChina);
    expectOk(s);
    EXPECT_EQ(kindOf(s), "balance");
    EXPECT_EQ(microsOf(s.remaining), 49'588'940);
    EXPECT_EQ(s.unit.toStdString(), "CNY");
    EXPECT_EQ(balanceTexts(s.balances), std::vector<std::string>{"49.58894 CNY"});
    EXPECT_FALSE(s.used.has_value());
    EXPECT_FALSE(s.limit.has_value());
}

TEST_F(Moonshot, InternationalPlatformReportsTheSameFieldInUsd)
{
    serveFixture(kPath, QStringLiteral("moonshot/balance.json"));
    const Snapshot s = check(kInternational);
    expectOk(s);
    EXPECT_EQ(microsOf(s.remaining), 49'588'940);
    EXPECT_EQ(s.unit.toStdString(), "USD");
    EXPECT_EQ(balanceTexts(s.balances), std::vector<std::string>{"49.58894 USD"});
}

TEST_F(Moonshot, BothRegionsSendAnAuthenticatedGetToTheBalancePath)
{
    serveFixture(kPath, QStringLiteral("moonshot/balance.json"));
    for (const QString &platform : {kChina, kInternational}) {
        SCOPED_TRACE(platform.toStdString());
        m_server.clearRequests();
        expectOk(check(platform));
        const auto requests = m_server.requests();
        ASSERT_EQ(requests.size(), 1U);
        EXPECT_EQ(requests[0].method.toStdString(), "GET");
        EXPECT_EQ(requests[0].path.toStdString(), kPath);
        EXPECT_EQ(sentHeader("Authorization").toStdString(), std::string("Bearer ") + kSecret);
        expectSecretOnlyInHeaders();
    }
}

TEST_F(Moonshot, EachRegionDefaultsToItsOwnHost)
{
    const Adapter *china = m_platforms.find(kChina);
    const Adapter *international = m_platforms.find(kInternational);
    ASSERT_NE(china, nullptr);
    ASSERT_NE(international, nullptr);
    EXPECT_EQ(china->defaultBaseUrl().toStdString(), "https://api.moonshot.cn");
    EXPECT_EQ(international->defaultBaseUrl().toStdString(), "https://api.moonshot.ai");
}

TEST_F(Moonshot, NegativeCashBalanceLeavesTheVouchersAvailable)
{
    // cash -3.25 and vouchers 20.5: available is the vouchers, not their sum nor the cash.
    serveFixture(kPath, QStringLiteral("moonshot/negative_cash.json"));
    const Snapshot s = check(kChina);
    expectOk(s);
    EXPECT_EQ(microsOf(s.remaining), 20'500'000);
    EXPECT_EQ(balanceTexts(s.balances), std::vector<std::string>{"20.5 CNY"});
}

TEST_F(Moonshot, AvailableBalanceAsANumericStringIsRead)
{
    serveJson(kPath,
              answer(R"({"available_balance": "12.5", "voucher_balance": "0", "cash_balance": "12.5"})"));
    const Snapshot s = check(kInternational);
    expectOk(s);
    EXPECT_EQ(microsOf(s.remaining), 12'500'000);
    EXPECT_EQ(s.unit.toStdString(), "USD");
}

TEST_F(Moonshot, OnlyTheAvailableBalanceIsNeeded)
{
    serveJson(kPath, R"({"data": {"available_balance": 0}})");
    const Snapshot s = check(kChina);
    expectOk(s);
    EXPECT_EQ(microsOf(s.remaining), 0);
    EXPECT_EQ(s.unit.toStdString(), "CNY");
}

TEST_F(Moonshot, StatusFalseWithHttp200IsAProviderError)
{
    serveFixture(kPath, QStringLiteral("moonshot/status_false.json"));
    for (const QString &platform : {kChina, kInternational}) {
        SCOPED_TRACE(platform.toStdString());
        const Snapshot s = check(platform);
        expectError(s, CheckStatus::ProviderError);
        EXPECT_TRUE(s.error.contains(QStringLiteral("organization is suspended"))) << s.error.toStdString();
    }
}

TEST_F(Moonshot, StatusFalseWithoutAReasonStillFails)
{
    // Even with a balance in the body: status false means the body is not to be trusted.
    serveJson(kPath, R"({"code": 1, "data": {"available_balance": 5}, "status": false})");
    const Snapshot s = check(kChina);
    expectError(s, CheckStatus::ProviderError);
    EXPECT_FALSE(s.used.has_value());
}

TEST_F(Moonshot, WrongTypeForAvailableBalanceIsAParseErrorNamingIt)
{
    const std::vector<QByteArray> bodies{
        answer(R"({"available_balance": true})"),
        answer(R"({"available_balance": "plenty"})"),
        answer(R"({"available_balance": {"amount": 3}})"),
        answer(R"({"voucher_balance": 1, "cash_balance": 2})"),
        answer("null"),
    };
    for (const QByteArray &body : bodies) {
        SCOPED_TRACE(body.toStdString());
        serveJson(kPath, body);
        const Snapshot s = check(kChina);
        expectError(s, CheckStatus::ParseError);
        EXPECT_TRUE(s.error.contains(QStringLiteral("“data.available_balance”"))) << s.error.toStdString();
    }
}
