// The siliconflow and siliconflow-intl adapters through the whole check path: the total balance
// (gift credit plus paid balance, never the gift credit alone), CNY in China and USD abroad, and
// success only when the body's code is 20000.
#include "tests/providers/providertest.h"

using namespace qw;
using namespace qw::test;

namespace {

const QString kChina = QStringLiteral("siliconflow");
const QString kInternational = QStringLiteral("siliconflow-intl");
constexpr auto kPath = "/v1/user/info";

// A successful answer around `data`.
QByteArray answer(const QByteArray &data)
{
    return QByteArrayLiteral(R"({"code": 20000, "message": "OK", "status": true, "data": )") + data + "}";
}

} // namespace

class SiliconFlow : public ProviderTest
{
};

TEST_F(SiliconFlow, TotalBalanceIsReportedNotTheGiftCredit)
{
    serveFixture(kPath, QStringLiteral("siliconflow/user_info.json"));
    const Snapshot s = check(kChina);
    expectOk(s);
    EXPECT_EQ(kindOf(s), "balance");
    // balance 0.88 (gift) + chargeBalance 88.00 (paid) = totalBalance 88.88.
    EXPECT_EQ(microsOf(s.remaining), 88'880'000);
    EXPECT_EQ(s.unit.toStdString(), "CNY");
    EXPECT_EQ(balanceTexts(s.balances), std::vector<std::string>{"88.88 CNY"});
    EXPECT_FALSE(s.used.has_value());
    EXPECT_FALSE(s.limit.has_value());
}

TEST_F(SiliconFlow, InternationalPlatformReportsUsd)
{
    serveFixture(kPath, QStringLiteral("siliconflow/user_info.json"));
    const Snapshot s = check(kInternational);
    expectOk(s);
    EXPECT_EQ(microsOf(s.remaining), 88'880'000);
    EXPECT_EQ(s.unit.toStdString(), "USD");
    EXPECT_EQ(balanceTexts(s.balances), std::vector<std::string>{"88.88 USD"});
}

TEST_F(SiliconFlow, BothRegionsSendAnAuthenticatedGetToUserInfo)
{
    serveFixture(kPath, QStringLiteral("siliconflow/user_info.json"));
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

TEST_F(SiliconFlow, EachRegionDefaultsToItsOwnHost)
{
    const Adapter *china = m_platforms.find(kChina);
    const Adapter *international = m_platforms.find(kInternational);
    ASSERT_NE(china, nullptr);
    ASSERT_NE(international, nullptr);
    EXPECT_EQ(china->defaultBaseUrl().toStdString(), "https://api.siliconflow.cn");
    EXPECT_EQ(international->defaultBaseUrl().toStdString(), "https://api.siliconflow.com");
}

TEST_F(SiliconFlow, BalancesAsJsonNumbersAreRead)
{
    serveJson(kPath, answer(R"({"balance": 1.2, "chargeBalance": 13, "totalBalance": 14.2})"));
    const Snapshot s = check(kChina);
    expectOk(s);
    EXPECT_EQ(microsOf(s.remaining), 14'200'000);
}

TEST_F(SiliconFlow, GiftCreditOnlyAccountReportsItThroughTheTotal)
{
    serveJson(kPath, answer(R"({"balance": "14.00", "chargeBalance": "0", "totalBalance": "14.00"})"));
    const Snapshot s = check(kChina);
    expectOk(s);
    EXPECT_EQ(microsOf(s.remaining), 14'000'000);
}

TEST_F(SiliconFlow, NonSuccessCodeWithHttp200IsAProviderError)
{
    serveFixture(kPath, QStringLiteral("siliconflow/error_code.json"));
    for (const QString &platform : {kChina, kInternational}) {
        SCOPED_TRACE(platform.toStdString());
        const Snapshot s = check(platform);
        expectError(s, CheckStatus::ProviderError);
        EXPECT_TRUE(s.error.contains(QStringLiteral("50603"))) << s.error.toStdString();
        EXPECT_TRUE(s.error.contains(QStringLiteral("too busy"))) << s.error.toStdString();
    }
}

TEST_F(SiliconFlow, NonSuccessCodeIsAnErrorEvenWithABalance)
{
    serveJson(kPath, R"({"code": 20001, "status": true, "data": {"totalBalance": "9.99"}})");
    const Snapshot s = check(kChina);
    expectError(s, CheckStatus::ProviderError);
    EXPECT_TRUE(s.error.contains(QStringLiteral("20001"))) << s.error.toStdString();
}

TEST_F(SiliconFlow, MissingOrNonNumericCodeIsAParseErrorNamingIt)
{
    const std::vector<std::pair<QByteArray, QString>> cases{
        {R"({"status": true, "data": {"totalBalance": "9.99"}})", QStringLiteral("missing")},
        {R"({"code": null, "data": {"totalBalance": "9.99"}})", QStringLiteral("missing")},
        {R"({"code": "OK", "data": {"totalBalance": "9.99"}})", QStringLiteral("not a number")},
    };
    for (const auto &[body, problem] : cases) {
        SCOPED_TRACE(body.toStdString());
        serveJson(kPath, body);
        const Snapshot s = check(kChina);
        expectError(s, CheckStatus::ParseError);
        EXPECT_TRUE(s.error.contains(QStringLiteral("“code”"))) << s.error.toStdString();
        EXPECT_TRUE(s.error.contains(problem)) << s.error.toStdString();
    }
}

TEST_F(SiliconFlow, WrongTypeForTotalBalanceIsAParseErrorNamingIt)
{
    const std::vector<QByteArray> bodies{
        answer(R"({"balance": "0.88", "chargeBalance": "88.00", "totalBalance": "abc"})"),
        answer(R"({"totalBalance": true})"),
        answer(R"({"totalBalance": ["88.88"]})"),
        // The gift credit alone is never passed off as the total.
        answer(R"({"balance": "0.88", "chargeBalance": "88.00"})"),
        answer("null"),
    };
    for (const QByteArray &body : bodies) {
        SCOPED_TRACE(body.toStdString());
        serveJson(kPath, body);
        const Snapshot s = check(kChina);
        expectError(s, CheckStatus::ParseError);
        EXPECT_TRUE(s.error.contains(QStringLiteral("“data.totalBalance”"))) << s.error.toStdString();
    }
}
