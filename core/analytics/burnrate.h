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
    int steps = 0;                        // the steps between checks it rests on
    std::optional<double> daysUntilEmpty; // nullopt: not spending, or nothing left to measure from
};

class BurnRate final
{
public:
    // Steps longer than this are gaps, not spending periods.
    static constexpr qint64 kMaxStepMs = 6LL * 60 * 60 * 1000;
    // A forecast needs this much observed spending before it says anything...
    static constexpr qint64 kForecastMinObservedMs = 6LL * 60 * 60 * 1000;
    // ...unless the key drains fast: then kFastMinSteps steps over kFastMinObservedMs are enough
    // when the time left is at most kFastMaxHorizon times the time observed (ten minutes: four hours ahead).
    // A key losing 5 CNY a minute must show "3 h" within a few checks, not after six hours, when it is long
    // empty; a slow drain seen for ten minutes still says nothing about next week.
    static constexpr qint64 kFastMinObservedMs = 10LL * 60 * 1000;
    static constexpr int kFastMinSteps = 2; // three checks
    static constexpr double kFastMaxHorizon = 24;

    // Every increase between consecutive points.
    [[nodiscard]] static std::vector<TopUp> topUps(std::span<const BalancePoint> points);

    // The spending rate over `points` (oldest first): the sum of decreases divided by the time
    // they happened in, leaving out increases and gaps; days until empty from the last point.
    [[nodiscard]] static BurnEstimate estimate(std::span<const BalancePoint> points);

    // Whether `estimate` rests on enough history to forecast from (see kForecastMinObservedMs
    // and the fast drain above). Without it a front end says "too early", not "never empty".
    [[nodiscard]] static bool enoughHistory(const BurnEstimate &estimate);
    // The days until empty worth showing: the estimate's when enoughHistory(). The key table,
    // the chart and the metrics all ask this, so they agree.
    [[nodiscard]] static std::optional<double> forecastDays(const BurnEstimate &estimate);
};

} // namespace qw
