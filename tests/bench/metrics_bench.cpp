// A /metrics scrape of 1,000 keys (target: under 50 ms): the figures read by KeyMetrics (the
// latest check of each key, a week of balances for the forecasts) and the Prometheus text
// rendered from them — everything the handler does but the socket — on SQLite, each key with a
// week of 30-minute checks (336,000 snapshots) and an older month behind it.
//   ./build/tests/bench/qw_metrics_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include "core/analytics/keymetrics.h"
#include "core/rest/metricscontroller.h"
#include "core/storage/apikeyrepository.h"
#include "core/storage/database.h"
#include "core/storage/snapshotrepository.h"
#include "core/storage/userrepository.h"

#include <QCoreApplication>
#include <QTemporaryDir>
#include <QUuid>
#include <benchmark/benchmark.h>

namespace {

const QDateTime kNow(QDate(2026, 3, 10), QTime(12, 0), Qt::UTC);
constexpr int kKeys = 1000;
constexpr int kChecksPerKey = 48 * 7 * 5; // five weeks of 30-minute checks: one in the window

struct ScrapeDatabase
{
    QTemporaryDir dir;
    std::unique_ptr<qw::Database> db;
    qint64 owner = 0;
    bool ok = false;

    ScrapeDatabase()
    {
        auto url = qw::DatabaseUrl::parse(dir.filePath(QStringLiteral("metrics.db")));
        db = std::move(*qw::Database::open(*url, QUuid::createUuid().toString()));
        owner = *qw::UserRepository(*db).ensureOwner();
        qw::ApiKeyRepository keys(*db);
        std::vector<qw::Snapshot> snapshots;
        snapshots.reserve(size_t(kKeys) * kChecksPerKey);
        for (int i = 0; i < kKeys; ++i) {
            qw::ApiKey key;
            key.userId = owner;
            key.name = QStringLiteral("key \"%1\"").arg(i);
            key.platform = QStringLiteral("deepseek");
            key.secretEnc = QByteArrayLiteral("token");
            key.secretHint = QStringLiteral("sk-…0000");
            const qint64 id = *keys.insert(key);
            for (int check = 0; check < kChecksPerKey; ++check) {
                qw::Snapshot snapshot;
                snapshot.keyId = id;
                snapshot.checkedAt = kNow.addSecs(-1800LL * (kChecksPerKey - check));
                snapshot.kind = qw::ReadingKind::Balance;
                snapshot.remaining = qw::Amount::fromMicros(500'000'000LL - check * 10'000LL);
                snapshot.unit = QStringLiteral("CNY");
                snapshot.balances = {{*snapshot.remaining, QStringLiteral("CNY")}};
                snapshots.push_back(snapshot);
            }
        }
        ok = qw::SnapshotRepository(*db).insertMany(snapshots).has_value();
    }
};

ScrapeDatabase &database()
{
    static ScrapeDatabase seeded;
    return seeded;
}

} // namespace

// One scrape's work with `metrics` kept between scrapes, as the controller keeps it.
static bool scrape(benchmark::State &state, qw::KeyMetrics &metrics, qint64 owner, const QDateTime &now,
                   qsizetype &bytes)
{
    static const QMap<QString, qint64> checks{{QStringLiteral("ok"), 12345},
                                              {QStringLiteral("auth_error"), 3}};
    auto keys = metrics.collect(owner, now);
    if (!keys || keys->size() != size_t(kKeys) || !keys->front().daysUntilEmpty) {
        state.SkipWithError("wrong figures");
        return false;
    }
    const QByteArray text =
        qw::rest::MetricsController::render(*keys, checks, qw::rest::ProcessMetrics::read());
    bytes = text.size();
    benchmark::DoNotOptimize(text.data());
    return true;
}

// The steady state Prometheus sees: a scrape every 15 s while 1,000 keys are checked every 30
// minutes, so about ten keys have a new check (and a forecast to recompute) per scrape.
static void BM_Scrape1000Keys(benchmark::State &state)
{
    ScrapeDatabase &bench = database();
    if (!bench.ok) {
        state.SkipWithError("seeding failed");
        return;
    }
    qw::KeyMetrics metrics(*bench.db);
    qsizetype bytes = 0;
    QDateTime now = kNow;
    if (!scrape(state, metrics, bench.owner, now, bytes)) // the first scrape reads every window
        return;
    qw::SnapshotRepository snapshots(*bench.db);
    qint64 round = 0;
    for (auto _ : state) {
        state.PauseTiming();
        now = now.addSecs(15);
        for (int i = 0; i < 10; ++i) {
            qw::Snapshot snapshot;
            snapshot.keyId = 1 + (round * 10 + i) % kKeys;
            snapshot.checkedAt = now;
            snapshot.kind = qw::ReadingKind::Balance;
            snapshot.remaining = qw::Amount::fromMicros(400'000'000LL - round);
            snapshot.unit = QStringLiteral("CNY");
            (void)snapshots.insert(snapshot);
        }
        ++round;
        state.ResumeTiming();
        if (!scrape(state, metrics, bench.owner, now, bytes))
            break;
    }
    state.counters["bytes"] = double(bytes);
}
BENCHMARK(BM_Scrape1000Keys)->Unit(benchmark::kMillisecond)->UseRealTime();

// The first scrape after a start: every key's week of balances read (336,000 points).
static void BM_FirstScrape1000Keys(benchmark::State &state)
{
    ScrapeDatabase &bench = database();
    if (!bench.ok) {
        state.SkipWithError("seeding failed");
        return;
    }
    qsizetype bytes = 0;
    for (auto _ : state) {
        qw::KeyMetrics metrics(*bench.db);
        if (!scrape(state, metrics, bench.owner, kNow, bytes))
            break;
    }
    state.counters["bytes"] = double(bytes);
}
BENCHMARK(BM_FirstScrape1000Keys)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

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
