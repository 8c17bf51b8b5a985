// One full round of the Scheduler over every key of a database, as `quotawatch serve` runs it
// (the same Engine: CheckService, AlertEngine, outbox, per-host caps), started at once with
// checkAll(). Prints the
// round's wall time and CPU time; tests/bench/check_bench.sh (MODE=schedule) runs it under
// /usr/bin/time -v for the peak memory. The master key comes from QUOTAWATCH_MASTER_KEY.
#include "adapters/platformregistry.h"
#include "core/clock.h"
#include "core/engine.h"
#include "core/secrets/keychainmasterkeystore.h"
#include "core/secrets/unlockeddatabase.h"
#include "core/storage/apikeyrepository.h"
#include "core/storage/database.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <cstdio>
#include <sys/resource.h>

namespace {

double cpuMs()
{
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    auto ms = [](const timeval &time) {
        return double(time.tv_sec) * 1000.0 + double(time.tv_usec) / 1000.0;
    };
    return ms(usage.ru_utime) + ms(usage.ru_stime);
}

int failWith(const QString &message)
{
    std::fprintf(stderr, "qw_schedule_bench: %s\n", qPrintable(message));
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    using namespace qw;
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption dbOption(QStringLiteral("db"), QStringLiteral("Database URL."),
                                      QStringLiteral("url"));
    const QCommandLineOption concurrency(QStringLiteral("concurrency"), QStringLiteral("Checks at once."),
                                         QStringLiteral("n"), QStringLiteral("32"));
    const QCommandLineOption perHost(QStringLiteral("per-host"), QStringLiteral("Per host."),
                                     QStringLiteral("n"), QStringLiteral("32"));
    parser.addOptions({dbOption, concurrency, perHost});
    parser.process(app);

    auto url = DatabaseUrl::parse(parser.value(dbOption));
    if (!url)
        return failWith(url.error().message);
    KeychainMasterKeyStore keychain;
    auto unlocked = UnlockedDatabase::open(*url, QStringLiteral("bench"), keychain);
    if (!unlocked)
        return failWith(unlocked.error().message);
    auto db = std::move(unlocked->db);
    const Vault &vault = unlocked->vault;
    const qint64 keys = ApiKeyRepository(*db).count().value_or(0);

    HttpClientLimits limits;
    limits.maxConcurrent = parser.value(concurrency).toInt();
    limits.maxPerHost = parser.value(perHost).toInt();
    SystemClock clock;
    const PlatformRegistry platforms = PlatformRegistry::builtin();
    Engine engine(*db, vault, platforms, clock, limits);
    CheckService &checks = engine.checks();
    Scheduler &scheduler = engine.scheduler();
    if (auto started = engine.start(); !started)
        return failWith(started.error().message);

    qint64 finished = 0;
    qint64 failed = 0;
    QElapsedTimer round;
    double cpuAtStart = 0;
    QObject::connect(&checks, &CheckService::checkFinished, &app,
                     [&](qint64, const Snapshot &snapshot, bool stored) {
                         failed += (snapshot.status != CheckStatus::Ok || !stored) ? 1 : 0;
                         if (++finished == keys)
                             app.quit();
                     });
    cpuAtStart = cpuMs();
    round.start();
    scheduler.checkAll();
    scheduler.tick();
    app.exec();
    const double roundMs = double(round.nsecsElapsed()) / 1e6;
    const double roundCpuMs = cpuMs() - cpuAtStart;
    engine.stop();
    std::printf("keys=%lld failed=%lld round_ms=%.1f round_cpu_ms=%.1f\n", static_cast<long long>(keys),
                static_cast<long long>(failed), roundMs, roundCpuMs);
    return failed == 0 ? 0 : 1;
}
