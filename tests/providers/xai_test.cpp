// The xai platform (a management key) through the whole check path: the team id in the path,
// percent-encoded, and the prepaid ledger total in cents, negative while credit remains.
#include "core/keys/keyvalidator.h"
#include "tests/providers/providertest.h"

using namespace qw;
using namespace qw::test;

namespace {

const QByteArray kBalancePath = "/v1/billing/teams/team-7c1e2b/prepaid/balance";

} // namespace

class Xai : public ProviderTest
{
protected:
    Snapshot checkTeam(const QString &team = QStringLiteral("team-7c1e2b"))
    {
        return check(QStringLiteral("xai"), {QStringLiteral("team_id=") + team});
    }
};

TEST_F(Xai, NegativeTotalInCentsIsAPositiveBalanceInUsd)
{
    serveFixture(kBalancePath, QStringLiteral("xai/prepaid_balance.json"));

    const Snapshot snapshot = checkTeam();

    expectOk(snapshot);
    EXPECT_EQ(kindOf(snapshot), "balance");
    EXPECT_EQ(microsOf(snapshot.remaining), 18'730'000); // -(-1873) cents
    EXPECT_EQ(microsOf(snapshot.used), std::nullopt);
    EXPECT_EQ(microsOf(snapshot.limit), std::nullopt);
    EXPECT_EQ(snapshot.unit, QStringLiteral("USD"));
    EXPECT_EQ(balancesOf(snapshot), (Balances{{18'730'000, "USD"}}));
    EXPECT_FALSE(snapshot.resetsAt.isValid());
}

TEST_F(Xai, AsksForTheTeamsPrepaidBalanceWithTheManagementKeyAsBearer)
{
    serveFixture(kBalancePath, QStringLiteral("xai/prepaid_balance.json"));

    expectOk(checkTeam());

    const auto requests = m_server.requests();
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0].method, "GET");
    EXPECT_EQ(requests[0].path, kBalancePath);
    EXPECT_TRUE(requests[0].query.isEmpty());
    EXPECT_EQ(sentHeader("Authorization"), QByteArray(QByteArray("Bearer ") + kSecret));
    expectSecretOnlyInHeaders();
}

TEST_F(Xai, TeamIdIsPercentEncodedInThePath)
{
    const QByteArray encodedPath = "/v1/billing/teams/ops%2Fteam%20a%3F%23/prepaid/balance";
    serveFixture(encodedPath, QStringLiteral("xai/prepaid_balance.json"));

    const Snapshot snapshot = checkTeam(QStringLiteral("ops/team a?#"));

    expectOk(snapshot);
    EXPECT_EQ(microsOf(snapshot.remaining), 18'730'000);
    const auto requests = m_server.requests();
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0].path, encodedPath);
    EXPECT_TRUE(requests[0].query.isEmpty()) << requests[0].query.toStdString();
}

TEST_F(Xai, TotalAsAJsonNumberIsReadToo)
{
    serveFixture(kBalancePath, QStringLiteral("xai/prepaid_balance_number.json"));

    const Snapshot snapshot = checkTeam();

    expectOk(snapshot);
    EXPECT_EQ(microsOf(snapshot.remaining), 999'990'000);
}

TEST_F(Xai, SpentCreditIsAZeroBalance)
{
    serveFixture(kBalancePath, QStringLiteral("xai/prepaid_balance_exhausted.json"));

    const Snapshot snapshot = checkTeam();

    expectOk(snapshot);
    EXPECT_EQ(microsOf(snapshot.remaining), 0);
    EXPECT_EQ(balancesOf(snapshot), (Balances{{0, "USD"}}));
}

TEST_F(Xai, KeyWithoutTeamIdIsRefused)
{
    KeyDraft draft;
    draft.name = QStringLiteral("xai team");
    draft.platform = QStringLiteral("xai");
    const auto key = KeyValidator(m_platforms).validate(draft);
    ASSERT_FALSE(key);
    EXPECT_TRUE(key.error().message.contains(QStringLiteral("team_id"))) << key.error().message.toStdString();
}

TEST_F(Xai, TotalMissingOrOfTheWrongTypeIsAParseErrorNamingIt)
{
    for (const QByteArray &body :
         {QByteArray(R"({"changes": [], "total": {"val": true}})"),
          QByteArray(R"({"changes": [], "total": {"val": "-12.5 USD"}})"),
          QByteArray(R"({"changes": [], "total": "-1873"})"), QByteArray(R"({"changes": []})")}) {
        SCOPED_TRACE(body.toStdString());
        serveJson(kBalancePath, body);

        const Snapshot snapshot = checkTeam();

        expectError(snapshot, CheckStatus::ParseError);
        EXPECT_TRUE(snapshot.error.contains(QStringLiteral("total.val"))) << snapshot.error.toStdString();
    }
}
