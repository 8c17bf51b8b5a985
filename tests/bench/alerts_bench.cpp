// The Alerts window's model reading the newest alerts with their deliveries again (what every
// alert, every finished delivery and the 30 s tick cost the desktop), over SQLite: N alerts, each
// to two channels, one delivered and one failing. Target: well under a frame budget of 16 ms for
// 500 alerts, so a burst of deliveries never stutters the window.
//   ./build/tests/bench/qw_alerts_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include "core/clock.h"
#include "core/crypto/fernet.h"
#include "core/session/session.h"
#include "core/storage/alertrepository.h"
#include "core/storage/apikeyrepository.h"
#include "core/storage/channelrepository.h"
#include "core/storage/database.h"
#include "core/storage/outboxrepository.h"
#include "core/storage/userrepository.h"
#include "ui/alerts/alerttablemodel.h"

#include <QCoreApplication>
#include <QTemporaryDir>
#include <QUuid>
#include <benchmark/benchmark.h>

static void BM_AlertsReload(benchmark::State &state)
{
    const auto alerts = int(state.range(0));
    QTemporaryDir dir;
    auto url = qw::DatabaseUrl::parse(dir.filePath(QStringLiteral("bench.db")));
    auto db = url ? qw::Database::open(*url, QUuid::createUuid().toString())
                  : qw::Result<std::unique_ptr<qw::Database>>(tl::unexpected(url.error()));
    auto fernet = qw::Fernet::fromKey(qw::Fernet::generateKey().view());
    if (!db || !fernet) {
        state.SkipWithError("could not open the database");
        return;
    }
    const qw::SystemClock clock;
    qw::Session session(std::move(*db), qw::Vault(std::move(*fernet)), clock);
    qw::Database &database = session.database();
    const qint64 owner = *qw::UserRepository(database).ensureOwner();
    qw::ApiKey key;
    key.userId = owner;
    key.name = QStringLiteral("bench");
    key.platform = QStringLiteral("openrouter");
    key.secretEnc = QByteArrayLiteral("token");
    key.secretHint = QStringLiteral("sk-…0000");
    const qint64 keyId = *qw::ApiKeyRepository(database).insert(key);
    std::vector<qint64> channels;
    for (int i = 0; i < 2; ++i) {
        qw::Channel channel;
        channel.userId = owner;
        channel.kind = qw::ChannelKind::Webhook;
        channel.name = QStringLiteral("channel %1").arg(i);
        channel.secretsEnc = QByteArrayLiteral("gAAAAAB-channel");
        channels.push_back(*qw::ChannelRepository(database).insert(channel));
    }
    qw::OutboxRepository outbox(database);
    const QDateTime start = clock.nowUtc().addDays(-30);
    for (int i = 0; i < alerts; ++i) {
        qw::Alert alert;
        alert.keyId = keyId;
        alert.createdAt = start.addSecs(i * 60);
        alert.title = QStringLiteral("Low balance: bench");
        alert.message = QStringLiteral("bench has 3.20 USD left, under the threshold of 5.00 USD.");
        const qint64 alertId = *qw::AlertRepository(database).insert(alert);
        (void)outbox.enqueue(alertId, channels, alert.createdAt);
        auto rows = outbox.forAlert(alertId);
        (void)outbox.claim(rows->at(0).id, QStringLiteral("bench"), alert.createdAt,
                           alert.createdAt.addSecs(60));
        (void)outbox.markSent(rows->at(0).id, alert.createdAt);
        (void)outbox.claim(rows->at(1).id, QStringLiteral("bench"), alert.createdAt,
                           alert.createdAt.addSecs(60));
        (void)outbox.markFailed(rows->at(1).id, QStringLiteral("bench"), QStringLiteral("HTTP 503"),
                                QDateTime());
    }
    qw::ui::AlertTableModel model(session);
    for (auto _ : state) {
        auto loaded = model.reload();
        if (!loaded) {
            state.SkipWithError("reload failed");
            return;
        }
        benchmark::DoNotOptimize(model.rowCount());
    }
    state.counters["failing"] = model.failingCount();
}
BENCHMARK(BM_AlertsReload)->Arg(100)->Arg(500)->Unit(benchmark::kMillisecond);

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
