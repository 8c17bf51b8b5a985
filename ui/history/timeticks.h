// Where a chart's time axis puts its labels: on round local times (every 1, 2, 3, 6 or 12 hours,
// at midnight, every week, on the first of a month) chosen from the span shown, not at even
// fractions of it, which land on times such as 14:37 that nobody reads a chart by.
#pragma once

#include <QCoreApplication>
#include <QString>
#include <QTimeZone>
#include <vector>

namespace qw::ui {

struct TimeTick
{
    qint64 atMs = 0;
    QString label;
};

class TimeTicks final
{
    Q_DECLARE_TR_FUNCTIONS(qw::ui::TimeTicks)

public:
    TimeTicks() = delete;

    // The round times in [fromMs, toMs] (UTC ms) at the smallest step that gives at most
    // `maxTicks` of them, labelled in `zone`'s local time and the user's locale; the labels are
    // distinct. Empty when the span is empty.
    [[nodiscard]] static std::vector<TimeTick> between(qint64 fromMs, qint64 toMs, int maxTicks,
                                                       const QTimeZone &zone = QTimeZone::systemTimeZone());
};

} // namespace qw::ui
