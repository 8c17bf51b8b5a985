// The key detail and history window against a real database: the balance chart (LTTB over a
// year, ranges, threshold, top-ups, forecast), spending per local day, the checks table, CSV
// export, and live updates from a real check against the test provider server.
#include "core/alerts/alertrules.h"
#include "core/analytics/burnrate.h"
#include "core/keys/csvreader.h"
#include "core/model/snapshotcsv.h"
#include "core/storage/snapshotrepository.h"
#include "tests/support/fixedclock.h"
#include "tests/support/waitfor.h"
#include "tests/ui/uitest.h"
#include "ui/format/displayformat.h"
#include "ui/history/balancechart.h"
#include "ui/history/checktablemodel.h"
#include "ui/history/historycsv.h"
#include "ui/history/keydetailwindow.h"
#include "ui/history/spendingchart.h"

#include <QAbstractButton>
#include <QBarSet>
#include <QCategoryAxis>
#include <QFile>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMouseEvent>
#include <QPushButton>
#include <QScatterSeries>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolTip>
#include <QValueAxis>
#include <cmath>
#include <functional>

namespace qw::test {

namespace {

using ui::BalanceChart;
using ui::DisplayFormat;
using ui::KeyDetailWindow;
using ui::SpendingChart;

constexpr qint64 kMinuteMs = 60'000;
constexpr qint64 kHourMs = 60 * kMinuteMs;
constexpr qint64 kDayMs = 24 * kHourMs;
constexpr qint64 kFiveMinutesMs = 5 * kMinuteMs;
constexpr qint64 kYearOfChecks = 105'120; // 365 days every 5 minutes

QDateTime utc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

Snapshot okSnapshot(qint64 keyId, qint64 atMs, qint64 remainingMicros,
                    const QString &unit = QStringLiteral("CNY"))
{
    Snapshot snapshot;
    snapshot.keyId = keyId;
    snapshot.checkedAt = utc(atMs);
    snapshot.status = CheckStatus::Ok;
    snapshot.kind = ReadingKind::Balance;
    snapshot.remaining = Amount::fromMicros(remainingMicros);
    snapshot.unit = unit;
    snapshot.balances = {Balance{*snapshot.remaining, unit}};
    snapshot.latencyMs = 120;
    return snapshot;
}

Snapshot failedSnapshot(qint64 keyId, qint64 atMs, CheckStatus status, const QString &error)
{
    Snapshot snapshot;
    snapshot.keyId = keyId;
    snapshot.checkedAt = utc(atMs);
    snapshot.status = status;
    snapshot.error = error;
    snapshot.latencyMs = 80;
    return snapshot;
}

bool hasPoint(const QList<QPointF> &points, double x, double y)
{
    return std::any_of(points.begin(), points.end(), [&](const QPointF &point) {
        return std::abs(point.x() - x) < 0.5 && std::abs(point.y() - y) < 1e-9;
    });
}

class KeyDetailTest : public UiTest
{
protected:
    [[nodiscard]] qint64 nowMs() const { return QDateTime::currentMSecsSinceEpoch(); }

    void store(const std::vector<Snapshot> &snapshots)
    {
        auto stored = SnapshotRepository(session().database()).insertMany(snapshots);
        ASSERT_TRUE(stored) << stored.error().message.toStdString();
    }

    // One successful check an hour for the last `hours` hours and now, ending a minute ago;
    // `remaining(h)` gives the micros `h` hours before the last one.
    void storeHourly(qint64 keyId, int hours, const std::function<qint64(int)> &remaining)
    {
        const qint64 endMs = nowMs() - kMinuteMs;
        std::vector<Snapshot> snapshots;
        for (int hour = hours; hour >= 0; --hour)
            snapshots.push_back(okSnapshot(keyId, endMs - hour * kHourMs, remaining(hour)));
        store(snapshots);
    }

    // A shown window, wide enough that the chart asks for its full 2,000 points.
    std::unique_ptr<KeyDetailWindow> openWindow(qint64 keyId)
    {
        auto window = std::make_unique<KeyDetailWindow>(session(), keyId);
        window->resize(1300, 760);
        window->show();
        QCoreApplication::processEvents();
        return window;
    }
};

// --- the balance chart ----------------------------------------------------------------------

TEST_F(KeyDetailTest, YearOfChecksPlotsAtMost2000PointsAndKeepsADeepOutlier)
{
    const qint64 keyId = addKey(QStringLiteral("year"));
    const qint64 endMs = nowMs() - kMinuteMs;
    const qint64 outlierIndex = 61'234;
    std::vector<Snapshot> snapshots;
    snapshots.reserve(std::size_t(kYearOfChecks));
    for (qint64 i = 0; i < kYearOfChecks; ++i) {
        // 1,000 CNY spent down to about 475 with a little daily wobble; one reading of 3 CNY.
        const qint64 micros = i == outlierIndex ? 3'000'000
                                                : 1'000'000'000 - i * 5'000 +
                                                      qint64(2'000'000 * std::sin(double(i) / 288 * 6.283));
        snapshots.push_back(okSnapshot(keyId, endMs - (kYearOfChecks - 1 - i) * kFiveMinutesMs, micros));
    }
    store(snapshots);

    auto window = openWindow(keyId);
    window->rangeButton(BalanceChart::All)->click();
    BalanceChart *chart = window->balanceChart();
    ASSERT_EQ(chart->range(), BalanceChart::All);
    EXPECT_EQ(chart->points().size(), std::size_t(kYearOfChecks));
    EXPECT_LE(chart->plottedPointCount(), BalanceChart::kMaxPlottedPoints);
    EXPECT_GE(chart->plottedPointCount(), 1000) << "a wide chart gets about two points per pixel";

    const QList<QPointF> plotted = chart->balanceSeries()->points();
    const Snapshot &outlier = snapshots[std::size_t(outlierIndex)];
    EXPECT_TRUE(hasPoint(plotted, double(outlier.checkedAt.toMSecsSinceEpoch()), 3.0))
        << "LTTB keeps the one deep dip";
    EXPECT_TRUE(hasPoint(plotted, double(snapshots.front().checkedAt.toMSecsSinceEpoch()),
                         snapshots.front().remaining->toDouble()));
    EXPECT_TRUE(hasPoint(plotted, double(snapshots.back().checkedAt.toMSecsSinceEpoch()),
                         snapshots.back().remaining->toDouble()));
    EXPECT_LE(chart->valueAxis()->min(), 3.0);

    // Back to 24 hours: every check of the day, nothing older.
    window->rangeButton(BalanceChart::Day)->click();
    EXPECT_EQ(chart->plottedPointCount(), 288);
    EXPECT_GT(chart->valueAxis()->min(), 400.0) << "a day's few CNY are not flattened against zero";
}

TEST_F(KeyDetailTest, EachRangeShowsOnlyThePointsInsideIt)
{
    const QDateTime now(QDate(2025, 6, 15), QTime(12, 0), Qt::UTC);
    const FixedClock clock(now);
    const qint64 nowMsFixed = now.toMSecsSinceEpoch();
    std::vector<BalancePoint> points;
    for (qint64 at = nowMsFixed - 120 * kDayMs; at <= nowMsFixed - kMinuteMs; at += kFiveMinutesMs)
        points.push_back({at, 900'000'000 - (at - nowMsFixed) / 1000});
    BalanceChart chart(clock);
    chart.resize(1200, 600);
    chart.show();
    QCoreApplication::processEvents();
    chart.setData(points, std::nullopt, QStringLiteral("USD"));

    const std::pair<BalanceChart::Range, qint64> ranges[] = {{BalanceChart::Day, kDayMs},
                                                             {BalanceChart::Week, 7 * kDayMs},
                                                             {BalanceChart::Month, 30 * kDayMs},
                                                             {BalanceChart::Quarter, 90 * kDayMs}};
    for (const auto &[range, lengthMs] : ranges) {
        chart.setRange(range);
        const qint64 startMs = nowMsFixed - lengthMs;
        const auto inside = std::count_if(points.begin(), points.end(),
                                          [&](const BalancePoint &point) { return point.atMs >= startMs; });
        const QList<QPointF> plotted = chart.balanceSeries()->points();
        ASSERT_FALSE(plotted.isEmpty()) << int(range);
        EXPECT_GE(plotted.front().x(), double(startMs)) << int(range);
        EXPECT_LE(plotted.size(), std::min<qsizetype>(inside, BalanceChart::kMaxPlottedPoints)) << int(range);
        if (inside <= BalanceChart::kMaxPlottedPoints) {
            EXPECT_EQ(plotted.size(), inside) << int(range);
        }
        EXPECT_EQ(qint64(chart.timeAxis()->min()), startMs) << int(range);
        EXPECT_GE(qint64(chart.timeAxis()->max()), nowMsFixed) << int(range);
    }
    chart.setRange(BalanceChart::All);
    EXPECT_EQ(chart.balanceSeries()->points().front().x(), double(points.front().atMs));
    EXPECT_EQ(qint64(chart.timeAxis()->min()), points.front().atMs);
}

TEST_F(KeyDetailTest, ThresholdLineSitsAtTheKeysThreshold)
{
    const qint64 keyId = addKey(QStringLiteral("thresholded"), QStringLiteral("ok"), QStringLiteral("50"));
    const qint64 endMs = nowMs();
    for (int hour = 10; hour >= 0; --hour)
        addSnapshot(keyId, utc(endMs - hour * kHourMs), 80 - hour);

    auto window = openWindow(keyId);
    const QList<QPointF> line = window->balanceChart()->thresholdSeries()->points();
    ASSERT_EQ(line.size(), 2);
    EXPECT_DOUBLE_EQ(line[0].y(), 50.0);
    EXPECT_DOUBLE_EQ(line[1].y(), 50.0);
    // Across the whole time axis.
    EXPECT_EQ(qint64(line[0].x()), qint64(window->balanceChart()->timeAxis()->min()));
    EXPECT_EQ(qint64(line[1].x()), qint64(window->balanceChart()->timeAxis()->max()));
    EXPECT_LE(window->balanceChart()->valueAxis()->min(), 50.0);

    // A percentage of the reported limit: 20 % of 200 is 40.
    const qint64 percentKey = addKey(QStringLiteral("percent"), QStringLiteral("ok"), QStringLiteral("20%"));
    Snapshot withLimit = okSnapshot(percentKey, endMs - kHourMs, 120'000'000);
    withLimit.limit = Amount::fromMicros(200'000'000);
    store({withLimit});
    auto percentWindow = openWindow(percentKey);
    const QList<QPointF> percentLine = percentWindow->balanceChart()->thresholdSeries()->points();
    ASSERT_EQ(percentLine.size(), 2);
    EXPECT_DOUBLE_EQ(percentLine[0].y(), 40.0);

    // No threshold, no line.
    const qint64 plainKey = addKey(QStringLiteral("plain"));
    addSnapshot(plainKey, utc(endMs - kHourMs), 10);
    auto plainWindow = openWindow(plainKey);
    EXPECT_EQ(plainWindow->balanceChart()->thresholdSeries()->count(), 0);
}

TEST_F(KeyDetailTest, TopUpsAreMarkedWhereTheyHappened)
{
    const qint64 keyId = addKey(QStringLiteral("topped"));
    const qint64 startMs = nowMs() - 3 * kDayMs;
    std::vector<Snapshot> snapshots;
    qint64 remaining = 100'000'000;
    std::vector<std::pair<qint64, double>> expected;
    for (int hour = 0; hour < 70; ++hour) {
        const qint64 atMs = startMs + hour * kHourMs;
        if (hour == 20) {
            remaining += 50'000'000; // a real top-up
            expected.emplace_back(atMs, double(remaining) / 1e6);
        } else if (hour == 45) {
            remaining += 25'000'000;
            expected.emplace_back(atMs, double(remaining) / 1e6);
        } else if (hour == 30) {
            remaining += 1'000; // a refund of 0.001: not a top-up
        } else {
            remaining -= 1'000'000;
        }
        snapshots.push_back(okSnapshot(keyId, atMs, remaining));
    }
    store(snapshots);

    auto window = openWindow(keyId);
    const QList<QPointF> markers = window->balanceChart()->topUpSeries()->points();
    ASSERT_EQ(markers.size(), qsizetype(expected.size()));
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(qint64(markers[qsizetype(i)].x()), expected[i].first) << i;
        EXPECT_DOUBLE_EQ(markers[qsizetype(i)].y(), expected[i].second) << i;
    }

    // Ranges that begin after a top-up leave its marker out.
    window->setRange(BalanceChart::Day);
    EXPECT_EQ(window->balanceChart()->topUpSeries()->count(), 0);
}

TEST_F(KeyDetailTest, ForecastLineEndsAtZeroWhenTheBurnRateRunsOut)
{
    const qint64 keyId = addKey(QStringLiteral("burning"));
    const qint64 endMs = nowMs() - kMinuteMs;
    std::vector<Snapshot> snapshots;
    for (int hour = 48; hour >= 0; --hour)
        snapshots.push_back(okSnapshot(keyId, endMs - hour * kHourMs, 52'000'000 + hour * 1'500'000));
    store(snapshots);

    auto series = SnapshotRepository(session().database()).balanceSeries(keyId);
    ASSERT_TRUE(series);
    const BurnEstimate burn = BurnRate::estimate(*series);
    ASSERT_TRUE(burn.daysUntilEmpty);
    const qint64 emptyAtMs = endMs + std::llround(*burn.daysUntilEmpty * double(kDayMs));
    EXPECT_NEAR(double(emptyAtMs - endMs), 52.0 / 1.5 * double(kHourMs), 1000.0);

    auto window = openWindow(keyId);
    BalanceChart *chart = window->balanceChart();
    ASSERT_EQ(chart->forecastEmptyAtMs(), emptyAtMs);
    const QList<QPointF> forecast = chart->forecastSeries()->points();
    ASSERT_EQ(forecast.size(), 2);
    EXPECT_EQ(qint64(forecast[0].x()), endMs);
    EXPECT_DOUBLE_EQ(forecast[0].y(), 52.0);
    EXPECT_EQ(qint64(forecast[1].x()), emptyAtMs);
    EXPECT_DOUBLE_EQ(forecast[1].y(), 0.0);
    EXPECT_EQ(chart->forecastSeries()->pen().style(), Qt::DashLine);
    // The axis leaves room for it.
    EXPECT_GT(qint64(chart->timeAxis()->max()), endMs);
}

TEST_F(KeyDetailTest, NoForecastWithoutSpending)
{
    const qint64 keyId = addKey(QStringLiteral("idle"));
    storeHourly(keyId, 24, [](int) { return 70'000'000; });
    auto window = openWindow(keyId);
    EXPECT_FALSE(window->balanceChart()->forecastEmptyAtMs());
    EXPECT_EQ(window->balanceChart()->forecastSeries()->count(), 0);
}

TEST_F(KeyDetailTest, TimeTicksSitOnRoundHoursForAThreeDayHistory)
{
    const QDateTime now(QDate(2025, 6, 15), QTime(12, 7, 31), Qt::UTC);
    const FixedClock clock(now);
    const qint64 nowMsFixed = now.toMSecsSinceEpoch();
    std::vector<BalancePoint> points;
    // Three days of checks every five minutes, the first at an odd time.
    for (qint64 at = nowMsFixed - 3 * kDayMs + 17 * kMinuteMs + 4321; at <= nowMsFixed; at += kFiveMinutesMs)
        points.push_back({at, 500'000'000 - qint64(points.size() % 7) * 1234});
    BalanceChart chart(clock);
    chart.resize(1200, 600);
    chart.show();
    QCoreApplication::processEvents();
    chart.setData(points, std::nullopt, QStringLiteral("USD"));
    chart.setRange(BalanceChart::All);

    // "All" starts at the first check, not at some round time before it or at zero.
    EXPECT_EQ(qint64(chart.timeAxis()->min()), points.front().atMs);
    const QStringList labels = chart.timeAxis()->categoriesLabels();
    ASSERT_GE(labels.size(), 3);
    std::vector<QDateTime> ticks;
    for (const QString &label : labels)
        ticks.push_back(
            QDateTime::fromMSecsSinceEpoch(qint64(chart.timeAxis()->endValue(label))).toLocalTime());
    const qint64 stepS = ticks[0].secsTo(ticks[1]);
    EXPECT_EQ(stepS % 3600, 0) << stepS;
    for (const QDateTime &tick : ticks) {
        SCOPED_TRACE(tick.toString(Qt::ISODateWithMs).toStdString());
        EXPECT_EQ(tick.time().minute(), 0);
        EXPECT_EQ(tick.time().second(), 0);
        EXPECT_EQ(tick.time().msec(), 0);
        if (stepS < 24 * 3600) {
            EXPECT_EQ(tick.time().hour() % (stepS / 3600), 0);
        } else {
            EXPECT_EQ(tick.time(), QTime(0, 0));
        }
        EXPECT_GE(tick.toMSecsSinceEpoch(), points.front().atMs);
        EXPECT_LE(tick.toMSecsSinceEpoch(), qint64(chart.timeAxis()->max()));
    }
    // Midnights are labelled with their day, other ticks with their hour.
    for (std::size_t i = 0; i < ticks.size(); ++i) {
        if (ticks[i].time() != QTime(0, 0)) {
            EXPECT_TRUE(labels[qsizetype(i)].contains(u':')) << labels[qsizetype(i)].toStdString();
        }
    }

    // Hovering names the nearest stored check with its exact amount and time.
    const BalancePoint &second = points[1];
    const QString tip = chart.tipAt(double(second.atMs) + 1000);
    EXPECT_TRUE(tip.contains(
        DisplayFormat::exactAmount(Amount::fromMicros(second.remainingMicros), QStringLiteral("USD"))))
        << tip.toStdString();
    EXPECT_TRUE(tip.contains(
        QLocale().toString(QDateTime::fromMSecsSinceEpoch(second.atMs).toLocalTime(), QLocale::LongFormat)))
        << tip.toStdString();
}

TEST_F(KeyDetailTest, HoveringAnywhereOverThePlotMarksTheNearestCheck)
{
    const QDateTime now(QDate(2025, 6, 15), QTime(12, 0), Qt::UTC);
    const FixedClock clock(now);
    const qint64 nowMsFixed = now.toMSecsSinceEpoch();
    // Two days of hourly checks spending 1 CNY each, topped up by 50 CNY 30 hours ago; odd
    // micros, so that only the exact amount shows them.
    std::vector<BalancePoint> points;
    qint64 remaining = 100'005'678;
    for (int hour = 48; hour >= 0; --hour) {
        remaining += hour == 30 ? 50'000'000 : -1'000'000;
        points.push_back({nowMsFixed - hour * kHourMs - kMinuteMs, remaining});
    }
    BalanceChart chart(clock);
    chart.resize(800, 400);
    chart.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&chart));
    chart.setData(points, std::nullopt, QStringLiteral("CNY"));
    chart.setRange(BalanceChart::All);
    QCoreApplication::processEvents();
    const QRectF plot = chart.chart()->plotArea();
    ASSERT_FALSE(plot.isEmpty());
    QScatterSeries *marker = chart.hoverMarker();
    EXPECT_EQ(marker->count(), 0);
    for (QLegendMarker *legendMarker : chart.chart()->legend()->markers(marker))
        EXPECT_FALSE(legendMarker->isVisible());
    EXPECT_EQ(marker->color(), chart.balanceSeries()->color());

    // The viewport position at time `atMs` and height `y` (chart coordinates).
    const auto at = [&](qint64 atMs, double y) {
        QPointF inChart = chart.chart()->mapToPosition(QPointF(double(atMs), 0), chart.balanceSeries());
        inChart.setY(y);
        return chart.mapFromScene(chart.chart()->mapToScene(inChart));
    };
    const auto pointOf = [](const BalancePoint &check) {
        return QPointF(double(check.atMs), double(check.remainingMicros) / 1e6);
    };
    const auto expectNamed = [](const QString &tip, const BalancePoint &check) {
        EXPECT_TRUE(tip.contains(
            DisplayFormat::exactAmount(Amount::fromMicros(check.remainingMicros), QStringLiteral("CNY"))))
            << tip.toStdString();
        EXPECT_TRUE(tip.contains(QLocale().toString(QDateTime::fromMSecsSinceEpoch(check.atMs).toLocalTime(),
                                                    QLocale::LongFormat)))
            << tip.toStdString();
    };

    // A real mouse move, 20 minutes after a check and at the bottom of the plot, far below the
    // line: that check is marked and named.
    const BalancePoint &check = points[10];
    const QPoint below = at(check.atMs + 20 * kMinuteMs, plot.bottom() - 3);
    const QPoint onLine =
        at(check.atMs, chart.chart()->mapToPosition(pointOf(check), chart.balanceSeries()).y());
    ASSERT_GT(std::abs(onLine.y() - below.y()), 40);
    QMouseEvent move(QEvent::MouseMove, below, chart.viewport()->mapToGlobal(below), Qt::NoButton,
                     Qt::NoButton, Qt::NoModifier);
    QCoreApplication::sendEvent(chart.viewport(), &move);
    EXPECT_EQ(marker->points(), QList<QPointF>{pointOf(check)});
    expectNamed(QToolTip::text(), check);
    EXPECT_FALSE(QToolTip::text().contains(QStringLiteral("Top-up")));

    // Outside the plot area (among the time labels) nothing is marked, and leaving hides it too.
    EXPECT_TRUE(chart.hoverAt(at(check.atMs, plot.bottom() + 12)).isEmpty());
    EXPECT_EQ(marker->count(), 0);
    EXPECT_FALSE(chart.hoverAt(below).isEmpty());
    QEvent leave(QEvent::Leave);
    QCoreApplication::sendEvent(&chart, &leave);
    EXPECT_EQ(marker->count(), 0);

    // A top-up's check also says what it added.
    const BalancePoint &topUp = points[48 - 30];
    ASSERT_EQ(chart.topUpSeries()->points(), QList<QPointF>{pointOf(topUp)});
    const QString topUpTip = chart.hoverAt(at(topUp.atMs - 10 * kMinuteMs, plot.top() + 3));
    EXPECT_EQ(marker->points(), QList<QPointF>{pointOf(topUp)});
    expectNamed(topUpTip, topUp);
    EXPECT_TRUE(
        topUpTip.contains(QStringLiteral("Top-up of ") + DisplayFormat::amount(50.0, QStringLiteral("CNY"))))
        << topUpTip.toStdString();

    // Only the checks the range shows are candidates: at the left edge of the last day, its
    // first check, not the one just before the range starts.
    chart.setRange(BalanceChart::Day);
    EXPECT_EQ(marker->count(), 0);
    const BalancePoint &first = BalanceChart::pointsFrom(points, nowMsFixed - kDayMs).front();
    expectNamed(chart.hoverAt(at(nowMsFixed - kDayMs, plot.top() + 3) + QPoint(1, 0)), first);
    EXPECT_EQ(marker->points(), QList<QPointF>{pointOf(first)});
}

TEST_F(KeyDetailTest, TheLegendNamesTheThresholdAndTheForecast)
{
    const qint64 keyId = addKey(QStringLiteral("legend"), QStringLiteral("ok"), QStringLiteral("20"));
    storeHourly(keyId, 48, [](int hour) { return 52'000'000 + hour * 1'500'000; });
    auto window = openWindow(keyId);
    BalanceChart *chart = window->balanceChart();
    QLegend *legend = chart->chart()->legend();
    EXPECT_TRUE(legend->isVisible());
    const auto shown = [&](QAbstractSeries *series) {
        const QList<QLegendMarker *> markers = legend->markers(series);
        return markers.size() == 1 && markers.front()->isVisible() ? markers.front()->label() : QString();
    };
    EXPECT_EQ(shown(chart->thresholdSeries()), QStringLiteral("Threshold"));
    EXPECT_EQ(shown(chart->forecastSeries()), QStringLiteral("Forecast to empty"));
    EXPECT_EQ(shown(chart->balanceSeries()), QStringLiteral("Remaining"));
    // Nothing topped up: no legend entry for markers that are not there.
    EXPECT_TRUE(shown(chart->topUpSeries()).isEmpty());
}

TEST_F(KeyDetailTest, NoSpendingYetIsExplainedInsteadOfAnEmptyAxis)
{
    const qint64 keyId = addKey(QStringLiteral("unspent"));
    storeHourly(keyId, 30, [](int) { return 70'000'000; });
    auto window = openWindow(keyId);
    SpendingChart *spending = window->spendingChart();
    EXPECT_TRUE(spending->showsNoSpending());
    EXPECT_EQ(spending->chart()->title(), QStringLiteral("No spending in this range yet"));
    EXPECT_FALSE(spending->valueAxis()->isVisible());

    // The first spending replaces the explanation with bars and their scale.
    const qint64 keyId2 = addKey(QStringLiteral("spent"));
    storeHourly(keyId2, 30, [](int hour) { return 70'000'000 - (30 - hour) * 100'000; });
    auto spentWindow = openWindow(keyId2);
    EXPECT_FALSE(spentWindow->spendingChart()->showsNoSpending());
    EXPECT_TRUE(spentWindow->spendingChart()->valueAxis()->isVisible());
    EXPECT_NE(spentWindow->spendingChart()->chart()->title(),
              QStringLiteral("No spending in this range yet"));
}

// --- spending per day -----------------------------------------------------------------------

TEST_F(KeyDetailTest, SpendingTabShowsTheRangesDays)
{
    const qint64 keyId = addKey(QStringLiteral("spender"));
    const qint64 endMs = nowMs() - kMinuteMs;
    std::vector<Snapshot> snapshots;
    for (int hour = 20 * 24; hour >= 0; --hour)
        snapshots.push_back(
            okSnapshot(keyId, endMs - hour * kHourMs, 1'000'000'000 - (20 * 24 - hour) * 100'000));
    store(snapshots);
    auto window = openWindow(keyId);
    window->setRange(BalanceChart::Week);
    SpendingChart *spending = window->spendingChart();
    EXPECT_EQ(spending->grouping(), SpendingChart::Grouping::Day);
    // 7 × 24 hourly steps in the range, each 0.1 spent, over 7 or 8 local days.
    ASSERT_GE(spending->bars().size(), 7u);
    ASSERT_LE(spending->bars().size(), 8u);
    qint64 total = 0;
    for (const DailySpend &bar : spending->bars())
        total += bar.spentMicros;
    EXPECT_EQ(total, 7 * 24 * 100'000);
    EXPECT_EQ(spending->barSet()->count(), qsizetype(spending->bars().size()));

    window->setRange(BalanceChart::All);
    EXPECT_GE(spending->bars().size(), 20u);
}

// --- checks table and CSV -------------------------------------------------------------------

TEST_F(KeyDetailTest, ChecksTableListsTheRangesChecksNewestFirstWithErrors)
{
    const qint64 keyId = addKey(QStringLiteral("flaky"));
    const qint64 endMs = nowMs() - kMinuteMs;
    store(
        {okSnapshot(keyId, endMs - 10 * kDayMs, 90'000'000),
         okSnapshot(keyId, endMs - 3 * kHourMs, 80'000'000),
         failedSnapshot(keyId, endMs - 2 * kHourMs, CheckStatus::NetworkError,
                        QStringLiteral("connection refused by 127.0.0.1")),
         okSnapshot(keyId, endMs - kHourMs, 79'500'000),
         failedSnapshot(keyId, endMs, CheckStatus::AuthError, QStringLiteral("Authentication Fails (401)"))});

    auto window = openWindow(keyId);
    window->tabs()->setCurrentIndex(KeyDetailWindow::ChecksTab);
    ui::CheckTableModel *model = window->checkModel();
    ASSERT_EQ(model->rowCount(), 4) << "the 7-day range leaves the 10-day-old check out";
    auto text = [&](int row, int column) { return model->index(row, column).data().toString(); };
    EXPECT_EQ(text(0, ui::CheckTableModel::Status), QStringLiteral("Key refused"));
    EXPECT_EQ(text(0, ui::CheckTableModel::Error), QStringLiteral("Authentication Fails (401)"));
    EXPECT_EQ(text(1, ui::CheckTableModel::Remaining), QStringLiteral("79.5"));
    EXPECT_EQ(text(1, ui::CheckTableModel::Unit), QStringLiteral("CNY"));
    EXPECT_EQ(text(2, ui::CheckTableModel::Status), QStringLiteral("Network error"));
    EXPECT_EQ(text(2, ui::CheckTableModel::Error), QStringLiteral("connection refused by 127.0.0.1"));
    EXPECT_EQ(text(3, ui::CheckTableModel::Remaining), QStringLiteral("80"));
    EXPECT_EQ(text(3, ui::CheckTableModel::Latency), QStringLiteral("120 ms"));
    EXPECT_EQ(window->healthText(), QStringLiteral("Failing"));
    EXPECT_EQ(window->remainingText(), QStringLiteral("79.50 CNY")) << "the last known amount";

    window->rangeButton(BalanceChart::All)->click();
    EXPECT_EQ(model->rowCount(), 5);
}

TEST_F(KeyDetailTest, ChecksTableShowsTheStoredDetailsOfEachCheck)
{
    const qint64 keyId = addKey(QStringLiteral("plan"));
    const qint64 endMs = nowMs() - kMinuteMs;
    Snapshot plan = okSnapshot(keyId, endMs, 61'000'000, QStringLiteral("requests"));
    plan.kind = ReadingKind::Quota;
    plan.balances.clear();
    plan.details = {{QStringLiteral("window_5h"), Amount::fromMicros(61'000'000),
                     Amount::fromMicros(139'000'000), Amount::fromMicros(200'000'000),
                     QStringLiteral("requests"), QDateTime(QDate(2026, 12, 7), QTime(4, 0), Qt::UTC)},
                    {QStringLiteral("window_weekly"),
                     Amount::fromMicros(1'500'000'000),
                     std::nullopt,
                     Amount::fromMicros(2'000'000'000),
                     QStringLiteral("requests"),
                     {}}};
    store({okSnapshot(keyId, endMs - kHourMs, 80'000'000), plan});

    auto window = openWindow(keyId);
    window->tabs()->setCurrentIndex(KeyDetailWindow::ChecksTab);
    ui::CheckTableModel *model = window->checkModel();
    ASSERT_EQ(model->rowCount(), 2);
    EXPECT_EQ(model->index(0, ui::CheckTableModel::Details).data().toString(),
              QStringLiteral("5-hour window 61/200 requests · Weekly window 1500/2000 requests"));
    EXPECT_EQ(model->index(0, ui::CheckTableModel::Details).data(Qt::ToolTipRole).toString(),
              QStringLiteral("5-hour window: 61 of 200 requests left, resets 2026-12-07 04:00 UTC\n"
                             "Weekly window: 1500 of 2000 requests left"));
    EXPECT_TRUE(model->index(1, ui::CheckTableModel::Details).data().toString().isEmpty());
}

TEST_F(KeyDetailTest, CsvExportWritesTheHistoryCommandsColumnsWithQuotedFields)
{
    const qint64 keyId = addKey(QStringLiteral("exported"));
    const qint64 endMs = nowMs() - kMinuteMs;
    Snapshot ok = okSnapshot(keyId, endMs - kHourMs, 12'500'000);
    ok.balances.push_back(Balance{Amount::fromMicros(3'000'000), QStringLiteral("USD")});
    ok.used = Amount::fromMicros(7'250'000);
    const QString awkward = QStringLiteral("provider said \"no\", try later\nsecond line");
    store({ok, failedSnapshot(keyId, endMs, CheckStatus::ProviderError, awkward)});

    auto window = openWindow(keyId);
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("history.csv"));
    auto written = window->exportCsv(path);
    ASSERT_TRUE(written) << written.error().message.toStdString();

    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    EXPECT_TRUE(text.startsWith(QStringLiteral(
        "checked_at,status,kind,remaining,used,limit,unit,balances,error,latency_ms,details\n")));
    EXPECT_TRUE(text.contains(QStringLiteral("\"provider said \"\"no\"\", try later\nsecond line\"")));

    auto records = CsvReader::parse(text);
    ASSERT_TRUE(records) << records.error().message.toStdString();
    ASSERT_EQ(records->size(), 3u);
    const QStringList &first = (*records)[1].fields;
    ASSERT_EQ(first.size(), 11);
    EXPECT_EQ(first[0], ok.checkedAt.toString(Qt::ISODateWithMs));
    EXPECT_EQ(first[1], QStringLiteral("ok"));
    EXPECT_EQ(first[2], QStringLiteral("balance"));
    EXPECT_EQ(first[3], QStringLiteral("12.5"));
    EXPECT_EQ(first[4], QStringLiteral("7.25"));
    EXPECT_EQ(first[5], QString());
    EXPECT_EQ(first[6], QStringLiteral("CNY"));
    EXPECT_EQ(first[7], QStringLiteral("12.5 CNY; 3 USD"));
    EXPECT_EQ(first[9], QStringLiteral("120"));
    const QStringList &second = (*records)[2].fields;
    ASSERT_EQ(second.size(), 11);
    EXPECT_EQ(second[1], QStringLiteral("provider_error"));
    EXPECT_EQ(second[8], awkward);

    EXPECT_EQ(SnapshotCsv::field(QStringLiteral("a,b")), QStringLiteral("\"a,b\""));
    EXPECT_EQ(SnapshotCsv::field(QStringLiteral("cr\rhere")), QStringLiteral("\"cr\rhere\""));
    EXPECT_EQ(SnapshotCsv::field(QStringLiteral("plain")), QStringLiteral("plain"));

    // An unwritable path is an error value, not a crash or half a file.
    auto failed = window->exportCsv(dir.filePath(QStringLiteral("missing/dir/history.csv")));
    EXPECT_FALSE(failed);
}

TEST(SnapshotCsvInjection, TextCellsThatASpreadsheetWouldRunAreNeutralised)
{
    EXPECT_EQ(SnapshotCsv::field(QStringLiteral("=HYPERLINK(\"http://x\")")),
              QStringLiteral("\"'=HYPERLINK(\"\"http://x\"\")\""));
    EXPECT_EQ(SnapshotCsv::field(QStringLiteral("+1+cmd|' /C calc'!A0")),
              QStringLiteral("'+1+cmd|' /C calc'!A0"));
    EXPECT_EQ(SnapshotCsv::field(QStringLiteral("-2+3")), QStringLiteral("'-2+3"));
    EXPECT_EQ(SnapshotCsv::field(QStringLiteral("@SUM(A1)")), QStringLiteral("'@SUM(A1)"));
    EXPECT_EQ(SnapshotCsv::field(QStringLiteral("\t=1")), QStringLiteral("'\t=1"));
    EXPECT_EQ(SnapshotCsv::field(QStringLiteral("\r=1")), QStringLiteral("\"'\r=1\""));
    // Only the first character counts; an '=' later on is ordinary text.
    EXPECT_EQ(SnapshotCsv::field(QStringLiteral("a=b")), QStringLiteral("a=b"));
    EXPECT_EQ(SnapshotCsv::field(QString()), QString());

    // In a row: the hostile error and unit are neutralised, a negative amount stays a number.
    Snapshot snapshot;
    snapshot.checkedAt = QDateTime(QDate(2026, 11, 15), QTime(12, 0), Qt::UTC);
    snapshot.status = CheckStatus::Ok;
    snapshot.kind = ReadingKind::Balance;
    snapshot.remaining = Amount::fromMicros(-12'500'000);
    snapshot.unit = QStringLiteral("=cmd");
    snapshot.balances = {{Amount::fromMicros(-12'500'000), QStringLiteral("USD")}};
    snapshot.error = QStringLiteral("@evil");
    snapshot.latencyMs = 5;
    // A detail name is provider text too.
    snapshot.details = {{QStringLiteral("=HYPERLINK(1)"),
                         Amount::fromMicros(1'000'000),
                         std::nullopt,
                         std::nullopt,
                         QStringLiteral("points"),
                         {}},
                        {QStringLiteral("window_5h"), Amount::fromMicros(61'000'000),
                         Amount::fromMicros(139'000'000), Amount::fromMicros(200'000'000),
                         QStringLiteral("requests"), QDateTime(QDate(2026, 12, 7), QTime(4, 0), Qt::UTC)}};
    const QString csv = SnapshotCsv::header() + u'\n' + SnapshotCsv::row(snapshot) + u'\n';
    auto records = CsvReader::parse(csv);
    ASSERT_TRUE(records) << records.error().message.toStdString();
    ASSERT_EQ(records->size(), 2u);
    const QStringList &fields = (*records)[1].fields;
    ASSERT_EQ(fields.size(), 11);
    EXPECT_EQ(fields[10],
              QStringLiteral("'=HYPERLINK(1): 1 points left; 5-hour window: 61/200 requests left, used "
                             "139 requests, resets 2026-12-07T04:00:00Z"));
    EXPECT_EQ(fields[3], QStringLiteral("-12.5"));
    EXPECT_EQ(fields[6], QStringLiteral("'=cmd"));
    EXPECT_EQ(fields[7], QStringLiteral("'-12.5 USD"));
    EXPECT_EQ(fields[8], QStringLiteral("'@evil"));
}

// --- live updates ---------------------------------------------------------------------------

TEST_F(KeyDetailTest, ACheckStoredForTheKeyUpdatesChartTableAndHeader)
{
    const qint64 keyId = addKey(QStringLiteral("live"));
    const qint64 otherKey = addKey(QStringLiteral("other"));
    const qint64 endMs = nowMs() - kMinuteMs;
    addSnapshot(keyId, utc(endMs - 2 * kHourMs), 100);
    addSnapshot(keyId, utc(endMs - kHourMs), 99);

    auto window = openWindow(keyId);
    window->tabs()->setCurrentIndex(KeyDetailWindow::ChecksTab);
    BalanceChart *chart = window->balanceChart();
    ASSERT_EQ(chart->plottedPointCount(), 2);
    ASSERT_EQ(window->checkModel()->rowCount(), 2);

    // Another key's check changes nothing here.
    session().engine().checks().check(otherKey);
    ASSERT_TRUE(waitFor([&] { return session().engine().checks().inFlight() == 0; }));
    EXPECT_EQ(chart->plottedPointCount(), 2);

    window->checkButton()->click();
    EXPECT_FALSE(window->checkButton()->isEnabled());
    ASSERT_TRUE(waitFor([&] { return chart->plottedPointCount() == 3; }));
    EXPECT_DOUBLE_EQ(chart->balanceSeries()->points().back().y(), 110.5);
    EXPECT_EQ(window->checkModel()->rowCount(), 3);
    EXPECT_EQ(window->checkModel()->index(0, ui::CheckTableModel::Remaining).data().toString(),
              QStringLiteral("110.5"));
    EXPECT_EQ(window->remainingText(), QStringLiteral("110.50 CNY"));
    ASSERT_TRUE(waitFor([&] { return window->checkButton()->isEnabled(); }));
    EXPECT_TRUE(window->statusText().contains(QStringLiteral("110.5"))) << window->statusText().toStdString();
    // The rise from 99 to 110.5 is a top-up.
    EXPECT_EQ(chart->topUpSeries()->count(), 1);
}

TEST_F(KeyDetailTest, AFailedCheckShowsInTheTableNotOnTheChart)
{
    const qint64 keyId = addKey(QStringLiteral("refused"), QStringLiteral("refused"));
    addSnapshot(keyId, utc(nowMs() - kHourMs), 42);
    auto window = openWindow(keyId);
    window->tabs()->setCurrentIndex(KeyDetailWindow::ChecksTab);
    window->checkNow();
    ASSERT_TRUE(waitFor([&] { return window->checkModel()->rowCount() == 2; }));
    const QModelIndex status = window->checkModel()->index(0, ui::CheckTableModel::Status);
    EXPECT_EQ(status.data().toString(), QStringLiteral("Key refused"));
    EXPECT_FALSE(window->checkModel()->index(0, ui::CheckTableModel::Error).data().toString().isEmpty());
    EXPECT_EQ(window->balanceChart()->plottedPointCount(), 1);
    EXPECT_EQ(window->healthText(), QStringLiteral("Failing"));
    ASSERT_TRUE(waitFor([&] { return window->checkButton()->isEnabled(); }));
    // Said once, in words, without the stored code.
    EXPECT_TRUE(window->statusText().startsWith(QStringLiteral("The provider refused the key (HTTP 401)")))
        << window->statusText().toStdString();
    EXPECT_FALSE(window->statusText().contains(QStringLiteral("auth_error")));
}

TEST_F(KeyDetailTest, AnEmptyHistoryAndAMissingKeyAreShownNotFatal)
{
    const qint64 keyId = addKey(QStringLiteral("fresh"));
    auto window = openWindow(keyId);
    EXPECT_EQ(window->balanceChart()->plottedPointCount(), 0);
    EXPECT_EQ(window->healthText(), QStringLiteral("Not checked yet"));
    EXPECT_TRUE(window->spendingChart()->bars().empty());
    for (BalanceChart::Range range : {BalanceChart::Day, BalanceChart::Week, BalanceChart::Month,
                                      BalanceChart::Quarter, BalanceChart::All})
        window->setRange(range);

    auto missing = openWindow(keyId + 1000);
    EXPECT_FALSE(missing->checkButton()->isEnabled());
}

} // namespace

} // namespace qw::test
