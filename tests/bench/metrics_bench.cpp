// A /metrics scrape of 1,000 keys (target: under 50 ms) and of 10,000 keys (target: under
// 100 ms): the figures read by KeyMetrics (the latest check of each key, a week of balances for
// the forecasts) and the Prometheus text rendered from them — everything the handler does but
// the socket — on SQLite. 1,000 keys: each with a week of 30-minute checks (336,000 snapshots)
// and an older month behind it; 10,000 keys: each with a week of hourly checks and an older week
// behind it (3,360,000 snapshots; seeding them takes a minute or two).
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

struct ScrapeDatabase
{
    QTemporaryDir dir;
    std::unique_ptr<qw::Database> db;
    qint64 owner = 0;
    int keyCount = 0;
    bool ok = false;

    // `keyTotal` keys, each with `checksPerKey` checks `stepS` apart up to kNow.
    ScrapeDatabase(int keyTotal, int checksPerKey, qint64 stepS)
        : keyCount(keyTotal)
    {
        auto url = qw::DatabaseUrl::parse(dir.filePath(QStringLiteral("metrics.db")));
        db = std::move(*qw::Database::open(*url, QUuid::createUuid().toString()));
        owner = *qw::UserRepository(*db).ensureOwner();
        qw::ApiKeyRepository keys(*db);
        std::vector<qw::Snapshot> snapshots;
        ok = true;
        for (int i = 0; i < keyTotal; ++i) {
            qw::ApiKey key;
            key.userId = owner;
            key.name = QStringLiteral("key \"%1\"").arg(i);
            key.platform = QStringLiteral("deepseek");
            key.secretEnc = QByteArrayLiteral("token");
            key.secretHint = QStringLiteral("sk-…0000");
            const qint64 id = *keys.insert(key);
            for (int check = 0; check < checksPerKey; ++check) {
                qw::Snapshot snapshot;
                snapshot.keyId = id;
                snapshot.checkedAt = kNow.addSecs(-stepS * (checksPerKey - check));
                snapshot.kind = qw::ReadingKind::Balance;
                snapshot.remaining = qw::Amount::fromMicros(500'000'000LL - check * 10'000LL);
                snapshot.unit = QStringLiteral("CNY");
                snapshot.balances = {{*snapshot.remaining, QStringLiteral("CNY")}};
                snapshots.push_back(snapshot);
            }
            // Stored a hundred keys at a time: millions of snapshots at once would not fit.
            if ((i + 1) % 100 == 0 || i + 1 == keyTotal) {
                ok = ok && qw::SnapshotRepository(*db).insertMany(snapshots, 100'000).has_value();
                snapshots.clear();
            }
        }
    }
};

ScrapeDatabase &database()
{
    static ScrapeDatabase seeded(1000, 48 * 7 * 5, 1800); // five weeks of 30-minute checks
    return seeded;
}

ScrapeDatabase &largeDatabase()
{
    static ScrapeDatabase seeded(10'000, 24 * 7 * 2, 3600); // two weeks of hourly checks
    return seeded;
}

} // namespace

// One scrape's work with `metrics` kept between scrapes, as the controller keeps it.
static bool scrape(benchmark::State &state, qw::KeyMetrics &metrics, qint64 owner, const QDateTime &now,
                   qsizetype &bytes, int keyCount)
{
    static const QMap<QString, qint64> checks{{QStringLiteral("ok"), 12345},
                                              {QStringLiteral("auth_error"), 3}};
    auto keys = metrics.collect(owner, now);
    if (!keys || keys->size() != size_t(keyCount) || !keys->front().daysUntilEmpty) {
        state.SkipWithError("wrong figures");
        return false;
    }
    const QByteArray text =
        qw::rest::MetricsController::render(*keys, checks, qw::rest::ProcessMetrics::read());
    bytes = text.size();
    benchmark::DoNotOptimize(text.data());
    return true;
}

// The steady state Prometheus sees: a scrape every 15 s while the keys are checked every 30
// minutes, so about one key in 120 has a new check (and a forecast to recompute) per scrape.
static void steadyScrapes(benchmark::State &state, ScrapeDatabase &bench)
{
    if (!bench.ok) {
        state.SkipWithError("seeding failed");
        return;
    }
    const int keys = bench.keyCount;
    const int newPerScrape = std::max(1, keys / 120);
    qw::KeyMetrics metrics(*bench.db);
    qsizetype bytes = 0;
    QDateTime now = kNow;
    if (!scrape(state, metrics, bench.owner, now, bytes, keys)) // the first scrape reads every window
        return;
    qw::SnapshotRepository snapshots(*bench.db);
    qint64 round = 0;
    for (auto _ : state) {
        state.PauseTiming();
        now = now.addSecs(15);
        for (int i = 0; i < newPerScrape; ++i) {
            qw::Snapshot snapshot;
            snapshot.keyId = 1 + (round * newPerScrape + i) % keys;
            snapshot.checkedAt = now;
            snapshot.kind = qw::ReadingKind::Balance;
            snapshot.remaining = qw::Amount::fromMicros(400'000'000LL - round);
            snapshot.unit = QStringLiteral("CNY");
            (void)snapshots.insert(snapshot);
        }
        ++round;
        state.ResumeTiming();
        if (!scrape(state, metrics, bench.owner, now, bytes, keys))
            break;
    }
    state.counters["bytes"] = double(bytes);
}

// The first scrape after a start: every key's week of balances read.
static void firstScrapes(benchmark::State &state, ScrapeDatabase &bench)
{
    if (!bench.ok) {
        state.SkipWithError("seeding failed");
        return;
    }
    qsizetype bytes = 0;
    for (auto _ : state) {
        qw::KeyMetrics metrics(*bench.db);
        if (!scrape(state, metrics, bench.owner, kNow, bytes, bench.keyCount))
            break;
    }
    state.counters["bytes"] = double(bytes);
}

static void BM_Scrape1000Keys(benchmark::State &state)
{
    steadyScrapes(state, database());
}
BENCHMARK(BM_Scrape1000Keys)->Unit(benchmark::kMillisecond)->UseRealTime();

static void BM_FirstScrape1000Keys(benchmark::State &state)
{
    firstScrapes(state, database());
}
BENCHMARK(BM_FirstScrape1000Keys)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

static void BM_Scrape10000Keys(benchmark::State &state)
{
    steadyScrapes(state, largeDatabase());
}
BENCHMARK(BM_Scrape10000Keys)->Unit(benchmark::kMillisecond)->UseRealTime();

static void BM_FirstScrape10000Keys(benchmark::State &state)
{
    firstScrapes(state, largeDatabase());
}
BENCHMARK(BM_FirstScrape10000Keys)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

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
