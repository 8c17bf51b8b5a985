// Spending per local day from a balance series: decreases only, days in the user's time zone.
#include "core/analytics/dailyspending.h"

#include <QDateTime>
#include <gtest/gtest.h>

namespace qw {
namespace {

TEST(DailySpending, SumsDecreasesPerLocalDayAndIgnoresTopUps)
{
    const QTimeZone newYork("America/New_York");
    ASSERT_TRUE(newYork.isValid());
    auto at = [&](int month, int day, int hour, int minute) {
        return QDateTime(QDate(2025, month, day), QTime(hour, minute), newYork).toMSecsSinceEpoch();
    };
    // 9 March 2025 is 23 hours long in New York (clocks spring forward at 02:00).
    const std::vector<BalancePoint> points{
        {at(3, 8, 22, 0), 100'000'000},
        {at(3, 8, 23, 30), 90'000'000},  // 10 on the 8th (already the 9th in UTC)
        {at(3, 9, 0, 30), 85'000'000},   // 5 on the 9th
        {at(3, 9, 10, 0), 150'000'000},  // top-up: not negative spending
        {at(3, 9, 12, 0), 140'000'000},  // 10 more on the 9th
        {at(3, 9, 23, 59), 139'000'000}, // 1 more on the 9th
        {at(3, 11, 9, 0), 129'000'000},  // 10 on the 11th; nothing on the 10th
    };
    const std::vector<DailySpend> days = DailySpending::daily(points, newYork);
    const std::vector<DailySpend> expected{{QDate(2025, 3, 8), 10'000'000},
                                           {QDate(2025, 3, 9), 16'000'000},
                                           {QDate(2025, 3, 10), 0},
                                           {QDate(2025, 3, 11), 10'000'000}};
    EXPECT_EQ(days, expected);

    // The same checks read in UTC fall on other days.
    const std::vector<DailySpend> utcDays = DailySpending::daily(points, QTimeZone::utc());
    EXPECT_NE(utcDays, expected);
    ASSERT_FALSE(utcDays.empty());
    EXPECT_EQ(utcDays.front().day, QDate(2025, 3, 9));

    EXPECT_TRUE(DailySpending::daily({}, newYork).empty());
    EXPECT_TRUE(DailySpending::daily(std::span(points).first(1), newYork).empty());
}

TEST(DailySpending, GroupsIntoWeeksAndMonths)
{
    std::vector<DailySpend> days;
    for (QDate day(2025, 1, 27); day <= QDate(2025, 2, 9); day = day.addDays(1))
        days.push_back({day, 1'000'000});
    const auto weeks = DailySpending::grouped(days, DailySpending::Grouping::Week, Qt::Monday);
    const std::vector<DailySpend> expectedWeeks{{QDate(2025, 1, 27), 7'000'000},
                                                {QDate(2025, 2, 3), 7'000'000}};
    EXPECT_EQ(weeks, expectedWeeks);
    const auto months = DailySpending::grouped(days, DailySpending::Grouping::Month);
    const std::vector<DailySpend> expectedMonths{{QDate(2025, 1, 1), 5'000'000},
                                                 {QDate(2025, 2, 1), 9'000'000}};
    EXPECT_EQ(months, expectedMonths);
}

} // namespace
} // namespace qw
