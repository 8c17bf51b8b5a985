#include "core/analytics/downsampling.h"

#include <algorithm>
#include <gtest/gtest.h>

using namespace qw;

namespace {

// A year of 5-minute checks: a slow drain with a sharp drop and a top-up in it.
std::vector<BalancePoint> yearOfChecks()
{
    std::vector<BalancePoint> points;
    qint64 remaining = 500'000'000;
    for (qint64 i = 0; i < 105'000; ++i) {
        remaining -= 37;
        if (i == 40'000)
            remaining -= 200'000'000; // a leaked key
        if (i == 70'000)
            remaining += 300'000'000; // a top-up
        points.push_back({i * 300'000, remaining});
    }
    return points;
}

} // namespace

TEST(Downsampling, KeepsEndsAndOrderWithinTheThreshold)
{
    const auto points = yearOfChecks();
    const auto sampled = Downsampling::lttb(points, 1000);
    ASSERT_EQ(sampled.size(), 1000u);
    EXPECT_EQ(sampled.front().atMs, points.front().atMs);
    EXPECT_EQ(sampled.back().atMs, points.back().atMs);
    for (std::size_t i = 1; i < sampled.size(); ++i)
        ASSERT_LT(sampled[i - 1].atMs, sampled[i].atMs);
}

TEST(Downsampling, KeepsTheShapeDropsAndTopUps)
{
    const auto points = yearOfChecks();
    const auto sampled = Downsampling::lttb(points, 500);
    // The extremes around the drop and the top-up survive: the lowest point and the jump.
    qint64 lowest = std::numeric_limits<qint64>::max();
    qint64 largestRise = 0;
    for (std::size_t i = 0; i < sampled.size(); ++i) {
        lowest = std::min(lowest, sampled[i].remainingMicros);
        if (i > 0)
            largestRise = std::max(largestRise, sampled[i].remainingMicros - sampled[i - 1].remainingMicros);
    }
    qint64 trueLowest = std::numeric_limits<qint64>::max();
    for (const BalancePoint &point : points)
        trueLowest = std::min(trueLowest, point.remainingMicros);
    EXPECT_LE(lowest - trueLowest, 37LL * 300); // within a few buckets' drain of the true minimum
    EXPECT_GT(largestRise, 250'000'000);
}

TEST(Downsampling, ShortSeriesAndTinyThresholdsComeBackUnchanged)
{
    const std::vector<BalancePoint> points{{0, 3}, {1, 2}, {2, 1}};
    EXPECT_EQ(Downsampling::lttb(points, 10).size(), 3u);
    const auto year = yearOfChecks();
    EXPECT_EQ(Downsampling::lttb(year, 2).size(), year.size());
}

TEST(Downsampling, KeepsASingleOutlierThatEveryNthSamplingWouldMiss)
{
    // A flat year with one check that read zero (a key briefly drained): the kind of point a
    // chart must not lose.
    std::vector<BalancePoint> points;
    for (qint64 i = 0; i < 105'000; ++i)
        points.push_back({i * 300'000, i == 12'345 ? 0 : 100'000'000});
    const auto sampled = Downsampling::lttb(points, 800);
    const bool kept = std::any_of(sampled.begin(), sampled.end(), [](const BalancePoint &point) {
        return point.atMs == 12'345LL * 300'000 && point.remainingMicros == 0;
    });
    EXPECT_TRUE(kept);
}
