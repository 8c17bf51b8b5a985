// The remaining amount of one key over time, for the history window: the balance as a line
// reduced with LTTB to about two points per pixel, the threshold, top-ups as markers and the
// forecast to empty as a dashed line. The whole history stays in memory and a range change only
// re-slices it, so switching between 24 hours and a year never touches the database.
#pragma once

#include "core/model/balancepoint.h"

#include <QChartView>
#include <QList>
#include <QPointF>
#include <optional>
#include <span>
#include <vector>

class QCategoryAxis;
class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace qw {
class Clock;
}

namespace qw::ui {

class BalanceChart final : public QChartView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BalanceChart)

public:
    enum Range
    {
        Day,
        Week,
        Month,
        Quarter,
        All
    };
    Q_ENUM(Range)

    // The most points the balance line gets, however wide the chart.
    static constexpr int kMaxPlottedPoints = 2000;
    // A forecast further out than this means "not soon" rather than a date: none is drawn.
    static constexpr double kMaxForecastDays = 3650;

    // `clock` says where the ranges end; it must outlive the chart.
    explicit BalanceChart(const Clock &clock, QWidget *parent = nullptr);
    ~BalanceChart() override;

    // `points` oldest first (SnapshotRepository::balanceSeries); `threshold` in `unit`.
    void setData(std::vector<BalancePoint> points, std::optional<double> threshold, QString unit);
    void setThreshold(std::optional<double> threshold);
    // One new check, kept in time order; the chart redraws.
    void addPoint(const BalancePoint &point);
    void setRange(Range range);
    [[nodiscard]] Range range() const { return m_range; }

    // Where `range` starts (UTC ms) when it ends at `nowMs`; nullopt for All.
    [[nodiscard]] static std::optional<qint64> rangeStartMs(Range range, qint64 nowMs);
    // The points at or after `fromMs` of `points` (oldest first); all of them for nullopt.
    [[nodiscard]] static std::span<const BalancePoint> pointsFrom(std::span<const BalancePoint> points,
                                                                  std::optional<qint64> fromMs);

    [[nodiscard]] const std::vector<BalancePoint> &points() const { return m_points; }
    [[nodiscard]] const QString &unit() const { return m_unit; }
    [[nodiscard]] std::optional<double> threshold() const { return m_thresholdValue; }
    // How many points the balance line holds now (after downsampling).
    [[nodiscard]] int plottedPointCount() const;
    // What hovering the chart at time `xMs` says: the stored check shown in the range nearest to
    // it, with its exact amount and time (and what a top-up there added); empty when there is none.
    [[nodiscard]] QString tipAt(double xMs) const;
    // What the mouse at `viewportPos` shows: over the plot area, a marker on the nearest check and
    // its tip, which is returned; elsewhere neither, and an empty text. The mouse moves call it.
    QString hoverAt(const QPointF &viewportPos);
    // When the forecast line reaches zero (UTC ms); nullopt when none is drawn.
    [[nodiscard]] std::optional<qint64> forecastEmptyAtMs() const { return m_emptyAtMs; }

    // The parts, for tests.
    [[nodiscard]] QLineSeries *balanceSeries() const { return m_line; }
    [[nodiscard]] QLineSeries *thresholdSeries() const { return m_thresholdLine; }
    [[nodiscard]] QLineSeries *forecastSeries() const { return m_forecast; }
    [[nodiscard]] QScatterSeries *topUpSeries() const { return m_topUps; }
    // The check the mouse is nearest to: one point while hovering the plot area, none otherwise.
    [[nodiscard]] QScatterSeries *hoverMarker() const { return m_hoverMarker; }
    // Its range is the range's exact span (UTC ms); its labels sit on round local times.
    [[nodiscard]] QCategoryAxis *timeAxis() const { return m_timeAxis; }
    [[nodiscard]] QValueAxis *valueAxis() const { return m_valueAxis; }

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    // After the points changed: top-ups and the forecast, which do not depend on the range.
    void analyse();
    // Slices the range, downsamples it and hands every series its points in one call each.
    void refresh();
    void applyTheme();
    [[nodiscard]] int targetPointCount() const;
    [[nodiscard]] int tickCount() const;
    void placeTimeTicks(qint64 fromMs, qint64 toMs);
    // The legend names what is drawn now: the threshold and the forecast only when they are.
    void updateLegend();
    // The checks the range shows, oldest first.
    [[nodiscard]] std::span<const BalancePoint> shownPoints() const;
    // The check among shownPoints() nearest in time to `xMs`; nullptr when none is shown.
    [[nodiscard]] const BalancePoint *nearestShown(double xMs) const;
    [[nodiscard]] QString tipFor(const BalancePoint &check) const;
    // The time under `viewportPos`; nullopt outside the plot area.
    [[nodiscard]] std::optional<double> timeAt(const QPointF &viewportPos) const;
    void hideHover();

    const Clock &m_clock;
    std::vector<BalancePoint> m_points;
    std::optional<double> m_thresholdValue;
    QString m_unit;
    Range m_range = Week;
    // Where the range drawn last starts (UTC ms); nullopt for All.
    std::optional<qint64> m_shownFromMs;
    // Top-ups over the whole history: markers (time, balance after), and how much each added.
    QList<QPointF> m_topUpPoints;
    std::vector<double> m_topUpAmounts;
    std::optional<qint64> m_emptyAtMs;
    int m_lastTarget = 0;
    int m_lastTickCount = 0;

    QLineSeries *m_line = nullptr;
    QLineSeries *m_thresholdLine = nullptr;
    QLineSeries *m_forecast = nullptr;
    QScatterSeries *m_topUps = nullptr;
    QScatterSeries *m_hoverMarker = nullptr;
    QCategoryAxis *m_timeAxis = nullptr;
    QValueAxis *m_valueAxis = nullptr;
};

} // namespace qw::ui
