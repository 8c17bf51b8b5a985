#include "ui/history/timeticks.h"

#include <QDateTime>
#include <QLocale>
#include <QSet>
#include <algorithm>

namespace qw::ui {

namespace {

enum class Unit
{
    Hours,
    Days,
    Weeks,
    Months
};

struct Step
{
    Unit unit;
    int count;
};

constexpr Step kSteps[] = {{Unit::Hours, 1},  {Unit::Hours, 2},  {Unit::Hours, 3},  {Unit::Hours, 6},
                           {Unit::Hours, 12}, {Unit::Days, 1},   {Unit::Days, 2},   {Unit::Weeks, 1},
                           {Unit::Weeks, 2},  {Unit::Months, 1}, {Unit::Months, 3}, {Unit::Months, 6},
                           {Unit::Months, 12}};

// The first round time of `step` at or after `from` (local time in `from`'s zone).
QDateTime firstAtOrAfter(const QDateTime &from, Step step)
{
    const QTimeZone zone = from.timeZone();
    const QDate day = from.date();
    QDateTime first;
    switch (step.unit) {
    case Unit::Hours: {
        const int hour = from.time().hour() / step.count * step.count;
        first = QDateTime(day, QTime(hour, 0), zone);
        break;
    }
    case Unit::Days:
        // Every other day counts from the first of the month, so ticks do not shift with the range.
        first = QDateTime(day.addDays(-((day.day() - 1) % step.count)), QTime(0, 0), zone);
        break;
    case Unit::Weeks: {
        const int back = (day.dayOfWeek() - int(QLocale().firstDayOfWeek()) + 7) % 7;
        first = QDateTime(day.addDays(-back), QTime(0, 0), zone);
        break;
    }
    case Unit::Months: {
        const int month = (day.month() - 1) / step.count * step.count + 1;
        first = QDateTime(QDate(day.year(), month, 1), QTime(0, 0), zone);
        break;
    }
    }
    return first;
}

QDateTime next(const QDateTime &at, Step step)
{
    switch (step.unit) {
    case Unit::Hours:
        return at.addSecs(qint64(step.count) * 3600);
    case Unit::Days:
        return QDateTime(at.date().addDays(step.count), QTime(0, 0), at.timeZone());
    case Unit::Weeks:
        return QDateTime(at.date().addDays(7LL * step.count), QTime(0, 0), at.timeZone());
    case Unit::Months:
        return QDateTime(at.date().addMonths(step.count), QTime(0, 0), at.timeZone());
    }
    return at;
}

std::vector<QDateTime> ticksOf(qint64 fromMs, qint64 toMs, Step step, const QTimeZone &zone, int limit)
{
    std::vector<QDateTime> ticks;
    QDateTime at = firstAtOrAfter(QDateTime::fromMSecsSinceEpoch(fromMs, zone), step);
    while (at.isValid() && at.toMSecsSinceEpoch() <= toMs) {
        if (at.toMSecsSinceEpoch() >= fromMs) {
            ticks.push_back(at);
            if (int(ticks.size()) > limit)
                break; // too many already: a larger step is needed
        }
        const QDateTime following = next(at, step);
        if (following <= at)
            break;
        at = following;
    }
    return ticks;
}

} // namespace

std::vector<TimeTick> TimeTicks::between(qint64 fromMs, qint64 toMs, int maxTicks, const QTimeZone &zone)
{
    std::vector<TimeTick> result;
    if (toMs <= fromMs || maxTicks < 1)
        return result;
    std::vector<QDateTime> ticks;
    Step chosen = kSteps[std::size(kSteps) - 1];
    for (const Step step : kSteps) {
        ticks = ticksOf(fromMs, toMs, step, zone, maxTicks);
        if (int(ticks.size()) <= maxTicks) {
            chosen = step;
            break;
        }
    }
    if (int(ticks.size()) > maxTicks) // decades: every year is still a round time
        ticks.resize(std::size_t(maxTicks));

    const QLocale locale;
    QSet<QString> used;
    for (const QDateTime &at : ticks) {
        QString label;
        if (chosen.unit == Unit::Months)
            label =
                locale.toString(at, tr("MMM yyyy", "time axis format, all history of more than 300 days"));
        else if (chosen.unit != Unit::Hours || at.time() == QTime(0, 0))
            label = locale.toString(at, tr("MMM d", "time axis format, 30 or 90 days"));
        else
            label = locale.toString(at, tr("HH:mm", "time axis format, 24 hours"));
        // An axis tells its labels apart by their text; the same hour on two days (a span of
        // exactly 24 hours) gets an invisible mark rather than losing its tick.
        while (used.contains(label))
            label += QChar(0x200B);
        used.insert(label);
        result.push_back({at.toMSecsSinceEpoch(), label});
    }
    return result;
}

} // namespace qw::ui
