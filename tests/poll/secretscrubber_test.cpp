// SecretScrubber on its own: the whole secret, slices of 8 characters or more anywhere, and the
// replacement that must not bring a slice back.
#include "core/poll/secretscrubber.h"

#include <gtest/gtest.h>

namespace qw {
namespace {

const QByteArray kSecret = "sk-scrub-0123456789abcdefghijKLMNOP";

// Whether any kMinRun consecutive characters of `secret` survive in `text`.
bool holdsRun(const QByteArray &secret, const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    for (qsizetype i = 0; i + SecretScrubber::kMinRun <= secret.size(); ++i) {
        if (utf8.contains(secret.mid(i, SecretScrubber::kMinRun)))
            return true;
    }
    return false;
}

TEST(SecretScrubber, WholeSecretBecomesTheHint)
{
    const SecretScrubber scrubber(kSecret, QStringLiteral("sk-…MNOP"));
    QString message =
        QStringLiteral("Incorrect API key: ") + QString::fromLatin1(kSecret) + QStringLiteral(". Bye");
    EXPECT_TRUE(scrubber.scrub(message));
    EXPECT_EQ(message, QStringLiteral("Incorrect API key: sk-…MNOP. Bye"));
}

TEST(SecretScrubber, EveryLongSliceGoesShortOnesStay)
{
    const SecretScrubber scrubber(kSecret, QStringLiteral("sk-…MNOP"));
    // The usual shortened echo, a middle slice of 12, the tail alone, and 7 characters, which
    // any text may hold by chance.
    QString message =
        QStringLiteral("invalid key sk-scrub-01...hijKLMNOP; saw 3456789abcde; tail ghijKLMNOP; "
                       "short 0123456 ok");
    EXPECT_TRUE(scrubber.scrub(message));
    EXPECT_FALSE(holdsRun(kSecret, message)) << message.toStdString();
    EXPECT_EQ(message, QStringLiteral(
                           "invalid key sk-…MNOP...sk-…MNOP; saw sk-…MNOP; tail sk-…MNOP; short 0123456 ok"));
}

TEST(SecretScrubber, OverlappingAndRepeatedRunsAreOneReplacement)
{
    const SecretScrubber scrubber(kSecret, QStringLiteral("…"));
    QByteArray body = "[" + kSecret + kSecret + "]";
    EXPECT_TRUE(scrubber.scrub(body));
    EXPECT_EQ(body, QStringLiteral("[…]").toUtf8());
}

TEST(SecretScrubber, AHintThatCarriesARunIsNotUsed)
{
    // "sk-or-v1-" is 9 characters of the secret: the hint would put them back.
    const QByteArray secret = "sk-or-v1-0123456789abcdef0123456789abcdef";
    const SecretScrubber scrubber(secret, QStringLiteral("sk-or-v1-…cdef"));
    QString message = QStringLiteral("bad key ") + QString::fromLatin1(secret);
    EXPECT_TRUE(scrubber.scrub(message));
    EXPECT_EQ(message, QStringLiteral("bad key …"));
    EXPECT_FALSE(holdsRun(secret, message));
}

TEST(SecretScrubber, AHintThatWouldBreakJsonIsNotUsed)
{
    const SecretScrubber scrubber(kSecret, QStringLiteral("a\"b"));
    QByteArray body = R"({"error":")" + kSecret + R"("})";
    EXPECT_TRUE(scrubber.scrub(body));
    EXPECT_EQ(body, QStringLiteral(R"({"error":"…"})").toUtf8());
}

TEST(SecretScrubber, ShortSecretsOnlyWhole)
{
    const SecretScrubber scrubber("abc123", QStringLiteral("…"));
    QString message = QStringLiteral("key abc123 and abc12");
    EXPECT_TRUE(scrubber.scrub(message));
    EXPECT_EQ(message, QStringLiteral("key … and abc12"));

    const SecretScrubber tooShort("abc", QStringLiteral("…"));
    QString untouched = QStringLiteral("abc abc");
    EXPECT_FALSE(tooShort.scrub(untouched));
    EXPECT_EQ(untouched, QStringLiteral("abc abc"));
}

// A key holding "0123456789" must not change an answer's "quota": 12345678; in a message the
// same run goes.
TEST(SecretScrubber, AllNumericRunsAreSparedOnlyWhenAsked)
{
    const SecretScrubber scrubber(kSecret, QStringLiteral("…"));
    QByteArray body = R"({"quota": 12345678, "balance": "-1234567890.5e+3", "message": "key 0123456789abc"})";
    EXPECT_TRUE(scrubber.scrub(body, SecretScrubber::Numbers::Spare));
    EXPECT_EQ(
        body,
        QStringLiteral(R"({"quota": 12345678, "balance": "-1234567890.5e+3", "message": "key …"})").toUtf8());

    QByteArray numbersOnly = R"({"quota": 12345678})";
    EXPECT_FALSE(scrubber.scrub(numbersOnly, SecretScrubber::Numbers::Spare));
    EXPECT_EQ(numbersOnly, R"({"quota": 12345678})");

    QString message = QStringLiteral("quota 12345678 refused");
    EXPECT_TRUE(scrubber.scrub(message));
    EXPECT_EQ(message, QStringLiteral("quota … refused"));
}

TEST(SecretScrubber, TextWithoutTheSecretIsLeftAsItIs)
{
    const SecretScrubber scrubber(kSecret, QStringLiteral("sk-…MNOP"));
    QString message = QStringLiteral("insufficient balance (sk-, 0123456, KLMNOP)");
    EXPECT_FALSE(scrubber.scrub(message));
    EXPECT_EQ(message, QStringLiteral("insufficient balance (sk-, 0123456, KLMNOP)"));
    EXPECT_FALSE(scrubber.finds(message.toUtf8()));
    EXPECT_TRUE(scrubber.finds(QByteArray("x" + kSecret.mid(5, 8) + "y")));
}

} // namespace
} // namespace qw
