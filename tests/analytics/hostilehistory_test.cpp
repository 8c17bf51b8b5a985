// A history nobody should have: amounts at the ends of qint64, as a damaged, restored or shared
// database may hold (stored values are not all from our own parser). Every figure derived from
// it is checked or held at the limit, never wrapped into its opposite.
#include "core/alerts/alertrules.h"
#include "core/alerts/lowbalancerule.h"
#include "core/analytics/burnrate.h"
#include "core/analytics/dailyspending.h"

#include <QDateTime>
#include <gtest/gtest.h>
#include <limits>

namespace qw {
namespace {

constexpr qint64 kMax = std::numeric_limits<qint64>::max();
constexpr qint64 kMin = std::numeric_limits<qint64>::min();
constexpr qint64 kHourMs = 3'600'000;

TEST(HostileHistory, StepsTooLargeToSubtractAreNeitherTopUpsNorSpending)
{
    const qint64 t0 = QDateTime(QDate(2026, 11, 15), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    const std::vector<BalancePoint> points{{t0, kMin},
                                           {t0 + kHourMs, kMax},
                                           {t0 + 2 * kHourMs, kMin},
                                           {t0 + 3 * kHourMs, 5'000'000},
                                           {t0 + 4 * kHourMs, 4'000'000}};
    // kMin -> kMax and kMax -> kMin do not fit a qint64 difference: left out, not wrapped.
    const std::vector<TopUp> topUps = BurnRate::topUps(points);
    for (const TopUp &topUp : topUps)
        EXPECT_GT(topUp.amountMicros, 0);
    // kMin -> 5 is too large as well; only nothing else rose.
    EXPECT_TRUE(topUps.empty());

    const BurnEstimate estimate = BurnRate::estimate(points);
    EXPECT_EQ(estimate.observedMs, kHourMs); // only the last, real step
    EXPECT_DOUBLE_EQ(estimate.microsPerHour, 1'000'000.0);
}

TEST(HostileHistory, DailySpendingIsHeldAtTheLimitInsteadOfWrapping)
{
    const QTimeZone utc = QTimeZone::utc();
    const qint64 t0 = QDateTime(QDate(2026, 11, 15), QTime(1, 0), Qt::UTC).toMSecsSinceEpoch();
    // Two drops of kMax - 1 on one day: their sum does not fit.
    const std::vector<BalancePoint> points{
        {t0, kMax}, {t0 + kHourMs, 1}, {t0 + 2 * kHourMs, kMax}, {t0 + 3 * kHourMs, 1}};
    const std::vector<DailySpend> days = DailySpending::daily(points, utc);
    ASSERT_EQ(days.size(), 1U);
    EXPECT_EQ(days.front().spentMicros, kMax);
    const std::vector<DailySpend> months =
        DailySpending::grouped(days, DailySpending::Grouping::Month, Qt::Monday);
    ASSERT_EQ(months.size(), 1U);
    EXPECT_EQ(months.front().spentMicros, kMax);
}

TEST(HostileHistory, AlertRulesDoNotOverflow)
{
    // A change too large to subtract is not taken for a top-up; a rise of the whole range from
    // zero is one (50 times it overflows, which is certainly more than 2 % of the balance).
    EXPECT_FALSE(AlertRules::isTopUp(Amount::fromMicros(kMin), Amount::fromMicros(kMax)));
    EXPECT_FALSE(AlertRules::isTopUp(Amount::fromMicros(kMax), Amount::fromMicros(kMin)));
    EXPECT_TRUE(AlertRules::isTopUp(Amount::fromMicros(0), Amount::fromMicros(kMax)));

    // A threshold at the very top: threshold + margin overflows, so the alert cannot re-arm by
    // recovering above it, and nothing wraps into a negative threshold.
    LowBalanceState state;
    state.armed = false;
    EXPECT_FALSE(
        LowBalanceRule::next(state, Amount::fromMicros(kMax), Amount::fromMicros(kMax), std::nullopt));
    EXPECT_FALSE(state.armed);
    // A rise too large to subtract, ending above the threshold, is a top-up.
    EXPECT_FALSE(LowBalanceRule::next(state, Amount::fromMicros(10), Amount::fromMicros(kMax),
                                      Amount::fromMicros(kMin)));
    EXPECT_TRUE(state.armed);

    // A percentage threshold of an absurd limit: no threshold rather than a wrapped one.
    ApiKey key;
    key.threshold = Amount::fromMicros(kMax);
    key.thresholdIsPercent = true;
    Snapshot snapshot;
    snapshot.limit = Amount::fromMicros(kMax);
    EXPECT_FALSE(AlertRules::effectiveThreshold(key, snapshot).has_value());
    key.threshold = Amount::fromMicros(50'000'000); // 50 %
    EXPECT_EQ(AlertRules::effectiveThreshold(key, snapshot)->micros(), kMax / 2);
}

} // namespace
} // namespace qw
