#include "core/analytics/burnrate.h"

#include <gtest/gtest.h>

using namespace qw;

namespace {

constexpr qint64 kHour = 3'600'000;
constexpr qint64 kUnit = 1'000'000;

} // namespace

TEST(BurnRate, SteadySpendingGivesRateAndDaysLeft)
{
    // 1 unit per hour for 10 hours, 90 left.
    std::vector<BalancePoint> points;
    for (qint64 h = 0; h <= 10; ++h)
        points.push_back({h * kHour, (100 - h) * kUnit});
    const BurnEstimate estimate = BurnRate::estimate(points);
    EXPECT_NEAR(estimate.microsPerHour, double(kUnit), 1);
    EXPECT_EQ(estimate.observedMs, 10 * kHour);
    ASSERT_TRUE(estimate.daysUntilEmpty);
    EXPECT_NEAR(*estimate.daysUntilEmpty, 90.0 / 24.0, 1e-9);
}

TEST(BurnRate, TopUpIsAnEventNotNegativeSpending)
{
    std::vector<BalancePoint> points{
        {0, 10 * kUnit}, {kHour, 8 * kUnit}, {2 * kHour, 58 * kUnit}, {3 * kHour, 56 * kUnit}};
    const auto topUps = BurnRate::topUps(points);
    ASSERT_EQ(topUps.size(), 1u);
    EXPECT_EQ(topUps[0].atMs, 2 * kHour);
    EXPECT_EQ(topUps[0].amountMicros, 50 * kUnit);
    const BurnEstimate estimate = BurnRate::estimate(points);
    // 4 units spent in 3 hours; the +50 does not make the rate negative.
    EXPECT_NEAR(estimate.microsPerHour, 4.0 * kUnit / 3.0, 1);
    EXPECT_NEAR(*estimate.daysUntilEmpty, 56.0 / (4.0 / 3.0) / 24.0, 1e-9);
}

TEST(BurnRate, GapsAreLeftOut)
{
    // Two hours of 1 unit/hour, then the app was off for two days and 30 units went meanwhile.
    std::vector<BalancePoint> points{{0, 100 * kUnit},
                                     {kHour, 99 * kUnit},
                                     {2 * kHour, 98 * kUnit},
                                     {50 * kHour, 68 * kUnit},
                                     {51 * kHour, 67 * kUnit}};
    const BurnEstimate estimate = BurnRate::estimate(points);
    EXPECT_EQ(estimate.observedMs, 3 * kHour);
    EXPECT_NEAR(estimate.microsPerHour, double(kUnit), 1);
}

TEST(BurnRate, NoSpendingOrTooLittleHistoryMeansNoForecast)
{
    EXPECT_FALSE(BurnRate::estimate(std::vector<BalancePoint>{}).daysUntilEmpty);
    EXPECT_FALSE(BurnRate::estimate(std::vector<BalancePoint>{{0, kUnit}}).daysUntilEmpty);
    const std::vector<BalancePoint> flat{{0, 5 * kUnit}, {kHour, 5 * kUnit}};
    const BurnEstimate estimate = BurnRate::estimate(flat);
    EXPECT_EQ(estimate.microsPerHour, 0);
    EXPECT_FALSE(estimate.daysUntilEmpty);
    // Already empty while spending: zero days left.
    EXPECT_EQ(BurnRate::estimate(std::vector<BalancePoint>{{0, kUnit}, {kHour, 0}}).daysUntilEmpty, 0.0);
}

namespace {

constexpr qint64 kMinute = 60'000;

// A key losing `perMinute` units a minute from `start`, checked every `everyMinutes`.
std::vector<BalancePoint> draining(qint64 start, qint64 perMinute, qint64 everyMinutes, int checks)
{
    std::vector<BalancePoint> points;
    for (int i = 0; i < checks; ++i)
        points.push_back({i * everyMinutes * kMinute, (start - i * everyMinutes * perMinute) * kUnit});
    return points;
}

} // namespace

TEST(BurnRate, AFastDrainForecastsHoursWithinAFewChecks)
{
    // 5 CNY a minute, checked every 5 minutes: after three checks (10 minutes), 900 CNY left is 3 h.
    const auto points = draining(950, 5, 5, 3);
    const BurnEstimate estimate = BurnRate::estimate(points);
    EXPECT_EQ(estimate.steps, 2);
    EXPECT_EQ(estimate.observedMs, 10 * kMinute);
    ASSERT_TRUE(BurnRate::enoughHistory(estimate));
    const auto days = BurnRate::forecastDays(estimate);
    ASSERT_TRUE(days);
    EXPECT_NEAR(*days * 24, 3.0, 1e-9);
}

TEST(BurnRate, TooLittleHistoryGivesNoForecastButSaysSo)
{
    // Two checks of a fast drain: too few, however fast.
    const BurnEstimate two = BurnRate::estimate(draining(950, 5, 5, 2));
    ASSERT_TRUE(two.daysUntilEmpty);
    EXPECT_FALSE(BurnRate::enoughHistory(two));
    EXPECT_FALSE(BurnRate::forecastDays(two));
    // Three checks within a few minutes: too short a span.
    EXPECT_FALSE(BurnRate::enoughHistory(BurnRate::estimate(draining(950, 5, 2, 3))));
    // A slow drain seen for an hour: weeks left from an hour is a guess, so no forecast yet.
    const BurnEstimate slow = BurnRate::estimate(draining(10'000, 1, 10, 7));
    ASSERT_TRUE(slow.daysUntilEmpty);
    EXPECT_FALSE(BurnRate::enoughHistory(slow));
    EXPECT_FALSE(BurnRate::forecastDays(slow));
    // The same slow drain for six hours is enough.
    const BurnEstimate longer = BurnRate::estimate(draining(10'000, 1, 10, 37));
    EXPECT_TRUE(BurnRate::enoughHistory(longer));
    EXPECT_TRUE(BurnRate::forecastDays(longer));
    // Nothing spent for a few minutes says nothing yet; for six hours it says "not spending".
    const BurnEstimate idle = BurnRate::estimate(draining(100, 0, 10, 3));
    EXPECT_FALSE(BurnRate::enoughHistory(idle));
    const BurnEstimate idleLong = BurnRate::estimate(draining(100, 0, 10, 37));
    EXPECT_TRUE(BurnRate::enoughHistory(idleLong));
    EXPECT_FALSE(BurnRate::forecastDays(idleLong));
}

TEST(BurnRate, TheFastRuleLooksAheadAtMostTwentyFourTimesTheSpanObserved)
{
    // 20 minutes observed: 7.5 h ahead is forecast, 9 h (past 8 h) is not yet.
    const BurnEstimate near = BurnRate::estimate(draining(2250 + 100, 5, 10, 3));
    ASSERT_TRUE(near.daysUntilEmpty);
    EXPECT_NEAR(*near.daysUntilEmpty * 24, 7.5, 1e-9);
    EXPECT_TRUE(BurnRate::enoughHistory(near));
    const BurnEstimate far = BurnRate::estimate(draining(2700 + 100, 5, 10, 3));
    EXPECT_FALSE(BurnRate::enoughHistory(far));
}
