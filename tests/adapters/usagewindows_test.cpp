// The shared rule of plans with several usage windows: names from a window's length, windows
// built from partial answers, and the headline as the window with the least share left (ties to
// the later reset), compared exactly even at the largest amounts.
#include "adapters/usagewindows.h"

#include <gtest/gtest.h>

using namespace qw;

namespace {

Amount units(qint64 n)
{
    return Amount::fromMicros(n * 1'000'000);
}

ReadingDetail counted(const char *name, qint64 remainingMicros, qint64 limitMicros, QDateTime reset = {})
{
    ReadingDetail window;
    window.name = QString::fromLatin1(name);
    window.remaining = Amount::fromMicros(remainingMicros);
    window.limit = Amount::fromMicros(limitMicros);
    window.unit = QStringLiteral("requests");
    window.resetsAt = reset;
    return window;
}

const QDateTime kEarly(QDate(2026, 11, 15), QTime(14, 0), Qt::UTC);
const QDateTime kLate(QDate(2026, 11, 20), QTime(0, 0), Qt::UTC);

} // namespace

TEST(UsageWindows, NamesFromLength)
{
    EXPECT_EQ(windows::nameForDuration(5 * 3600), QStringLiteral("window_5h"));
    EXPECT_EQ(windows::nameForDuration(24 * 3600), QStringLiteral("window_daily"));
    EXPECT_EQ(windows::nameForDuration(7 * 24 * 3600), QStringLiteral("window_weekly"));
    EXPECT_EQ(windows::nameForDuration(14 * 24 * 3600), QStringLiteral("window_336h"));
    EXPECT_EQ(windows::nameForDuration(90 * 60), QStringLiteral("window_90min"));
    EXPECT_EQ(windows::nameForDuration(45), QStringLiteral("window_45s"));
    EXPECT_EQ(windows::nameForDuration(0), QString());
    EXPECT_EQ(windows::nameForDuration(-3600), QString());
}

TEST(UsageWindows, PercentWindowIsHeldToZeroToHundred)
{
    const ReadingDetail over = windows::percentWindow(QStringLiteral("window_5h"), units(104), kEarly);
    EXPECT_EQ(over.remaining, Amount());
    EXPECT_EQ(over.used, units(100));
    EXPECT_EQ(over.limit, units(100));
    EXPECT_EQ(over.unit, QStringLiteral("percent"));
    EXPECT_EQ(over.resetsAt, kEarly);
    const ReadingDetail under = windows::percentWindow(QStringLiteral("window_5h"), units(-5), {});
    EXPECT_EQ(under.remaining, units(100));
    EXPECT_EQ(under.used, Amount());
}

TEST(UsageWindows, CountedWindowDrawsTheMissingSide)
{
    auto fromUsed = windows::countedWindow(QStringLiteral("w"), QStringLiteral("requests"), units(200),
                                           units(139), std::nullopt, kEarly, u"limits[0]");
    ASSERT_TRUE(fromUsed);
    EXPECT_EQ(fromUsed->remaining, units(61));
    auto fromLeft = windows::countedWindow(QStringLiteral("w"), QStringLiteral("requests"), units(200),
                                           std::nullopt, units(150), kEarly, u"limits[0]");
    ASSERT_TRUE(fromLeft);
    EXPECT_EQ(fromLeft->used, units(50));
    // Over the limit: nothing is left, never a negative count.
    auto over = windows::countedWindow(QStringLiteral("w"), QStringLiteral("requests"), units(200),
                                       units(230), std::nullopt, kEarly, u"limits[0]");
    ASSERT_TRUE(over);
    EXPECT_EQ(over->remaining, Amount());
    auto neither = windows::countedWindow(QStringLiteral("w"), QStringLiteral("requests"), units(200),
                                          std::nullopt, std::nullopt, kEarly, u"limits[3]");
    ASSERT_FALSE(neither);
    EXPECT_EQ(neither.error().status, CheckStatus::ParseError);
    EXPECT_TRUE(neither.error().message.contains(QStringLiteral("limits[3]")))
        << neither.error().message.toStdString();
}

TEST(UsageWindows, LeastShareLeftIsTighterWhateverTheUnits)
{
    // 61 of 200 (30.5 %) against 1834 of 2048 (89.6 %): fewer left in absolute terms is not the rule.
    EXPECT_TRUE(windows::isTighter(counted("a", 61'000'000, 200'000'000),
                                   counted("b", 1'834'000'000, 2'048'000'000)));
    EXPECT_FALSE(windows::isTighter(counted("b", 1'834'000'000, 2'048'000'000),
                                    counted("a", 61'000'000, 200'000'000)));
    // 5 of 10 left against 40 of 100: the second is tighter, though more is left.
    EXPECT_TRUE(windows::isTighter(counted("a", 40, 100), counted("b", 5, 10)));
}

TEST(UsageWindows, SharesAreComparedExactlyAtTheLargestAmounts)
{
    // Shares that differ by far less than a double can tell at this magnitude, with operands
    // whose product would overflow 64 bits.
    const qint64 big = Amount::kMaxMicros;
    EXPECT_TRUE(windows::isTighter(counted("a", big - 2, big), counted("b", big - 1, big)));
    EXPECT_FALSE(windows::isTighter(counted("b", big - 1, big), counted("a", big - 2, big)));
    EXPECT_TRUE(
        windows::isTighter(counted("a", big - 1, big), counted("b", big / 2 + 1, big / 2 + 1, kLate)));
    // Equal shares in different terms: 1/3 against 2/6 ties, so the later reset decides.
    EXPECT_TRUE(windows::isTighter(counted("a", 1'000'000, 3'000'000, kLate), counted("b", 2, 6, kEarly)));
    EXPECT_FALSE(windows::isTighter(counted("a", 1'000'000, 3'000'000, kEarly), counted("b", 2, 6, kLate)));
}

TEST(UsageWindows, TiesGoToTheLaterReset)
{
    EXPECT_TRUE(windows::isTighter(counted("a", 0, 100, kLate), counted("b", 0, 50, kEarly)));
    EXPECT_FALSE(windows::isTighter(counted("a", 0, 100, kEarly), counted("b", 0, 50, kLate)));
    // A known reset beats none; two unknown ones are not tighter than each other.
    EXPECT_TRUE(windows::isTighter(counted("a", 0, 100, kEarly), counted("b", 0, 50)));
    EXPECT_FALSE(windows::isTighter(counted("a", 0, 100), counted("b", 0, 50)));
}

TEST(UsageWindows, WindowsWithoutALimitNeverLead)
{
    ReadingDetail noLimit = counted("a", 0, 0);
    EXPECT_FALSE(windows::isTighter(noLimit, counted("b", 99, 100)));
    EXPECT_TRUE(windows::isTighter(counted("b", 99, 100), noLimit));
}

TEST(UsageWindows, QuotaReadingKeepsEveryWindowAndLeadsWithTheTightest)
{
    std::vector<ReadingDetail> all{counted("window_weekly", 1'834'000'000, 2'048'000'000, kLate),
                                   counted("window_5h", 61'000'000, 200'000'000, kEarly),
                                   counted("mcp_monthly", 1'000'000, 100'000'000, kLate)};
    auto reading = windows::quotaReading(all, QStringLiteral("none"), [](const ReadingDetail &window) {
        return !window.name.startsWith(QLatin1String("mcp_"));
    });
    ASSERT_TRUE(reading);
    EXPECT_EQ(reading->kind, ReadingKind::Quota);
    EXPECT_EQ(reading->remaining, units(61));
    EXPECT_EQ(reading->limit, units(200));
    EXPECT_EQ(reading->unit, QStringLiteral("requests"));
    EXPECT_EQ(reading->resetsAt, kEarly);
    EXPECT_EQ(reading->balances, (std::vector<Balance>{{units(61), QStringLiteral("requests")}}));
    EXPECT_EQ(reading->details, all);

    auto none = windows::quotaReading({counted("mcp_monthly", 1, 100)}, QStringLiteral("no usage window"),
                                      [](const ReadingDetail &) { return false; });
    ASSERT_FALSE(none);
    EXPECT_EQ(none.error().status, CheckStatus::ParseError);
    EXPECT_EQ(none.error().message, QStringLiteral("no usage window"));
}
