// What a key spent per local day over the chosen range, as bars: only decreases of the balance
// count, so a top-up is never negative spending. Long ranges are summed per week or per month
// so that every bar keeps a readable label.
#pragma once

#include "core/model/balancepoint.h"

#include <QChartView>
#include <QDate>
#include <QTimeZone>
#include <span>
#include <vector>

class QCategoryAxis;
class QBarSeries;
class QBarSet;
class QValueAxis;

namespace qw::ui {

struct DailySpend
{
    QDate day; // local day; for weekly and monthly bars the first day of the week or month
    qint64 spentMicros = 0;
    friend bool operator==(const DailySpend &, const DailySpend &) = default;
};

class SpendingChart final : public QChartView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SpendingChart)

public:
    enum class Grouping
    {
        Day,
        Week,
        Month
    };

    // Bars per day up to this many days (the 90-day range), per week up to kMaxWeeklyDays.
    static constexpr int kMaxDailyDays = 92;
    static constexpr int kMaxWeeklyDays = 400;

    explicit SpendingChart(QWidget *parent = nullptr);

    // `points` oldest first. The first point only gives the balance the first step starts from,
    // so pass the point just before the range as well.
    void setData(std::span<const BalancePoint> points, const QString &unit,
                 const QTimeZone &zone = QTimeZone::systemTimeZone());

    // One entry per local day in `zone` from the day of the second point to the day of the last,
    // oldest first, zero where nothing was spent. Each decrease between consecutive points
    // counts on the day of the later point; increases (top-ups, refunds) count as nothing.
    // `points` oldest first.
    [[nodiscard]] static std::vector<DailySpend> dailySpending(std::span<const BalancePoint> points,
                                                               const QTimeZone &zone);
    // `days` summed per week (starting on `firstDayOfWeek`) or per month.
    [[nodiscard]] static std::vector<DailySpend> grouped(std::span<const DailySpend> days, Grouping grouping,
                                                         Qt::DayOfWeek firstDayOfWeek = Qt::Monday);

    // What the bars show now.
    [[nodiscard]] const std::vector<DailySpend> &bars() const { return m_bars; }
    [[nodiscard]] Grouping grouping() const { return m_grouping; }
    [[nodiscard]] QBarSet *barSet() const { return m_set; }
    // The bars' axis: bar i sits at x = i; labels at every bar, or every few when there are many.
    [[nodiscard]] QCategoryAxis *categoryAxis() const { return m_categories; }

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void applyTheme();
    // Labels on every n-th bar, so that they fit the width without overlapping.
    void placeLabels();
    [[nodiscard]] int labelStep() const;
    void showBarTip(bool entered, int index);
    [[nodiscard]] QString labelOf(const QDate &day) const;

    std::vector<DailySpend> m_bars;
    Grouping m_grouping = Grouping::Day;
    QString m_unit;
    QBarSeries *m_series = nullptr;
    QBarSet *m_set = nullptr;
    QCategoryAxis *m_categories = nullptr;
    int m_labelStep = 0;
    QValueAxis *m_valueAxis = nullptr;
};

} // namespace qw::ui
