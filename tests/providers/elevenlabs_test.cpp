// The elevenlabs adapter through the whole check path: characters left in the billing period and
// when it resets, the key in `xi-api-key`, and the two kinds of 401 told apart.
#include "core/storage/snapshotrepository.h"
#include "tests/providers/providertest.h"

using namespace qw;
using namespace qw::test;

namespace {

const QString kPlatform = QStringLiteral("elevenlabs");
constexpr auto kPath = "/v1/user/subscription";
constexpr qint64 kMicros = 1'000'000; // one character

} // namespace

class ElevenLabs : public ProviderTest
{
protected:
    // What the database holds for the key's latest check.
    [[nodiscard]] Snapshot stored(const Snapshot &reported)
    {
        auto latest = SnapshotRepository(*m_db).latest(reported.keyId);
        if (!latest || !*latest) {
            ADD_FAILURE() << "no stored snapshot for key " << reported.keyId;
            return {};
        }
        return **latest;
    }
};

TEST_F(ElevenLabs, CharactersLeftUntilTheNextReset)
{
    serveFixture(kPath, QStringLiteral("elevenlabs/subscription.json"));
    const Snapshot s = check(kPlatform);
    expectOk(s);
    EXPECT_EQ(kindOf(s), "quota");
    EXPECT_EQ(microsOf(s.remaining), 82'769 * kMicros); // 100000 - 17231
    EXPECT_EQ(microsOf(s.used), 17'231 * kMicros);
    EXPECT_EQ(microsOf(s.limit), 100'000 * kMicros);
    EXPECT_EQ(s.unit.toStdString(), "characters");
    EXPECT_EQ(balanceTexts(s.balances), std::vector<std::string>{"82769 characters"});
    EXPECT_EQ(s.resetsAt, QDateTime(QDate(2026, 12, 1), QTime(0, 0), Qt::UTC))
        << s.resetsAt.toString(Qt::ISODate).toStdString();

    // The reset time and the counts survive storage, not only the headline.
    const Snapshot saved = stored(s);
    EXPECT_EQ(kindOf(saved), "quota");
    EXPECT_EQ(microsOf(saved.used), 17'231 * kMicros);
    EXPECT_EQ(microsOf(saved.limit), 100'000 * kMicros);
    EXPECT_EQ(saved.unit.toStdString(), "characters");
    EXPECT_EQ(saved.resetsAt, QDateTime(QDate(2026, 12, 1), QTime(0, 0), Qt::UTC))
        << saved.resetsAt.toString(Qt::ISODate).toStdString();
}

TEST_F(ElevenLabs, KeyTravelsInXiApiKeyNotAsABearer)
{
    serveFixture(kPath, QStringLiteral("elevenlabs/subscription.json"));
    expectOk(check(kPlatform));
    const auto requests = m_server.requests();
    ASSERT_EQ(requests.size(), 1U);
    EXPECT_EQ(requests[0].method.toStdString(), "GET");
    EXPECT_EQ(requests[0].path.toStdString(), kPath);
    EXPECT_EQ(sentHeader("xi-api-key").toStdString(), kSecret);
    EXPECT_TRUE(sentHeader("Authorization").isEmpty()) << sentHeader("Authorization").toStdString();
    expectSecretOnlyInHeaders();
}

TEST_F(ElevenLabs, NumericStringsAndAnUnknownResetAreAccepted)
{
    serveJson(kPath, R"({"tier": "free", "character_count": "500", "character_limit": "10000",
                         "next_character_count_reset_unix": null, "status": "active"})");
    const Snapshot s = check(kPlatform);
    expectOk(s);
    EXPECT_EQ(microsOf(s.remaining), 9'500 * kMicros);
    EXPECT_EQ(microsOf(s.used), 500 * kMicros);
    EXPECT_EQ(microsOf(s.limit), 10'000 * kMicros);
    EXPECT_FALSE(s.resetsAt.isValid()) << s.resetsAt.toString(Qt::ISODate).toStdString();
}

TEST_F(ElevenLabs, MissingResetTimeLeavesResetsAtEmpty)
{
    serveJson(kPath, R"({"character_count": 0, "character_limit": 10000})");
    const Snapshot s = check(kPlatform);
    expectOk(s);
    EXPECT_EQ(microsOf(s.remaining), 10'000 * kMicros);
    EXPECT_FALSE(s.resetsAt.isValid());
}

TEST_F(ElevenLabs, UsedUpQuotaIsZeroLeft)
{
    serveJson(kPath, R"({"character_count": 10000, "character_limit": 10000,
                         "next_character_count_reset_unix": 1795858200})");
    const Snapshot s = check(kPlatform);
    expectOk(s);
    EXPECT_EQ(microsOf(s.remaining), 0);
    EXPECT_EQ(s.resetsAt, QDateTime(QDate(2026, 11, 28), QTime(9, 30), Qt::UTC));
}

TEST_F(ElevenLabs, InvalidKeyIsAnAuthError)
{
    serveFixture(kPath, QStringLiteral("elevenlabs/invalid_api_key.json"), 401);
    const Snapshot s = check(kPlatform);
    expectError(s, CheckStatus::AuthError);
    EXPECT_TRUE(s.error.contains(QStringLiteral("Invalid API key"))) << s.error.toStdString();
    // Not mistaken for the missing permission.
    EXPECT_FALSE(s.error.contains(QStringLiteral("User: Read"))) << s.error.toStdString();
}

TEST_F(ElevenLabs, KeyWithoutUserReadIsAnAuthErrorSayingSo)
{
    serveFixture(kPath, QStringLiteral("elevenlabs/missing_permissions.json"), 401);
    const Snapshot s = check(kPlatform);
    expectError(s, CheckStatus::AuthError);
    EXPECT_TRUE(s.error.contains(QStringLiteral("User: Read"))) << s.error.toStdString();
    EXPECT_TRUE(s.error.contains(QStringLiteral("permission"))) << s.error.toStdString();
}

TEST_F(ElevenLabs, WrongTypeIsAParseErrorNamingTheField)
{
    const std::vector<std::pair<QByteArray, QString>> cases{
        {R"({"character_count": 10, "character_limit": "unlimited"})", QStringLiteral("character_limit")},
        {R"({"character_count": {"used": 10}, "character_limit": 100})", QStringLiteral("character_count")},
        {R"({"character_limit": 100})", QStringLiteral("character_count")},
        {R"({"character_count": 10, "character_limit": null})", QStringLiteral("character_limit")},
    };
    for (const auto &[body, field] : cases) {
        SCOPED_TRACE(body.toStdString());
        serveJson(kPath, body);
        const Snapshot s = check(kPlatform);
        expectError(s, CheckStatus::ParseError);
        EXPECT_TRUE(s.error.contains(QStringLiteral("“%1”").arg(field))) << s.error.toStdString();
    }
}
