#include "core/analytics/burnrate.h"

#include "adapters/amount.h"

namespace qw {

std::vector<TopUp> BurnRate::topUps(std::span<const BalancePoint> points)
{
    std::vector<TopUp> found;
    for (std::size_t i = 1; i < points.size(); ++i) {
        // Checked: a difference that does not fit is no top-up anyone could have paid.
        const auto change = Amount::subtractMicros(points[i].remainingMicros, points[i - 1].remainingMicros);
        if (change && *change > 0)
            found.push_back({points[i].atMs, *change});
    }
    return found;
}

BurnEstimate BurnRate::estimate(std::span<const BalancePoint> points)
{
    BurnEstimate estimate;
    double spent = 0;
    for (std::size_t i = 1; i < points.size(); ++i) {
        const auto stepMs = Amount::subtractMicros(points[i].atMs, points[i - 1].atMs);
        if (!stepMs || *stepMs <= 0 || *stepMs > kMaxStepMs)
            continue; // a gap (or duplicate time) says nothing about the rate
        // A change too large for a qint64 is not a real step either (only a damaged history
        // holds one); it is left out like a gap.
        const auto change = Amount::subtractMicros(points[i].remainingMicros, points[i - 1].remainingMicros);
        if (!change)
            continue;
        // A top-up step still counts as time, with what was spent in it unknown: counting it as
        // zero spending keeps the rate conservative rather than inventing a figure.
        if (*change < 0)
            spent -= double(*change);
        estimate.observedMs = Amount::saturatingAdd(estimate.observedMs, *stepMs);
        ++estimate.steps;
    }
    if (estimate.observedMs <= 0)
        return estimate;
    estimate.microsPerHour = spent / (double(estimate.observedMs) / 3'600'000.0);
    const qint64 remaining = points.back().remainingMicros;
    if (estimate.microsPerHour > 0)
        estimate.daysUntilEmpty = remaining <= 0 ? 0.0 : double(remaining) / estimate.microsPerHour / 24.0;
    return estimate;
}

bool BurnRate::enoughHistory(const BurnEstimate &estimate)
{
    if (estimate.observedMs >= kForecastMinObservedMs)
        return true;
    if (!estimate.daysUntilEmpty || estimate.steps < kFastMinSteps ||
        estimate.observedMs < kFastMinObservedMs)
        return false;
    const double leftMs = *estimate.daysUntilEmpty * 24 * 3'600'000.0;
    return leftMs <= kFastMaxHorizon * double(estimate.observedMs);
}

std::optional<double> BurnRate::forecastDays(const BurnEstimate &estimate)
{
    return enoughHistory(estimate) ? estimate.daysUntilEmpty : std::nullopt;
}

} // namespace qw
