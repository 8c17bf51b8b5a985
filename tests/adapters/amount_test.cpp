#include "adapters/amount.h"

#include <gtest/gtest.h>

using qw::Amount;

namespace {

qint64 microsOf(const char *text)
{
    const auto amount = Amount::parse(QString::fromLatin1(text));
    EXPECT_TRUE(amount.has_value()) << text;
    return amount ? amount->micros() : 0;
}

} // namespace

TEST(Amount, ParsesDecimalsExactly)
{
    EXPECT_EQ(microsOf("12"), 12'000'000);
    EXPECT_EQ(microsOf("-3.5"), -3'500'000);
    EXPECT_EQ(microsOf("+7.25"), 7'250'000);
    EXPECT_EQ(microsOf("0.000001"), 1);
    EXPECT_EQ(microsOf(".5"), 500'000);
    EXPECT_EQ(microsOf("5."), 5'000'000);
    EXPECT_EQ(microsOf("  42.10 "), 42'100'000);
    // 0.1 + 0.2 is where binary floating point goes wrong; exact micro-units do not.
    EXPECT_EQ((*Amount::parse(u"0.1") + *Amount::parse(u"0.2")).micros(), microsOf("0.3"));
}

TEST(Amount, ParsesExponents)
{
    EXPECT_EQ(microsOf("1e3"), 1'000'000'000);
    EXPECT_EQ(microsOf("1.5E-2"), 15'000);
    EXPECT_EQ(microsOf("25e-1"), 2'500'000);
}

TEST(Amount, RoundsBeyondMicrosHalfAwayFromZero)
{
    EXPECT_EQ(microsOf("0.0000005"), 1);
    EXPECT_EQ(microsOf("0.0000004"), 0);
    EXPECT_EQ(microsOf("-0.0000015"), -2);
    EXPECT_EQ(microsOf("1e-12"), 0);
}

TEST(Amount, RefusesGarbageAndOverflow)
{
    for (const char *bad : {"", "abc", "1.2.3", "1,5", "--1", "1e", "0x10", "12abc", "NaN", "inf", "1e9999",
                            "99999999999999999999"}) {
        EXPECT_FALSE(Amount::parse(QString::fromLatin1(bad)).has_value()) << bad;
    }
}

TEST(Amount, FormatsShortestExactDecimal)
{
    EXPECT_EQ(Amount::fromMicros(12'000'000).toString(), QStringLiteral("12"));
    EXPECT_EQ(Amount::fromMicros(-3'500'000).toString(), QStringLiteral("-3.5"));
    EXPECT_EQ(Amount::fromMicros(1).toString(), QStringLiteral("0.000001"));
    EXPECT_EQ(Amount::fromMicros(-1).toString(), QStringLiteral("-0.000001"));
    EXPECT_EQ(Amount::fromMicros(0).toString(), QStringLiteral("0"));
    EXPECT_EQ(Amount::fromMicros(std::numeric_limits<qint64>::min()).toString(),
              QStringLiteral("-9223372036854.775808"));
}

TEST(Amount, RoundTripsThroughText)
{
    for (qint64 micros : {0LL, 1LL, -1LL, 123'456'789LL, -987'654'321'000LL, 5'000'000'000'000'000LL}) {
        const Amount amount = Amount::fromMicros(micros);
        EXPECT_EQ(Amount::parse(amount.toString())->micros(), micros);
    }
}

TEST(Amount, FromDouble)
{
    EXPECT_EQ(Amount::fromDouble(12.34)->micros(), 12'340'000);
    EXPECT_FALSE(Amount::fromDouble(std::numeric_limits<double>::quiet_NaN()).has_value());
    EXPECT_FALSE(Amount::fromDouble(std::numeric_limits<double>::infinity()).has_value());
    EXPECT_FALSE(Amount::fromDouble(1e300).has_value());
}
