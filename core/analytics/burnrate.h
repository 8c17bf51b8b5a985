// How fast a key's balance goes down, and when it will run out, from its history. Top-ups
// (the balance going up) are events, never negative spending; gaps in the history (the app was
// closed) are not read as a sudden drop spread over hours.
#pragma once

#include "core/model/balancepoint.h"

#include <optional>
#include <span>
#include <vector>

namespace qw {

struct TopUp
{
    qint64 atMs = 0;
    qint64 amountMicros = 0; // how much the balance went up
};

struct BurnEstimate
{
    double microsPerHour = 0;             // spending rate; 0 when nothing was spent
    qint64 observedMs = 0;                // the time the estimate rests on
    std::optional<double> daysUntilEmpty; // nullopt: not spending, or nothing left to measure from
};

class BurnRate final
{
public:
    // Steps longer than this are gaps, not spending periods.
    static constexpr qint64 kMaxStepMs = 6LL * 60 * 60 * 1000;

    // Every increase between consecutive points.
    [[nodiscard]] static std::vector<TopUp> topUps(std::span<const BalancePoint> points);

    // The spending rate over `points` (oldest first): the sum of decreases divided by the time
    // they happened in, leaving out increases and gaps; days until empty from the last point.
    [[nodiscard]] static BurnEstimate estimate(std::span<const BalancePoint> points);
};

} // namespace qw
