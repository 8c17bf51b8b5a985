// The poe adapter through the whole check path: the account's points as a quota in `points`, and a
// wrong key refused with Poe's own message.
#include "tests/providers/providertest.h"

using namespace qw;
using namespace qw::test;

namespace {

const QString kPlatform = QStringLiteral("poe");
constexpr auto kPath = "/usage/current_balance";
constexpr qint64 kPoint = 1'000'000;

} // namespace

using Poe = ProviderTest;

TEST_F(Poe, PointsLeftAreAQuotaInPoints)
{
    serveFixture(kPath, QStringLiteral("poe/balance.json"));
    const Snapshot s = check(kPlatform);
    expectOk(s);
    // Points are not money: a quota, so no currency rule (or currency preference) applies.
    EXPECT_EQ(kindOf(s), "quota");
    EXPECT_EQ(microsOf(s.remaining), 1'500 * kPoint);
    EXPECT_EQ(s.unit.toStdString(), "points");
    EXPECT_EQ(balanceTexts(s.balances), std::vector<std::string>{"1500 points"});
    EXPECT_FALSE(s.used.has_value());
    EXPECT_FALSE(s.limit.has_value());
}

TEST_F(Poe, SendsAnAuthenticatedGetToCurrentBalance)
{
    serveFixture(kPath, QStringLiteral("poe/balance.json"));
    expectOk(check(kPlatform));
    const auto requests = m_server.requests();
    ASSERT_EQ(requests.size(), 1U);
    EXPECT_EQ(requests[0].method.toStdString(), "GET");
    EXPECT_EQ(requests[0].path.toStdString(), kPath);
    EXPECT_EQ(sentHeader("Authorization").toStdString(), std::string("Bearer ") + kSecret);
    expectSecretOnlyInHeaders();
    EXPECT_EQ(m_platforms.find(kPlatform)->defaultBaseUrl().toStdString(), "https://api.poe.com");
}

TEST_F(Poe, NoPointsLeftIsZeroNotAnError)
{
    serveFixture(kPath, QStringLiteral("poe/exhausted.json"));
    const Snapshot s = check(kPlatform);
    expectOk(s);
    EXPECT_EQ(microsOf(s.remaining), 0);
    EXPECT_EQ(s.unit.toStdString(), "points");
}

TEST_F(Poe, LargePointBalancesAreExact)
{
    // A subscription plus add-on points runs into the millions.
    serveJson(kPath, R"({"current_point_balance": 12500000})");
    const Snapshot s = check(kPlatform);
    expectOk(s);
    EXPECT_EQ(microsOf(s.remaining), 12'500'000 * kPoint);
}

TEST_F(Poe, InvalidKeyIsAnAuthErrorWithPoesMessage)
{
    serveFixture(kPath, QStringLiteral("poe/unauthorized.json"), 401);
    const Snapshot s = check(kPlatform);
    expectError(s, CheckStatus::AuthError);
    EXPECT_TRUE(s.error.contains(QStringLiteral("Invalid API key provided"))) << s.error.toStdString();
    EXPECT_TRUE(s.error.contains(QStringLiteral("HTTP 401"))) << s.error.toStdString();
}

TEST_F(Poe, MissingOrBadPointBalanceIsAParseErrorNamingIt)
{
    for (const QByteArray &body : {QByteArray(R"({})"), QByteArray(R"({"current_point_balance": null})"),
                                   QByteArray(R"({"current_point_balance": "many"})"),
                                   QByteArray(R"({"current_point_balance": [1500]})")}) {
        SCOPED_TRACE(body.toStdString());
        serveJson(kPath, body);
        const Snapshot s = check(kPlatform);
        expectError(s, CheckStatus::ParseError);
        EXPECT_TRUE(s.error.contains(QStringLiteral("“current_point_balance”"))) << s.error.toStdString();
    }
}
