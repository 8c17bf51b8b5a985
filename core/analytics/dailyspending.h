// What a key spent per local day: only decreases of the balance count, so a top-up is never
// negative spending; long spans are summed per week or per month. For the history window's
// spending bars, and for any front end that reports spending.
#pragma once

#include "core/model/balancepoint.h"

#include <QDate>
#include <QTimeZone>
#include <span>
#include <vector>

namespace qw {

struct DailySpend
{
    QDate day; // local day; for weekly and monthly sums the first day of the week or month
    qint64 spentMicros = 0;
    friend bool operator==(const DailySpend &, const DailySpend &) = default;
};

class DailySpending final
{
public:
    enum class Grouping
    {
        Day,
        Week,
        Month
    };

    // One entry per local day in `zone` from the day of the second point to the day of the last,
    // oldest first, zero where nothing was spent. Each decrease between consecutive points
    // counts on the day of the later point; increases (top-ups, refunds) count as nothing.
    // `points` oldest first.
    [[nodiscard]] static std::vector<DailySpend> daily(std::span<const BalancePoint> points,
                                                       const QTimeZone &zone);
    // `days` summed per week (starting on `firstDayOfWeek`) or per month.
    [[nodiscard]] static std::vector<DailySpend> grouped(std::span<const DailySpend> days, Grouping grouping,
                                                         Qt::DayOfWeek firstDayOfWeek = Qt::Monday);
};

} // namespace qw
