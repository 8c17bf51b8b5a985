#include "core/analytics/dailyspending.h"

#include "adapters/amount.h"

#include <QDateTime>

namespace qw {

namespace {

// The first moment of `day` in `zone`, also on a day that starts at 01:00 (a DST change at midnight).
qint64 startOfDay(const QDate &day, const QTimeZone &zone)
{
    QDateTime start(day, QTime(0, 0), zone);
    for (int hour = 1; !start.isValid() && hour < 4; ++hour)
        start = QDateTime(day, QTime(hour, 0), zone);
    return start.toMSecsSinceEpoch();
}

} // namespace

std::vector<DailySpend> DailySpending::daily(std::span<const BalancePoint> points, const QTimeZone &zone)
{
    std::vector<DailySpend> days;
    qint64 dayStartMs = 0;
    qint64 dayEndMs = 0;
    for (std::size_t i = 1; i < points.size(); ++i) {
        const qint64 atMs = points[i].atMs;
        // Time-zone arithmetic once per day, not once per point: a year of 5-minute checks has
        // 105,000 points but only 365 days.
        if (days.empty() || atMs < dayStartMs || atMs >= dayEndMs) {
            const QDate day = QDateTime::fromMSecsSinceEpoch(atMs, zone).date();
            if (!days.empty() && day <= days.back().day)
                continue; // out of order: not what the contract allows; skip rather than corrupt
            if (!days.empty()) {
                for (QDate idle = days.back().day.addDays(1); idle < day; idle = idle.addDays(1))
                    days.push_back({idle, 0});
            }
            days.push_back({day, 0});
            dayStartMs = startOfDay(day, zone);
            dayEndMs = startOfDay(day.addDays(1), zone);
        }
        // Checked, and the day's total held at the limit: a damaged history must not wrap into
        // negative spending.
        const auto drop = Amount::subtractMicros(points[i - 1].remainingMicros, points[i].remainingMicros);
        if (drop && *drop > 0)
            days.back().spentMicros = Amount::saturatingAdd(days.back().spentMicros, *drop);
    }
    return days;
}

std::vector<DailySpend> DailySpending::grouped(std::span<const DailySpend> days, Grouping grouping,
                                               Qt::DayOfWeek firstDayOfWeek)
{
    if (grouping == Grouping::Day)
        return {days.begin(), days.end()};
    std::vector<DailySpend> groups;
    for (const DailySpend &day : days) {
        QDate start;
        if (grouping == Grouping::Week)
            start = day.day.addDays(-((day.day.dayOfWeek() - int(firstDayOfWeek) + 7) % 7));
        else
            start = QDate(day.day.year(), day.day.month(), 1);
        if (groups.empty() || groups.back().day != start)
            groups.push_back({start, 0});
        groups.back().spentMicros = Amount::saturatingAdd(groups.back().spentMicros, day.spentMicros);
    }
    return groups;
}

} // namespace qw
