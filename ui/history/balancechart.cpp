#include "ui/history/balancechart.h"

#include "core/alerts/alertrules.h"
#include "core/analytics/burnrate.h"
#include "core/analytics/downsampling.h"
#include "core/clock.h"
#include "ui/format/displayformat.h"
#include "ui/history/timeticks.h"

#include <QApplication>
#include <QCategoryAxis>
#include <QEvent>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QMouseEvent>
#include <QScatterSeries>
#include <QToolTip>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace qw::ui {

namespace {

constexpr qint64 kHourMs = 60LL * 60 * 1000;
constexpr qint64 kDayMs = 24 * kHourMs;
// Below this many points the line also shows each check as a dot.
constexpr qsizetype kDotsBelow = 60;
// Never fewer points than this, even in a narrow chart.
constexpr int kMinPlottedPoints = 200;

constexpr double toUnits(qint64 micros)
{
    return double(micros) / 1e6;
}

// The value axis range for `visible`: every point in it (not only the sampled ones), stretched
// to the threshold and to zero when they are close enough to be worth the space. Always
// stretching would flatten a day's spending into a line along the top of the chart.
std::pair<double, double> valueRange(std::span<const BalancePoint> visible, std::optional<double> threshold)
{
    qint64 lowMicros = visible.empty() ? 0 : visible.front().remainingMicros;
    qint64 highMicros = lowMicros;
    for (const BalancePoint &point : visible) {
        lowMicros = std::min(lowMicros, point.remainingMicros);
        highMicros = std::max(highMicros, point.remainingMicros);
    }
    double low = toUnits(lowMicros);
    double high = toUnits(highMicros);
    const double span = high > low ? high - low : std::max(std::abs(high) * 0.05, 0.01);
    if (threshold && *threshold >= low - 2 * span && *threshold <= high + 2 * span) {
        low = std::min(low, *threshold);
        high = std::max(high, *threshold);
    }
    // Zero joins when it is no further from the data than the data's own height (or the line is
    // flat, where there is no height to show).
    if (visible.empty() || high == low || (low > 0 && low <= high - low) ||
        (high < 0 && -high <= high - low)) {
        low = std::min(low, 0.0);
        high = std::max(high, 0.0);
    }
    if (high <= low)
        high = low + 1;
    const double margin = (high - low) * 0.05;
    return {low == 0 ? low : low - margin, high + margin};
}

const QColor kThresholdColor(0xe0, 0x9b, 0x12);
const QColor kTopUpColor(0x2e, 0xa0, 0x43);

} // namespace

BalanceChart::BalanceChart(const Clock &clock, QWidget *parent)
    : QChartView(new QChart, parent)
    , m_clock(clock)
    , m_line(new QLineSeries(this))
    , m_thresholdLine(new QLineSeries(this))
    , m_forecast(new QLineSeries(this))
    , m_topUps(new QScatterSeries(this))
    , m_hoverMarker(new QScatterSeries(this))
    , m_timeAxis(new QCategoryAxis(this))
    , m_valueAxis(new QValueAxis(this))
{
    QChart *chart = this->chart();
    chart->setAnimationOptions(QChart::NoAnimation);
    // The legend says what the orange and the dashed lines are.
    chart->legend()->setVisible(true);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    // Labels on chosen round times (placeTimeTicks()), rather than QDateTimeAxis, which divides
    // the span evenly whatever times that gives.
    m_timeAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);

    m_line->setName(tr("Remaining"));
    m_thresholdLine->setName(tr("Threshold"));
    m_forecast->setName(tr("Forecast to empty"));
    m_topUps->setName(tr("Top-ups"));
    m_topUps->setMarkerShape(QScatterSeries::MarkerShapeTriangle);
    m_topUps->setMarkerSize(11);
    m_hoverMarker->setMarkerSize(10);

    // The balance first, so that it takes the theme's first colour; the markers last, on top,
    // and the hovered check above them all.
    for (QAbstractSeries *series : std::initializer_list<QAbstractSeries *>{
             m_line, m_thresholdLine, m_forecast, m_topUps, m_hoverMarker})
        chart->addSeries(series);
    chart->addAxis(m_timeAxis, Qt::AlignBottom);
    chart->addAxis(m_valueAxis, Qt::AlignLeft);
    for (QAbstractSeries *series : chart->series()) {
        series->attachAxis(m_timeAxis);
        series->attachAxis(m_valueAxis);
    }

    // The series' own hovered signals fire only on the 2-pixel line itself: the view follows the
    // mouse over the whole plot instead. Its viewport gets the moves, with no button held.
    viewport()->setMouseTracking(true);

    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(320, 220);
    applyTheme();
    refresh();
}

BalanceChart::~BalanceChart() = default;

void BalanceChart::setData(std::vector<BalancePoint> points, std::optional<double> threshold, QString unit)
{
    m_points = std::move(points);
    m_thresholdValue = threshold;
    m_unit = std::move(unit);
    m_valueAxis->setTitleText(DisplayFormat::unitName(m_unit));
    analyse();
    refresh();
}

void BalanceChart::setThreshold(std::optional<double> threshold)
{
    if (threshold == m_thresholdValue)
        return;
    m_thresholdValue = threshold;
    refresh();
}

void BalanceChart::addPoint(const BalancePoint &point)
{
    const auto at = std::upper_bound(m_points.begin(), m_points.end(), point.atMs,
                                     [](qint64 atMs, const BalancePoint &p) { return atMs < p.atMs; });
    m_points.insert(at, point);
    analyse();
    refresh();
}

void BalanceChart::setRange(Range range)
{
    m_range = range;
    refresh();
}

std::optional<qint64> BalanceChart::rangeStartMs(Range range, qint64 nowMs)
{
    switch (range) {
    case Day:
        return nowMs - kDayMs;
    case Week:
        return nowMs - 7 * kDayMs;
    case Month:
        return nowMs - 30 * kDayMs;
    case Quarter:
        return nowMs - 90 * kDayMs;
    case All:
        break;
    }
    return std::nullopt;
}

std::span<const BalancePoint> BalanceChart::pointsFrom(std::span<const BalancePoint> points,
                                                       std::optional<qint64> fromMs)
{
    if (!fromMs)
        return points;
    const auto first = std::lower_bound(points.begin(), points.end(), *fromMs,
                                        [](const BalancePoint &p, qint64 atMs) { return p.atMs < atMs; });
    return points.subspan(std::size_t(first - points.begin()));
}

int BalanceChart::plottedPointCount() const
{
    return m_line->count();
}

void BalanceChart::analyse()
{
    // Top-ups: every rise BurnRate finds, less the refunds and rounding AlertRules does not call
    // a top-up, so a hovering balance does not sprout markers.
    m_topUpPoints.clear();
    m_topUpAmounts.clear();
    std::size_t i = 1;
    for (const TopUp &topUp : BurnRate::topUps(m_points)) {
        while (i < m_points.size() &&
               !(m_points[i].atMs == topUp.atMs &&
                 Amount::subtractMicros(m_points[i].remainingMicros, m_points[i - 1].remainingMicros) ==
                     topUp.amountMicros))
            ++i;
        if (i >= m_points.size())
            break;
        const qint64 after = m_points[i].remainingMicros;
        if (AlertRules::isTopUp(Amount::fromMicros(m_points[i - 1].remainingMicros),
                                Amount::fromMicros(after))) {
            m_topUpPoints.append(QPointF(double(topUp.atMs), toUnits(after)));
            m_topUpAmounts.push_back(toUnits(topUp.amountMicros));
        }
        ++i;
    }

    // The forecast rests on the same week of history the forecast alert reads, whatever range is
    // shown, so the chart and the alert never disagree.
    m_emptyAtMs.reset();
    if (m_points.empty() || m_points.back().remainingMicros <= 0)
        return;
    const qint64 lastMs = m_points.back().atMs;
    const BurnEstimate burn = BurnRate::estimate(pointsFrom(m_points, lastMs - AlertRules::kHistoryMs));
    if (const auto days = BurnRate::forecastDays(burn); days && *days <= kMaxForecastDays)
        m_emptyAtMs = lastMs + std::llround(*days * double(kDayMs));
}

void BalanceChart::refresh()
{
    const qint64 nowMs = m_clock.nowUtc().toMSecsSinceEpoch();
    const qint64 endMs = m_points.empty() ? nowMs : std::max(nowMs, m_points.back().atMs);
    const std::optional<qint64> startMs = rangeStartMs(m_range, nowMs);
    m_shownFromMs = startMs;
    const std::span<const BalancePoint> visible = shownPoints();

    qint64 axisMinMs = startMs ? *startMs : (visible.empty() ? endMs - kDayMs : visible.front().atMs);
    axisMinMs = std::min(axisMinMs, endMs - kHourMs);
    qint64 axisMaxMs = endMs;
    const qint64 spanMs = axisMaxMs - axisMinMs;
    // Room on the right for the forecast, a quarter of the range at most: a forecast months away
    // must not squeeze the history shown into a corner.
    if (m_emptyAtMs && *m_emptyAtMs > axisMaxMs)
        axisMaxMs += std::min(*m_emptyAtMs - axisMaxMs, spanMs / 4);

    m_lastTarget = targetPointCount();
    const std::vector<BalancePoint> sampled = Downsampling::lttb(visible, std::size_t(m_lastTarget));
    QList<QPointF> line;
    line.reserve(qsizetype(sampled.size()));
    for (const BalancePoint &point : sampled)
        line.append(QPointF(double(point.atMs), toUnits(point.remainingMicros)));
    m_line->replace(line);
    m_line->setPointsVisible(line.size() < kDotsBelow);

    const auto [low, high] = valueRange(visible, m_thresholdValue);

    m_lastTickCount = tickCount();
    placeTimeTicks(axisMinMs, axisMaxMs);
    // Enough decimals that neighbouring labels differ, no more.
    m_valueAxis->setLabelFormat(high - low >= 100 ? QStringLiteral("%.0f")
                                : high - low >= 1 ? QStringLiteral("%.2f")
                                                  : QStringLiteral("%.4f"));
    m_valueAxis->setRange(low, high);
    m_valueAxis->applyNiceNumbers();

    if (m_thresholdValue)
        m_thresholdLine->replace(
            {QPointF(double(axisMinMs), *m_thresholdValue), QPointF(double(axisMaxMs), *m_thresholdValue)});
    else
        m_thresholdLine->clear();

    if (m_emptyAtMs) {
        const BalancePoint &last = m_points.back();
        m_forecast->replace(
            {QPointF(double(last.atMs), toUnits(last.remainingMicros)), QPointF(double(*m_emptyAtMs), 0)});
    } else {
        m_forecast->clear();
    }

    const auto firstTopUp = std::lower_bound(m_topUpPoints.cbegin(), m_topUpPoints.cend(), double(axisMinMs),
                                             [](const QPointF &p, double x) { return p.x() < x; });
    m_topUps->replace(m_topUpPoints.mid(firstTopUp - m_topUpPoints.cbegin()));

    chart()->setTitle(visible.empty() ? tr("No successful checks in this range") : QString());
    updateLegend();
    // The marked check may have left the range; the next mouse move marks the nearest one again.
    hideHover();
}

void BalanceChart::placeTimeTicks(qint64 fromMs, qint64 toMs)
{
    for (const QString &label : m_timeAxis->categoriesLabels())
        m_timeAxis->remove(label);
    m_timeAxis->setStartValue(double(fromMs));
    for (const TimeTick &tick : TimeTicks::between(fromMs, toMs, m_lastTickCount))
        m_timeAxis->append(tick.label, double(tick.atMs));
    m_timeAxis->setRange(double(fromMs), double(toMs));
}

void BalanceChart::updateLegend()
{
    const auto show = [this](QAbstractSeries *series, bool shown) {
        for (QLegendMarker *marker : chart()->legend()->markers(series))
            marker->setVisible(shown);
    };
    show(m_line, true);
    show(m_thresholdLine, m_thresholdLine->count() > 0);
    show(m_forecast, m_forecast->count() > 0);
    show(m_topUps, m_topUps->count() > 0);
    show(m_hoverMarker, false);
}

void BalanceChart::applyTheme()
{
    // The application's palette: a chart theme sets the view's own, which then no longer
    // follows a switch between light and dark.
    const bool dark = QApplication::palette(this).color(QPalette::Window).lightness() < 128;
    chart()->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    // The theme resets every pen; ours go on afterwards.
    chart()->setBackgroundRoundness(0);
    const QColor lineColor = m_line->color();
    m_line->setPen(QPen(lineColor, 2));
    m_forecast->setPen(QPen(lineColor, 1.5, Qt::DashLine));
    m_thresholdLine->setPen(QPen(kThresholdColor, 1.5));
    m_topUps->setColor(kTopUpColor);
    m_topUps->setBorderColor(kTopUpColor.darker(130));
    // The hovered check in the balance's colour, ringed in the text colour so that it stands out
    // from the line it sits on, light or dark.
    m_hoverMarker->setColor(lineColor);
    m_hoverMarker->setPen(QPen(QApplication::palette(this).color(QPalette::WindowText), 2));
}

int BalanceChart::targetPointCount() const
{
    // About two points per pixel: LTTB then keeps every visible peak and dip.
    return std::clamp(2 * viewport()->width(), kMinPlottedPoints, kMaxPlottedPoints);
}

int BalanceChart::tickCount() const
{
    // Room for a label such as "Jun 15" or "Sep 2025" with space around it.
    return std::clamp(viewport()->width() / 90, 3, 12);
}

void BalanceChart::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    if (targetPointCount() != m_lastTarget || tickCount() != m_lastTickCount)
        refresh();
}

void BalanceChart::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange)
        applyTheme();
}

void BalanceChart::mouseMoveEvent(QMouseEvent *event)
{
    QChartView::mouseMoveEvent(event);
    hoverAt(event->position());
}

void BalanceChart::leaveEvent(QEvent *event)
{
    QChartView::leaveEvent(event);
    hideHover();
}

std::span<const BalancePoint> BalanceChart::shownPoints() const
{
    return pointsFrom(m_points, m_shownFromMs);
}

const BalancePoint *BalanceChart::nearestShown(double xMs) const
{
    // The line between two checks is drawn, not measured: the tip names the nearest stored check.
    const std::span<const BalancePoint> shown = shownPoints();
    if (shown.empty())
        return nullptr;
    const auto after = std::lower_bound(shown.begin(), shown.end(), xMs,
                                        [](const BalancePoint &p, double x) { return double(p.atMs) < x; });
    auto nearest = after == shown.end() ? after - 1 : after;
    if (after != shown.begin() && after != shown.end() &&
        xMs - double((after - 1)->atMs) < double(after->atMs) - xMs)
        nearest = after - 1;
    return &*nearest;
}

QString BalanceChart::tipAt(double xMs) const
{
    const BalancePoint *check = nearestShown(xMs);
    return check ? tipFor(*check) : QString();
}

QString BalanceChart::tipFor(const BalancePoint &check) const
{
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(check.atMs).toLocalTime();
    QString tip = tr("%1\nchecked %2")
                      .arg(DisplayFormat::exactAmount(Amount::fromMicros(check.remainingMicros), m_unit),
                           QLocale().toString(at, QLocale::LongFormat));
    // A top-up's marker sits on its check: the one tip says what it added as well.
    const auto topUp = std::lower_bound(m_topUpPoints.cbegin(), m_topUpPoints.cend(), double(check.atMs),
                                        [](const QPointF &p, double x) { return p.x() < x; });
    if (topUp != m_topUpPoints.cend() && qint64(topUp->x()) == check.atMs)
        tip += u'\n' + tr("Top-up of %1")
                           .arg(DisplayFormat::amount(
                               m_topUpAmounts[std::size_t(topUp - m_topUpPoints.cbegin())], m_unit));
    return tip;
}

std::optional<double> BalanceChart::timeAt(const QPointF &viewportPos) const
{
    // Viewport to scene to the chart item, whose coordinates the plot area and mapToValue() use.
    const QPointF chartPos = chart()->mapFromScene(mapToScene(viewportPos.toPoint()));
    if (!chart()->plotArea().contains(chartPos))
        return std::nullopt;
    return chart()->mapToValue(chartPos, m_line).x();
}

QString BalanceChart::hoverAt(const QPointF &viewportPos)
{
    const std::optional<double> xMs = timeAt(viewportPos);
    const BalancePoint *check = xMs ? nearestShown(*xMs) : nullptr;
    if (!check) {
        hideHover();
        return {};
    }
    const QPointF marked(double(check->atMs), toUnits(check->remainingMicros));
    // Every move within one check's reach lands here: only a new check repaints the marker.
    if (m_hoverMarker->count() != 1 || m_hoverMarker->at(0) != marked)
        m_hoverMarker->replace({marked});
    const QString tip = tipFor(*check);
    QToolTip::showText(viewport()->mapToGlobal(viewportPos.toPoint()), DisplayFormat::literal(tip), this);
    return tip;
}

void BalanceChart::hideHover()
{
    // Only a tip this chart showed: hiding another widget's would be a surprise.
    if (m_hoverMarker->count() == 0)
        return;
    m_hoverMarker->clear();
    QToolTip::hideText();
}

} // namespace qw::ui
