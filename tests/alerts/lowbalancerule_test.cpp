#include "core/alerts/lowbalancerule.h"

#include <gtest/gtest.h>
#include <vector>

using namespace qw;

namespace {

// Feeds the readings (in units) through the rule; how many alerts fired and at which readings.
std::vector<std::size_t> alertsFor(const std::vector<double> &readings, double threshold)
{
    LowBalanceState state;
    std::vector<std::size_t> fired;
    std::optional<Amount> previous;
    for (std::size_t i = 0; i < readings.size(); ++i) {
        const Amount remaining = *Amount::fromDouble(readings[i]);
        if (LowBalanceRule::next(state, *Amount::fromDouble(threshold), remaining, previous))
            fired.push_back(i);
        previous = remaining;
    }
    return fired;
}

} // namespace

TEST(LowBalanceRule, OneAlertPerCrossing)
{
    EXPECT_EQ(alertsFor({20, 12, 9.5, 7, 4, 1, 0}, 10), (std::vector<std::size_t>{2}));
    EXPECT_TRUE(alertsFor({20, 15, 10, 10.5}, 10).empty()); // at the threshold is not under it
}

TEST(LowBalanceRule, HoveringAtTheThresholdDoesNotFlap)
{
    EXPECT_EQ(alertsFor({11, 9.99, 10.01, 9.98, 10.02, 9.99, 10.5, 9.9}, 10), (std::vector<std::size_t>{1}));
}

TEST(LowBalanceRule, RecoveryAboveTheMarginReArms)
{
    // Margin 10 % of 10: recovered at 11.
    EXPECT_EQ(alertsFor({12, 9, 11, 12, 9.5}, 10), (std::vector<std::size_t>{1, 4}));
    // Back over the threshold but within the margin, by a rise too small to be a top-up.
    EXPECT_EQ(alertsFor({12, 9.6, 10.4, 9.5}, 10), (std::vector<std::size_t>{1}));
}

TEST(LowBalanceRule, TopUpAboveTheThresholdReArmsAndASecondDrainAlertsOnceMore)
{
    // Drain, top up to just above the threshold (within the margin), drain again.
    EXPECT_EQ(alertsFor({30, 20, 8, 5, 10.2, 9.8, 9, 3}, 10), (std::vector<std::size_t>{2, 5}));
    // A top-up that leaves the balance under the threshold does not re-arm.
    EXPECT_EQ(alertsFor({30, 8, 5, 7, 6}, 10), (std::vector<std::size_t>{1}));
}

TEST(LowBalanceRule, MarginIsTenPercentWithAFloor)
{
    EXPECT_EQ(LowBalanceRule::rearmMargin(*Amount::parse(u"50")).micros(), 5'000'000);
    EXPECT_EQ(LowBalanceRule::rearmMargin(*Amount::parse(u"0.01")).micros(), 10'000);
}
