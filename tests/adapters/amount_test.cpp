#include "adapters/amount.h"

#include <gtest/gtest.h>
#include <limits>

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
    EXPECT_EQ(Amount::parse(u"0.1")->plus(*Amount::parse(u"0.2"))->micros(), microsOf("0.3"));
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

TEST(Amount, NumbersBeyondTheBoundAreOutOfRangeNotGarbage)
{
    for (const char *huge : {"1e300", "-1e16", "999999999999999999999", "1e9999", "1e99999", "-1e99999",
                             "1000000000000.000001", "-1000000000001"}) {
        const auto parsed = Amount::parseChecked(QString::fromLatin1(huge));
        ASSERT_FALSE(parsed.has_value()) << huge;
        EXPECT_EQ(parsed.error(), Amount::Invalid::OutOfRange) << huge;
    }
    for (const char *garbage : {"abc", "1e", "1e+", "12abc", "1e99999x"}) {
        const auto parsed = Amount::parseChecked(QString::fromLatin1(garbage));
        ASSERT_FALSE(parsed.has_value()) << garbage;
        EXPECT_EQ(parsed.error(), Amount::Invalid::NotANumber) << garbage;
    }
    // The bound itself is an amount; tiny and zero values with huge exponents are too.
    EXPECT_EQ(microsOf("1e12"), Amount::kMaxMicros);
    EXPECT_EQ(microsOf("-1000000000000"), -Amount::kMaxMicros);
    EXPECT_EQ(microsOf("1e-99999"), 0);
    EXPECT_EQ(microsOf("0e99999"), 0);
    EXPECT_EQ(microsOf("1e00005"), 100'000'000'000); // leading zeros do not make an exponent huge
}

TEST(Amount, JsonNumbersBeyondTheBoundAreOutOfRange)
{
    for (const double huge : {1e300, -1e16, 1e21, 1.0000001e12, std::numeric_limits<double>::max()}) {
        const auto converted = Amount::fromDoubleChecked(huge);
        ASSERT_FALSE(converted.has_value()) << huge;
        EXPECT_EQ(converted.error(), Amount::Invalid::OutOfRange) << huge;
    }
    for (const double notNumber :
         {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(),
          -std::numeric_limits<double>::infinity()}) {
        const auto converted = Amount::fromDoubleChecked(notNumber);
        ASSERT_FALSE(converted.has_value());
        EXPECT_EQ(converted.error(), Amount::Invalid::NotANumber);
    }
    EXPECT_EQ(Amount::fromDouble(-1e12)->micros(), -Amount::kMaxMicros);
    EXPECT_EQ(Amount::fromDouble(2.5)->micros(), 2'500'000);
}

TEST(Amount, ArithmeticReportsOverflowInsteadOfWrapping)
{
    constexpr qint64 kMax = std::numeric_limits<qint64>::max();
    constexpr qint64 kMin = std::numeric_limits<qint64>::min();
    const Amount max = Amount::fromMicros(kMax);
    const Amount min = Amount::fromMicros(kMin);
    const Amount one = Amount::fromMicros(1);

    EXPECT_FALSE(max.plus(one).has_value());
    EXPECT_FALSE(min.minus(one).has_value());
    EXPECT_FALSE(max.minus(Amount::fromMicros(-1)).has_value());
    EXPECT_FALSE(min.negated().has_value());
    EXPECT_FALSE(max.times(2).has_value());
    EXPECT_FALSE(min.times(-1).has_value());
    EXPECT_FALSE(Amount::addMicros(kMax, kMax).has_value());
    EXPECT_FALSE(Amount::subtractMicros(kMin, kMax).has_value());
    EXPECT_FALSE(Amount::multiplyMicros(kMax / 2 + 1, 2).has_value());

    // Right at the edge it still works.
    EXPECT_EQ(max.minus(one)->plus(one), max);
    EXPECT_EQ(min.plus(one)->minus(one), min);
    EXPECT_EQ(max.negated()->micros(), -kMax);
    EXPECT_EQ(Amount::fromMicros(kMax / 2).times(2)->micros(), kMax - 1);
    EXPECT_EQ(Amount::fromMicros(-3).times(-4)->micros(), 12);

    // Two amounts inside the bound always combine without overflow.
    const Amount top = Amount::fromMicros(Amount::kMaxMicros);
    EXPECT_EQ(top.plus(top)->micros(), 2 * Amount::kMaxMicros);
    EXPECT_EQ(top.negated()->minus(top)->micros(), -2 * Amount::kMaxMicros);

    EXPECT_EQ(Amount::saturatingAdd(kMax, 1), kMax);
    EXPECT_EQ(Amount::saturatingAdd(kMin, -1), kMin);
    EXPECT_EQ(Amount::saturatingAdd(40, 2), 42);
}
