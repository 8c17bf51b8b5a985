#include "ui/history/spendingchart.h"

#include "ui/format/displayformat.h"

#include <QApplication>
#include <QBarSeries>
#include <QBarSet>
#include <QCategoryAxis>
#include <QCursor>
#include <QEvent>
#include <QLocale>
#include <QToolTip>
#include <QValueAxis>
#include <algorithm>

namespace qw::ui {

namespace {

// The room one bar label needs, in pixels.
constexpr int kLabelWidth = 72;

// The first instant of `day` in `zone`. A day whose midnight falls in a daylight-saving gap
// starts when the clocks have jumped.

} // namespace

SpendingChart::SpendingChart(QWidget *parent)
    : QChartView(new QChart, parent)
    , m_series(new QBarSeries(this))
    , m_set(new QBarSet(tr("Spent"), this))
    , m_categories(new QCategoryAxis(this))
    , m_valueAxis(new QValueAxis(this))
{
    QChart *chart = this->chart();
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->hide();
    chart->setMargins(QMargins(4, 4, 4, 4));
    m_series->append(m_set);
    m_series->setBarWidth(0.8);
    chart->addSeries(m_series);
    chart->addAxis(m_categories, Qt::AlignBottom);
    chart->addAxis(m_valueAxis, Qt::AlignLeft);
    m_series->attachAxis(m_categories);
    m_series->attachAxis(m_valueAxis);
    m_valueAxis->setMin(0);
    // A value axis with labels under chosen bars, rather than QBarCategoryAxis: that one labels
    // every bar and, with 90 of them, shows nothing but ellipses.
    m_categories->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_categories->setGridLineVisible(false);
    connect(m_series, &QBarSeries::hovered, this,
            [this](bool entered, int index, QBarSet *) { showBarTip(entered, index); });
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(320, 220);
    applyTheme();
    setData({}, {});
}

void SpendingChart::setData(std::span<const BalancePoint> points, const QString &unit, const QTimeZone &zone)
{
    m_unit = unit;
    const std::vector<DailySpend> days = DailySpending::daily(points, zone);
    m_grouping = days.size() <= std::size_t(kMaxDailyDays)    ? Grouping::Day
                 : days.size() <= std::size_t(kMaxWeeklyDays) ? Grouping::Week
                                                              : Grouping::Month;
    m_bars = DailySpending::grouped(days, m_grouping, QLocale().firstDayOfWeek());

    QList<qreal> values;
    values.reserve(qsizetype(m_bars.size()));
    double high = 0;
    for (const DailySpend &bar : m_bars) {
        values.append(double(bar.spentMicros) / 1e6);
        high = std::max(high, values.back());
    }
    m_set->remove(0, m_set->count());
    m_set->append(values);
    m_labelStep = 0;
    placeLabels();
    m_valueAxis->setRange(0, high > 0 ? high * 1.05 : 1);
    m_valueAxis->applyNiceNumbers();
    m_valueAxis->setLabelFormat(high >= 1000 ? QStringLiteral("%.0f") : QStringLiteral("%.2f"));
    m_valueAxis->setTitleText(DisplayFormat::unitName(m_unit));
    m_noSpending = high <= 0;
    m_valueAxis->setVisible(!m_noSpending);
    m_categories->setVisible(!m_noSpending);

    QString title;
    if (m_noSpending)
        title = tr("No spending in this range yet");
    else if (m_grouping == Grouping::Day)
        title = tr("Spent per day");
    else if (m_grouping == Grouping::Week)
        title = tr("Spent per week");
    else
        title = tr("Spent per month");
    chart()->setTitle(title);
}

QString SpendingChart::labelOf(const QDate &day) const
{
    if (m_grouping == Grouping::Month)
        return QLocale().toString(day, tr("MMM yyyy", "month bar label"));
    return QLocale().toString(day, tr("MMM d", "day or week bar label"));
}

int SpendingChart::labelStep() const
{
    const auto fitting = std::size_t(std::max(2, viewport()->width() / kLabelWidth));
    return int(std::max<std::size_t>(1, (m_bars.size() + fitting - 1) / fitting));
}

void SpendingChart::placeLabels()
{
    const int step = labelStep();
    if (step == m_labelStep)
        return;
    m_labelStep = step;
    for (const QString &label : m_categories->categoriesLabels())
        m_categories->remove(label);
    m_categories->setStartValue(-0.5);
    for (std::size_t i = 0; i < m_bars.size(); i += std::size_t(step))
        m_categories->append(labelOf(m_bars[i].day), double(i));
    m_categories->setRange(-0.5, std::max(0.5, double(m_bars.size()) - 0.5));
}

void SpendingChart::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    placeLabels();
}

void SpendingChart::applyTheme()
{
    // The application's palette: a chart theme sets the view's own, which then no longer
    // follows a switch between light and dark.
    const bool dark = QApplication::palette(this).color(QPalette::Window).lightness() < 128;
    chart()->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart()->setBackgroundRoundness(0);
}

void SpendingChart::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange)
        applyTheme();
}

void SpendingChart::showBarTip(bool entered, int index)
{
    if (!entered || index < 0 || std::size_t(index) >= m_bars.size()) {
        QToolTip::hideText();
        return;
    }
    const DailySpend &bar = m_bars[std::size_t(index)];
    QString when;
    if (m_grouping == Grouping::Day)
        when = QLocale().toString(bar.day, QLocale::LongFormat);
    else if (m_grouping == Grouping::Week)
        when = tr("Week of %1").arg(QLocale().toString(bar.day, QLocale::ShortFormat));
    else
        when = QLocale().toString(bar.day, tr("MMMM yyyy", "month in a tooltip"));
    QToolTip::showText(QCursor::pos(),
                       DisplayFormat::literal(tr("%1: %2").arg(
                           when, DisplayFormat::amount(Amount::fromMicros(bar.spentMicros), m_unit))),
                       this);
}

} // namespace qw::ui
