// The newapi platform (a new-api / one-api relay's sk- token) through the whole check path: the
// OpenAI-style subscription then usage requests, the token's limit minus its usage, unlimited
// tokens, old one-api builds that report the remaining amount, and a failing second request.
#include "core/keys/keyvalidator.h"
#include "tests/providers/providertest.h"

#include <QUrl>

using namespace qw;
using namespace qw::test;

namespace {

const QByteArray kSubscriptionPath = "/v1/dashboard/billing/subscription";
const QByteArray kUsagePath = "/v1/dashboard/billing/usage";

} // namespace

class NewApi : public ProviderTest
{
protected:
    void serve(const QByteArray &subscription, const QByteArray &usage, int usageStatus = 200)
    {
        serveJson(kSubscriptionPath, subscription);
        serveJson(kUsagePath, usage, usageStatus);
    }

    // A query parameter as a server reads it: '+' is a space, then percent-decoding.
    QString queryParam(int request, const QByteArray &name) const
    {
        const auto requests = m_server.requests();
        if (request >= int(requests.size()))
            return QStringLiteral("<no request %1>").arg(request);
        for (const QByteArray &pair : requests[std::size_t(request)].query.split('&')) {
            const qsizetype equals = pair.indexOf('=');
            if (equals > 0 && pair.left(equals) == name)
                return QUrl::fromPercentEncoding(QByteArray(pair.mid(equals + 1)).replace('+', ' '));
        }
        return QStringLiteral("<absent>");
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

TEST_F(NewApi, AsksForTheSubscriptionThenTheUsageWithTheTokenAsBearer)
{
    serveFixture(kSubscriptionPath, QStringLiteral("newapi/subscription.json"));
    serveFixture(kUsagePath, QStringLiteral("newapi/usage.json"));

    expectOk(check(QStringLiteral("newapi")));

    const auto requests = m_server.requests();
    ASSERT_EQ(requests.size(), 2u);
    EXPECT_EQ(requests[0].method, "GET");
    EXPECT_EQ(requests[0].path, kSubscriptionPath);
    EXPECT_TRUE(requests[0].query.isEmpty()) << requests[0].query.toStdString();
    EXPECT_EQ(requests[1].method, "GET");
    EXPECT_EQ(requests[1].path, kUsagePath);
    // Relays ignore the range for a token's usage, but some refuse a request without it; the end
    // is the day after the fixed "now" (2026-11-15).
    EXPECT_EQ(queryParam(1, "start_date"), QStringLiteral("2023-01-01"));
    EXPECT_EQ(queryParam(1, "end_date"), QStringLiteral("2026-11-16"));
    for (int i = 0; i < 2; ++i)
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
    ASSERT_EQ(requests.size(), 2u);
    EXPECT_EQ(requests[0].path, QByteArray("/relay" + kSubscriptionPath));
    EXPECT_EQ(requests[1].path, QByteArray("/relay" + kUsagePath));
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
        EXPECT_EQ(m_server.requestCount(), 2);
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
    EXPECT_EQ(m_server.requestCount(), 2);
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
        EXPECT_EQ(m_server.requestCount(), 1) << "no usage request after a bad subscription";
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
