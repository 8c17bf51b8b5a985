// Storage throughput on SQLite: batched snapshot inserts, and reading a year of one key's
// 5-minute history for a time range (what the history chart asks for).
#include "core/analytics/retentionservice.h"
#include "core/clock.h"
#include "core/storage/apikeyrepository.h"
#include "core/storage/database.h"
#include "core/storage/snapshotrepository.h"
#include "core/storage/userrepository.h"

#include <QCoreApplication>
#include <QTemporaryDir>
#include <QUuid>
#include <benchmark/benchmark.h>

namespace {

const QDateTime kStart(QDate(2025, 1, 1), QTime(0, 0), Qt::UTC);

struct BenchDatabase
{
    QTemporaryDir dir;
    std::unique_ptr<qw::Database> db;
    std::vector<qint64> keyIds;

    explicit BenchDatabase(int keys)
    {
        auto url = qw::DatabaseUrl::parse(dir.filePath(QStringLiteral("bench.db")));
        db = std::move(*qw::Database::open(*url, QUuid::createUuid().toString()));
        const qint64 owner = *qw::UserRepository(*db).ensureOwner();
        qw::ApiKeyRepository repository(*db);
        for (int i = 0; i < keys; ++i) {
            qw::ApiKey key;
            key.userId = owner;
            key.name = QStringLiteral("key %1").arg(i);
            key.platform = QStringLiteral("openrouter");
            key.secretEnc = QByteArrayLiteral("token");
            key.secretHint = QStringLiteral("sk-…0000");
            keyIds.push_back(*repository.insert(key));
        }
    }
};

qw::Snapshot snapshotAt(qint64 keyId, qint64 index)
{
    qw::Snapshot snapshot;
    snapshot.keyId = keyId;
    snapshot.checkedAt = kStart.addSecs(index * 300);
    snapshot.kind = qw::ReadingKind::Balance;
    snapshot.remaining = qw::Amount::fromMicros(100'000'000 - index * 37);
    snapshot.unit = QStringLiteral("USD");
    snapshot.balances = {{*snapshot.remaining, QStringLiteral("USD")}};
    snapshot.latencyMs = 140;
    return snapshot;
}

// A coding plan's reading: its five-hour and weekly windows and monthly MCP calls as details.
qw::Snapshot planSnapshotAt(qint64 keyId, qint64 index)
{
    qw::Snapshot snapshot = snapshotAt(keyId, index);
    snapshot.kind = qw::ReadingKind::Quota;
    snapshot.unit = QStringLiteral("requests");
    snapshot.balances.clear();
    const QDateTime reset = snapshot.checkedAt.addSecs(5 * 3600 - (index % 60) * 300);
    snapshot.details = {
        {QStringLiteral("window_5h"), snapshot.remaining, qw::Amount::fromMicros(index % 60 * 1'000'000),
         qw::Amount::fromMicros(200'000'000), QStringLiteral("requests"), reset},
        {QStringLiteral("window_weekly"), qw::Amount::fromMicros(2'000'000'000 - index % 2016 * 1'000'000),
         std::nullopt, qw::Amount::fromMicros(2'000'000'000), QStringLiteral("requests"), reset.addDays(6)},
        {QStringLiteral("mcp_monthly"),
         std::nullopt,
         qw::Amount::fromMicros(index % 8640 * 1'000'000),
         qw::Amount::fromMicros(1'000'000'000),
         QStringLiteral("requests"),
         {}}};
    return snapshot;
}

// One key's year of 5-minute checks: 105,000 snapshots (of a plan with three details each when
// `withDetails`).
bool seedYear(BenchDatabase &bench, bool withDetails = false)
{
    std::vector<qw::Snapshot> snapshots;
    snapshots.reserve(105'000);
    for (qint64 i = 0; i < 105'000; ++i)
        snapshots.push_back(withDetails ? planSnapshotAt(bench.keyIds.front(), i)
                                        : snapshotAt(bench.keyIds.front(), i));
    return qw::SnapshotRepository(*bench.db).insertMany(snapshots).has_value();
}

} // namespace

// 100,000 snapshots for 100 keys, in transactions of 5,000.
static void BM_Insert100kSnapshotsFor100Keys(benchmark::State &state)
{
    for (auto _ : state) {
        state.PauseTiming();
        BenchDatabase bench(100);
        std::vector<qw::Snapshot> snapshots;
        snapshots.reserve(100'000);
        for (qint64 i = 0; i < 1000; ++i) {
            for (qint64 keyId : bench.keyIds)
                snapshots.push_back(snapshotAt(keyId, i));
        }
        state.ResumeTiming();
        auto stored = qw::SnapshotRepository(*bench.db).insertMany(snapshots);
        if (!stored)
            state.SkipWithError(stored.error().message.toUtf8().constData());
    }
    state.SetItemsProcessed(state.iterations() * 100'000);
}
BENCHMARK(BM_Insert100kSnapshotsFor100Keys)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();

// One key's 105,000 snapshots (a year every 5 minutes) read for the whole year's range.
static void BM_ReadYearOfOneKey(benchmark::State &state)
{
    BenchDatabase bench(1);
    if (!seedYear(bench)) {
        state.SkipWithError("could not seed the database");
        return;
    }
    qw::SnapshotRepository repository(*bench.db);
    for (auto _ : state) {
        auto year = repository.range(bench.keyIds.front(), kStart, kStart.addDays(366));
        if (!year || year->size() != 105'000)
            state.SkipWithError("wrong number of snapshots read");
        benchmark::DoNotOptimize(year);
    }
    state.SetItemsProcessed(state.iterations() * 105'000);
}
BENCHMARK(BM_ReadYearOfOneKey)->Unit(benchmark::kMillisecond)->UseRealTime();

// The same year of a plan whose every check carries three details (details_json), which the
// history's check table and the CLI read back.
static void BM_ReadYearOfOnePlanKeyWithDetails(benchmark::State &state)
{
    BenchDatabase bench(1);
    if (!seedYear(bench, true)) {
        state.SkipWithError("could not seed the database");
        return;
    }
    qw::SnapshotRepository repository(*bench.db);
    for (auto _ : state) {
        auto year = repository.range(bench.keyIds.front(), kStart, kStart.addDays(366));
        if (!year || year->size() != 105'000 || year->back().details.size() != 3)
            state.SkipWithError("wrong snapshots read");
        benchmark::DoNotOptimize(year);
    }
    state.SetItemsProcessed(state.iterations() * 105'000);
}
BENCHMARK(BM_ReadYearOfOnePlanKeyWithDetails)->Unit(benchmark::kMillisecond)->UseRealTime();

// The same year read as the chart reads it: time and remaining amount of each successful check.
static void BM_ReadYearSeriesOfOneKey(benchmark::State &state)
{
    BenchDatabase bench(1);
    if (!seedYear(bench)) {
        state.SkipWithError("could not seed the database");
        return;
    }
    qw::SnapshotRepository repository(*bench.db);
    for (auto _ : state) {
        auto year = repository.balanceSeries(bench.keyIds.front(), kStart, kStart.addDays(366));
        if (!year || year->size() != 105'000)
            state.SkipWithError("wrong number of points read");
        benchmark::DoNotOptimize(year);
    }
    state.SetItemsProcessed(state.iterations() * 105'000);
}
BENCHMARK(BM_ReadYearSeriesOfOneKey)->Unit(benchmark::kMillisecond)->UseRealTime();

namespace {

class BenchClock final : public qw::Clock
{
public:
    [[nodiscard]] QDateTime nowUtc() const override { return kStart.addDays(365); }
};

} // namespace

// The same year after the retention (90 days raw) rolled its first 275 days into hourly runs:
// the chart reads raw checks and runs as one series (SnapshotRepository::history).
static void BM_ReadYearSeriesOfOneKeyRolledUp(benchmark::State &state)
{
    BenchDatabase bench(1);
    const BenchClock clock;
    qw::RetentionService retention(*bench.db, clock);
    if (!seedYear(bench) || !retention.rollUp(std::chrono::milliseconds(-1))) {
        state.SkipWithError("could not seed and roll up the database");
        return;
    }
    qw::SnapshotRepository repository(*bench.db);
    std::size_t points = 0;
    for (auto _ : state) {
        auto year = repository.balanceSeries(bench.keyIds.front(), kStart, kStart.addDays(366));
        if (!year || year->size() < 30'000 || year->size() > 45'000)
            state.SkipWithError("wrong number of points read");
        points = year ? year->size() : 0;
        benchmark::DoNotOptimize(year);
    }
    state.counters["points"] = double(points);
    state.SetItemsProcessed(state.iterations() * qint64(points));
}
BENCHMARK(BM_ReadYearSeriesOfOneKeyRolledUp)->Unit(benchmark::kMillisecond)->UseRealTime();

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv); // QtSql wants an application object
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
