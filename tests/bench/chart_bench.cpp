// Changing the history chart's range over a year of 5-minute checks (105,120 points): slicing,
// LTTB downsampling, one replace() per series, the axes, and the repaint that follows. The
// target is 50 ms per change. Needs a QApplication; runs offscreen unless QT_QPA_PLATFORM says
// otherwise.
#include "core/clock.h"
#include "core/crypto/fernet.h"
#include "core/session/session.h"
#include "core/storage/apikeyrepository.h"
#include "core/storage/database.h"
#include "core/storage/snapshotrepository.h"
#include "core/storage/userrepository.h"
#include "ui/history/balancechart.h"
#include "ui/history/keydetailwindow.h"

#include <QApplication>
#include <QLineSeries>
#include <QTemporaryDir>
#include <QUuid>
#include <benchmark/benchmark.h>
#include <cmath>

namespace {

constexpr qint64 kStepMs = 5LL * 60 * 1000;
constexpr qint64 kYearPoints = 105'120; // 365 days of 5-minute checks

// A year ending now: steady spending with a daily rhythm, a top-up every month.
std::vector<qw::BalancePoint> yearOfPoints(qint64 endMs)
{
    std::vector<qw::BalancePoint> points;
    points.reserve(std::size_t(kYearPoints));
    qint64 remaining = 500'000'000;
    for (qint64 i = 0; i < kYearPoints; ++i) {
        const qint64 atMs = endMs - (kYearPoints - 1 - i) * kStepMs;
        remaining -= 4'000 + qint64(3'000 * (1 + std::sin(double(i) / 288.0 * 6.283)));
        if (i % 8640 == 8639)
            remaining += 300'000'000;
        points.push_back({atMs, remaining});
    }
    return points;
}

struct ChartFixture
{
    qw::SystemClock clock;
    qw::ui::BalanceChart chart{clock};

    explicit ChartFixture(bool shown)
    {
        chart.resize(1200, 600);
        if (shown)
            chart.show();
        chart.setData(yearOfPoints(clock.nowUtc().toMSecsSinceEpoch() - 60'000), 100.0,
                      QStringLiteral("USD"));
        QCoreApplication::processEvents();
    }
};

const qw::ui::BalanceChart::Range kCycle[] = {qw::ui::BalanceChart::Week, qw::ui::BalanceChart::All,
                                              qw::ui::BalanceChart::Month, qw::ui::BalanceChart::Day,
                                              qw::ui::BalanceChart::Quarter};

} // namespace

// setRange alone: slice, downsample, replace, axes.
static void BM_ChartRangeChange(benchmark::State &state)
{
    ChartFixture fixture(false);
    std::size_t next = 0;
    for (auto _ : state) {
        fixture.chart.setRange(kCycle[next++ % std::size(kCycle)]);
        benchmark::DoNotOptimize(fixture.chart.plottedPointCount());
    }
    state.counters["plotted"] = fixture.chart.plottedPointCount();
}
BENCHMARK(BM_ChartRangeChange)->Unit(benchmark::kMillisecond)->UseRealTime();

// What the user waits for: setRange, then the chart painted on screen (offscreen here).
static void BM_ChartRangeChangeAndRepaint(benchmark::State &state)
{
    ChartFixture fixture(true);
    std::size_t next = 0;
    for (auto _ : state) {
        fixture.chart.setRange(kCycle[next++ % std::size(kCycle)]);
        QCoreApplication::processEvents();
        fixture.chart.viewport()->repaint();
    }
    state.counters["plotted"] = fixture.chart.plottedPointCount();
}
BENCHMARK(BM_ChartRangeChangeAndRepaint)->Unit(benchmark::kMillisecond)->UseRealTime();

// The worst single case: the whole year, downsampled from 105,120 points, painted.
static void BM_ChartAllRangeAndRepaint(benchmark::State &state)
{
    ChartFixture fixture(true);
    for (auto _ : state) {
        fixture.chart.setRange(qw::ui::BalanceChart::All);
        QCoreApplication::processEvents();
        fixture.chart.viewport()->repaint();
    }
    state.counters["plotted"] = fixture.chart.plottedPointCount();
}
BENCHMARK(BM_ChartAllRangeAndRepaint)->Unit(benchmark::kMillisecond)->UseRealTime();

// The whole window's range change as the user clicks it: the balance chart and the spending
// bars (the checks table is read only when its tab is shown), over a year stored in SQLite.
static void BM_WindowRangeChange(benchmark::State &state)
{
    QTemporaryDir dir;
    auto url = qw::DatabaseUrl::parse(dir.filePath(QStringLiteral("bench.db")));
    auto db = qw::Database::open(*url, QUuid::createUuid().toString());
    auto fernet = qw::Fernet::fromKey(qw::Fernet::generateKey().view());
    if (!url || !db || !fernet) {
        state.SkipWithError("could not open the database");
        return;
    }
    const qw::SystemClock clock;
    qw::Session session(std::move(*db), qw::Vault(std::move(*fernet)), clock);
    qw::ApiKey key;
    key.userId = *qw::UserRepository(session.database()).ensureOwner();
    key.name = QStringLiteral("bench");
    key.platform = QStringLiteral("openrouter");
    key.secretEnc = QByteArrayLiteral("token");
    key.secretHint = QStringLiteral("sk-…0000");
    const qint64 keyId = *qw::ApiKeyRepository(session.database()).insert(key);
    std::vector<qw::Snapshot> snapshots;
    snapshots.reserve(std::size_t(kYearPoints));
    for (const qw::BalancePoint &point : yearOfPoints(clock.nowUtc().toMSecsSinceEpoch() - 60'000)) {
        qw::Snapshot snapshot;
        snapshot.keyId = keyId;
        snapshot.checkedAt = QDateTime::fromMSecsSinceEpoch(point.atMs, Qt::UTC);
        snapshot.kind = qw::ReadingKind::Balance;
        snapshot.remaining = qw::Amount::fromMicros(point.remainingMicros);
        snapshot.unit = QStringLiteral("USD");
        snapshots.push_back(snapshot);
    }
    if (!qw::SnapshotRepository(session.database()).insertMany(snapshots)) {
        state.SkipWithError("could not seed the database");
        return;
    }
    auto window = std::make_unique<qw::ui::KeyDetailWindow>(session, keyId);
    window->resize(1300, 760);
    window->show();
    QCoreApplication::processEvents();
    std::size_t next = 0;
    for (auto _ : state) {
        window->setRange(kCycle[next++ % std::size(kCycle)]);
        QCoreApplication::processEvents();
        window->repaint();
    }
    state.counters["plotted"] = window->balanceChart()->plottedPointCount();
    window.reset(); // before the session it reads from
}
BENCHMARK(BM_WindowRangeChange)->Unit(benchmark::kMillisecond)->UseRealTime();

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
