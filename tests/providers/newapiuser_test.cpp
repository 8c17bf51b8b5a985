// The newapi-user platform (a new-api relay account's system access token) through the whole check
// path: quota units to USD, the New-Api-User header, failures that arrive as HTTP 200 with
// success false, and the user_id option a key cannot be saved without.
#include "core/keys/keyvalidator.h"
#include "tests/providers/providertest.h"

using namespace qw;
using namespace qw::test;

namespace {

const QByteArray kSelfPath = "/api/user/self";

} // namespace

class NewApiUser : public ProviderTest
{
protected:
    Snapshot checkUser(const QStringList &extraOptions = {})
    {
        return check(QStringLiteral("newapi-user"), QStringList{QStringLiteral("user_id=42")} + extraOptions);
    }

    // The message KeyValidator refuses these options with; empty when it accepts them.
    QString refusal(const QStringList &options) const
    {
        KeyDraft draft;
        draft.name = QStringLiteral("relay account");
        draft.platform = QStringLiteral("newapi-user");
        draft.baseUrl = m_server.baseUrl();
        draft.options = options;
        const auto key = KeyValidator(m_platforms).validate(draft);
        return key ? QString() : key.error().message;
    }
};

TEST_F(NewApiUser, QuotaIsDividedByFiveHundredThousandUnitsPerUsd)
{
    serveFixture(kSelfPath, QStringLiteral("newapi-user/self.json"));

    const Snapshot snapshot = checkUser();

    expectOk(snapshot);
    EXPECT_EQ(kindOf(snapshot), "balance");
    EXPECT_EQ(microsOf(snapshot.remaining), 24'691'356); // 12345678 / 500000
    EXPECT_EQ(microsOf(snapshot.used), 5'000'000);       // 2500000 / 500000
    EXPECT_EQ(microsOf(snapshot.limit), std::nullopt);
    EXPECT_EQ(snapshot.unit, QStringLiteral("USD"));
    EXPECT_EQ(balancesOf(snapshot), (Balances{{24'691'356, "USD"}}));
    EXPECT_FALSE(snapshot.resetsAt.isValid());
}

TEST_F(NewApiUser, SendsTheAccessTokenAsBearerAndTheUserIdAsNewApiUser)
{
    serveFixture(kSelfPath, QStringLiteral("newapi-user/self.json"));

    expectOk(checkUser());

    const auto requests = m_server.requests();
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0].method, "GET");
    EXPECT_EQ(requests[0].path, kSelfPath);
    EXPECT_TRUE(requests[0].query.isEmpty());
    EXPECT_EQ(sentHeader("Authorization"), QByteArray(QByteArray("Bearer ") + kSecret));
    EXPECT_EQ(sentHeader("New-Api-User"), "42");
    expectSecretOnlyInHeaders();
}

TEST_F(NewApiUser, QuotaPerUnitOptionChangesTheDivisor)
{
    serveFixture(kSelfPath, QStringLiteral("newapi-user/self.json"));

    const Snapshot snapshot = checkUser({QStringLiteral("quota_per_unit=1000000")});

    expectOk(snapshot);
    EXPECT_EQ(microsOf(snapshot.remaining), 12'345'678);
    EXPECT_EQ(microsOf(snapshot.used), 2'500'000);
}

TEST_F(NewApiUser, DivisionIsRoundedToMicroUnits)
{
    serveJson(kSelfPath, R"({"success": true, "message": "", "data": {"quota": 1000000, "used_quota": 2}})");

    const Snapshot snapshot = checkUser({QStringLiteral("quota_per_unit=3")});

    expectOk(snapshot);
    EXPECT_EQ(microsOf(snapshot.remaining), 333'333'333'333); // 333333.333333…
    EXPECT_EQ(microsOf(snapshot.used), 666'667);              // 0.666666… rounded up
}

TEST_F(NewApiUser, QuotaAsNumericStringsIsRead)
{
    serveFixture(kSelfPath, QStringLiteral("newapi-user/self_strings.json"));

    const Snapshot snapshot = checkUser();

    expectOk(snapshot);
    EXPECT_EQ(microsOf(snapshot.remaining), 6'000'000);
    EXPECT_EQ(microsOf(snapshot.used), 1'500'000);
}

TEST_F(NewApiUser, UsedQuotaIsOptional)
{
    serveJson(kSelfPath, R"({"success": true, "message": "", "data": {"id": 42, "quota": 250000}})");

    const Snapshot snapshot = checkUser();

    expectOk(snapshot);
    EXPECT_EQ(microsOf(snapshot.remaining), 500'000);
    EXPECT_EQ(microsOf(snapshot.used), std::nullopt);
}

TEST_F(NewApiUser, RefusedTokenInHttp200IsAnAuthErrorWithTheRelaysWords)
{
    struct Case
    {
        const char *fixture;
        QString said;
    };
    const std::vector<Case> cases{
        {"newapi-user/invalid_token_zh.json", QStringLiteral("access token 无效")},
        {"newapi-user/invalid_token_en.json", QStringLiteral("access token is invalid")},
        {"newapi-user/user_mismatch_zh.json", QStringLiteral("New-Api-User 与登录用户不匹配")},
        {"newapi-user/banned_zh.json", QStringLiteral("用户已被封禁")},
    };
    for (const Case &c : cases) {
        SCOPED_TRACE(c.fixture);
        serveFixture(kSelfPath, QString::fromLatin1(c.fixture));

        const Snapshot snapshot = checkUser();

        expectError(snapshot, CheckStatus::AuthError);
        EXPECT_TRUE(snapshot.error.contains(c.said)) << snapshot.error.toStdString();
        EXPECT_TRUE(snapshot.error.contains(QStringLiteral("user_id"))) << snapshot.error.toStdString();
    }
}

TEST_F(NewApiUser, OtherFailuresInHttp200AreProviderErrors)
{
    struct Case
    {
        const char *fixture;
        QString said;
    };
    const std::vector<Case> cases{
        {"newapi-user/database_error_zh.json", QStringLiteral("数据库错误，请稍后重试")},
        {"newapi-user/database_error_en.json", QStringLiteral("record not found")},
    };
    for (const Case &c : cases) {
        SCOPED_TRACE(c.fixture);
        serveFixture(kSelfPath, QString::fromLatin1(c.fixture));

        const Snapshot snapshot = checkUser();

        expectError(snapshot, CheckStatus::ProviderError);
        EXPECT_TRUE(snapshot.error.contains(c.said)) << snapshot.error.toStdString();
    }
}

TEST_F(NewApiUser, FailureWithoutAMessageSaysNoReasonWasGiven)
{
    serveJson(kSelfPath, R"({"success": false})");

    const Snapshot snapshot = checkUser();

    expectError(snapshot, CheckStatus::ProviderError);
    EXPECT_TRUE(snapshot.error.contains(QStringLiteral("no reason given"))) << snapshot.error.toStdString();
}

TEST_F(NewApiUser, QuotaOfTheWrongTypeIsAParseErrorNamingIt)
{
    for (const QByteArray &quota : {QByteArray("true"), QByteArray(R"("lots")"), QByteArray("null")}) {
        SCOPED_TRACE(quota.toStdString());
        serveJson(kSelfPath, R"({"success": true, "message": "", "data": {"quota": )" + quota + "}}");

        const Snapshot snapshot = checkUser();

        expectError(snapshot, CheckStatus::ParseError);
        EXPECT_TRUE(snapshot.error.contains(QStringLiteral("data.quota"))) << snapshot.error.toStdString();
    }
}

TEST_F(NewApiUser, UsedQuotaOfTheWrongTypeIsAParseErrorNamingIt)
{
    serveJson(kSelfPath, R"({"success": true, "data": {"quota": 500000, "used_quota": {"total": 1}}})");

    const Snapshot snapshot = checkUser();

    expectError(snapshot, CheckStatus::ParseError);
    EXPECT_TRUE(snapshot.error.contains(QStringLiteral("data.used_quota"))) << snapshot.error.toStdString();
}

TEST_F(NewApiUser, SuccessThatIsNotABooleanIsAParseErrorNamingIt)
{
    serveJson(kSelfPath, R"({"success": "true", "data": {"quota": 500000}})");

    const Snapshot snapshot = checkUser();

    expectError(snapshot, CheckStatus::ParseError);
    EXPECT_TRUE(snapshot.error.contains(QStringLiteral("success"))) << snapshot.error.toStdString();
}

TEST_F(NewApiUser, KeyWithoutUserIdIsRefused)
{
    const QString message = refusal({});
    EXPECT_TRUE(message.contains(QStringLiteral("user_id"))) << message.toStdString();
    EXPECT_TRUE(message.contains(QStringLiteral("newapi-user"))) << message.toStdString();
    const QString empty = refusal({QStringLiteral("user_id=")});
    EXPECT_TRUE(empty.contains(QStringLiteral("user_id"))) << empty.toStdString();
}

TEST_F(NewApiUser, UserIdAndQuotaPerUnitMustBePositiveWholeNumbers)
{
    for (const QString &option :
         {QStringLiteral("user_id=alice"), QStringLiteral("user_id=-3"), QStringLiteral("user_id=4.5")}) {
        SCOPED_TRACE(option.toStdString());
        const QString message = refusal({option});
        EXPECT_TRUE(message.contains(QStringLiteral("“user_id”"))) << message.toStdString();
    }
    for (const QString &option : {QStringLiteral("quota_per_unit=0"), QStringLiteral("quota_per_unit=abc")}) {
        SCOPED_TRACE(option.toStdString());
        const QString message = refusal({QStringLiteral("user_id=42"), option});
        EXPECT_TRUE(message.contains(QStringLiteral("“quota_per_unit”"))) << message.toStdString();
    }
    EXPECT_EQ(refusal({QStringLiteral("user_id=42"), QStringLiteral("quota_per_unit=1000000")}), QString());
}
