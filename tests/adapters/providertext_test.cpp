#include "adapters/providertext.h"

#include <gtest/gtest.h>

using qw::ProviderText;

TEST(ProviderText, RemovesControlAndBidiCharacters)
{
    const QString hostile =
        QStringLiteral("a\u0000b\u0007c\u001bd\u007fe\u0080f\u009bg\u202eh\u202ai\u2066j\u2069k"
                       "\u200el\u200fm\u061cn");
    EXPECT_EQ(ProviderText::stripped(hostile), QStringLiteral("abcdefghijklmn"));
    // Line breaks and tabs are spacing, not nothing: words stay apart.
    EXPECT_EQ(ProviderText::stripped(QStringLiteral("one\ntwo\tthree\r\nfour\u0085five")),
              QStringLiteral("one two three  four five"));
    // Ordinary text, other scripts and emoji pass unchanged.
    const QString plain = QStringLiteral("余额不足 — 12,5 € 🙂");
    EXPECT_EQ(ProviderText::stripped(plain), plain);
}

TEST(ProviderText, CapsLengthWithoutSplittingASurrogatePair)
{
    EXPECT_EQ(ProviderText::clean(QStringLiteral("abcdef"), 6), QStringLiteral("abcdef"));
    EXPECT_EQ(ProviderText::clean(QStringLiteral("abcdefg"), 6), QStringLiteral("abcde\u2026"));
    // The cut would fall between the halves of 🙂: the whole character goes.
    const QString text = QStringLiteral("abcd🙂xyz");
    const QString cut = ProviderText::clean(text, 6);
    EXPECT_EQ(cut, QStringLiteral("abcd\u2026"));
    // Controls are removed before counting.
    EXPECT_EQ(ProviderText::clean(QStringLiteral("\u0001\u0002\u0003abc"), 3), QStringLiteral("abc"));
}

TEST(ProviderText, CleansEveryProviderStringOfAnOutcome)
{
    qw::BalanceReading reading;
    reading.unit = QStringLiteral("US\u202eD\u0007-and-a-very-long-unit-name");
    reading.balances = {{qw::Amount::fromMicros(1), reading.unit}};
    qw::CheckOutcome outcome = reading;
    ProviderText::clean(outcome);
    ASSERT_TRUE(outcome.has_value());
    EXPECT_EQ(outcome->unit.size(), ProviderText::kMaxUnitLength);
    EXPECT_TRUE(outcome->unit.startsWith(QStringLiteral("USD-and")));
    EXPECT_EQ(outcome->balances.front().unit, outcome->unit);

    qw::CheckOutcome failed = qw::checkFailed(qw::CheckStatus::ProviderError,
                                              QStringLiteral("\u001b[31mred\u001b[0m ") + QString(500, u'x'));
    ProviderText::clean(failed);
    ASSERT_FALSE(failed.has_value());
    EXPECT_EQ(failed.error().message.size(), ProviderText::kMaxMessageLength);
    EXPECT_TRUE(failed.error().message.startsWith(QStringLiteral("[31mred[0m x")));
}
