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
