// What a key spent per local day over the chosen range, as bars (DailySpending counts it). Long
// ranges are summed per week or per month so that every bar keeps a readable label.
#pragma once

#include "core/analytics/dailyspending.h"
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

class SpendingChart final : public QChartView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SpendingChart)

public:
    using Grouping = DailySpending::Grouping;

    // Bars per day up to this many days (the 90-day range), per week up to kMaxWeeklyDays.
    static constexpr int kMaxDailyDays = 92;
    static constexpr int kMaxWeeklyDays = 400;

    explicit SpendingChart(QWidget *parent = nullptr);

    // `points` oldest first. The first point only gives the balance the first step starts from,
    // so pass the point just before the range as well.
    void setData(std::span<const BalancePoint> points, const QString &unit,
                 const QTimeZone &zone = QTimeZone::systemTimeZone());

    // What the bars show now.
    [[nodiscard]] const std::vector<DailySpend> &bars() const { return m_bars; }
    [[nodiscard]] Grouping grouping() const { return m_grouping; }
    [[nodiscard]] QBarSet *barSet() const { return m_set; }
    // The bars' axis: bar i sits at x = i; labels at every bar, or every few when there are many.
    [[nodiscard]] QCategoryAxis *categoryAxis() const { return m_categories; }
    [[nodiscard]] QValueAxis *valueAxis() const { return m_valueAxis; }
    // Nothing was spent in the range (or nothing is known yet): the chart says so in its title
    // and shows no axes, rather than an empty 0–1 scale that reads like a measurement.
    [[nodiscard]] bool showsNoSpending() const { return m_noSpending; }

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
    bool m_noSpending = true;
    QValueAxis *m_valueAxis = nullptr;
};

} // namespace qw::ui
