#include "app/cli/servecommand.h"

#include "app/cli/clicontext.h"
#include "app/cli/servelog.h"
#include "core/engine.h"
#include "core/session/instancelock.h"
#ifdef QW_WITH_REST
#include "core/rest/restapi.h"
#include "core/rest/restconfiguration.h"
#endif

#include <QCoreApplication>
#include <QEventLoop>
#include <QSocketNotifier>
#include <QTimer>
#include <csignal>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <unistd.h>
#endif

namespace qw::cli {

namespace {

// In-flight checks get this long to finish after a stop signal; then they are abandoned.
constexpr int kShutdownGraceMs = 5000;

#ifdef Q_OS_UNIX
// The self-pipe trick: a signal handler may only write a byte; the event loop reads it.
int g_signalPipe[2] = {-1, -1};

void onStopSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_signalPipe[1], &byte, 1);
}
#endif

} // namespace

ServeCommand::ServeCommand()
    : Command(QStringLiteral("serve"), QStringLiteral("Check every enabled key on its schedule until stopped "
                                                      "(Ctrl+C or SIGTERM)."))
{
    addOptions({m_noRest, m_listen, m_allowRemote, m_tlsCert, m_tlsKey, m_corsOrigin, m_tokenMinutes,
                m_metricsPublic, m_limits.concurrency, m_limits.perHost});
}

int ServeCommand::run(CliContext &context, const QCommandLineParser &parser)
{
    // Decided once, before the first line: start-up errors go to the journal with their priority too.
    const bool journal = ServeLog::stderrIsJournal();
    context.setJournalPriorities(journal);
    ConfigurationFlags flags;
    m_limits.readInto(parser, flags);
    flags.listen = parser.value(m_listen);
    flags.tlsCert = parser.value(m_tlsCert);
    flags.tlsKey = parser.value(m_tlsKey);
    flags.corsOrigins = parser.values(m_corsOrigin);
    flags.tokenMinutes = parser.value(m_tokenMinutes);
    flags.allowRemote = parser.isSet(m_allowRemote);
    flags.metricsPublic = parser.isSet(m_metricsPublic);
    const Configuration configuration = context.configuration(flags);
    if (auto limits = configuration.limits(); !limits)
        return context.usageError(name(), limits.error().message);
    const bool withRest = !parser.isSet(m_noRest);
#ifdef QW_WITH_REST
    rest::RestOptions restOptions;
    if (withRest) {
        auto options = rest::RestConfiguration::options(configuration);
        if (!options)
            return context.usageError(name(), options.error().message);
        restOptions = *options;
    }

#else
    if (withRest)
        return context.usageError(name(),
                                  QStringLiteral("this build has no REST API; run it with --no-rest"));
#endif

    // One process per SQLite file: a desktop or another `serve` there would check every key twice.
    // Taken before the session, so a refused start writes nothing.
    std::unique_ptr<InstanceLock> instanceLock;
    if (auto url = configuration.databaseUrl()) {
        auto acquired = InstanceLock::acquire(*url, InstanceLock::Kind::Serve);
        if (!acquired)
            return context.report(acquired.error());
        if (const auto *holder = std::get_if<InstanceLock::Holder>(&*acquired))
            return context.report(
                Error{ErrorCode::DatabaseUnavailable, InstanceLock::refusal(*url, *holder)});
        instanceLock = std::move(std::get<std::unique_ptr<InstanceLock>>(*acquired));
    }

    auto session = context.openSession(configuration);
    if (!session)
        return context.report(session.error());
    Engine &engine = (*session)->engine();
    CheckService &checks = engine.checks();
    AlertEngine &alerts = engine.alerts();
    OutboxDispatcher &outbox = engine.outbox();
    Scheduler &scheduler = engine.scheduler();
    using Priority = ServeLog::Priority;
    ServeLog log(context.err(), journal);

    // Set when another instance rotated the master key: serve stops and exits with code 3.
    bool keyReplaced = false;
    // One line per check on stderr, for the journal: never a secret, only what a user reads.
    QObject::connect(&checks, &CheckService::checkFinished, &checks,
                     [&log, &health = engine.databaseHealth(),
                      &keyReplaced](qint64 keyId, const Snapshot &snapshot, bool stored) {
                         if (!stored && (!health.isAvailable() || keyReplaced))
                             return; // not a result: the outage or key line says why
                         QString line =
                             QStringLiteral("key %1: %2").arg(keyId).arg(toString(snapshot.status));
                         if (snapshot.remaining)
                             line += u' ' + snapshot.remaining->toString() + u' ' + snapshot.unit;
                         if (!snapshot.error.isEmpty())
                             line += QStringLiteral(" — ") + snapshot.error;
                         // A key that fails or ran dry needs someone's attention; a good check is routine.
                         const bool routine = snapshot.status == CheckStatus::Ok && snapshot.error.isEmpty();
                         log.write(routine ? Priority::Info : Priority::Warning, line, snapshot.checkedAt);
                     });

    QObject::connect(&checks, &CheckService::alertsFailed, &checks,
                     [&log](qint64 keyId, const QString &message) {
                         log.write(Priority::Error,
                                   QStringLiteral("key %1: alerts not stored: %2").arg(keyId).arg(message));
                     });
    QObject::connect(&alerts, &AlertEngine::alertRaised, &alerts, [&log](const AlertNotice &notice) {
        log.write(Priority::Warning,
                  QStringLiteral("key %1: %2 — %3")
                      .arg(notice.alert.keyId)
                      .arg(toString(notice.alert.kind), notice.alert.message),
                  notice.alert.createdAt);
    });
    QObject::connect(&outbox, &OutboxDispatcher::delivered, &outbox, [&log](qint64 outboxId) {
        log.write(Priority::Info, QStringLiteral("delivery %1: sent").arg(outboxId));
    });
    DatabaseHealth &health = engine.databaseHealth();
    QObject::connect(
        &outbox, &OutboxDispatcher::attemptFailed, &outbox,
        [&log, &health](qint64 outboxId, const QString &error, bool willRetry) {
            // While the database is away, the outage line below says it once.
            if (outboxId == 0 && !health.isAvailable())
                return;
            log.write(willRetry ? Priority::Warning : Priority::Error,
                      QStringLiteral("delivery %1: %2").arg(outboxId).arg(error) +
                          (willRetry ? QStringLiteral(" (will retry)") : QStringLiteral(" (gave up)")));
        });
    // Once when the database goes away and once when it is back, not a line per failed check.
    const QString databaseName = (*session)->databaseDescription();
    QObject::connect(&health, &DatabaseHealth::unavailable, &health,
                     [&log, databaseName](const QDateTime &since, const QString &reason) {
                         log.write(Priority::Error,
                                   QStringLiteral("quotawatch: the database %1 is unreachable since %2 (%3); "
                                                  "checks are paused and resume on their own when it answers "
                                                  "again")
                                       .arg(databaseName, since.toString(Qt::ISODate), reason));
                     });
    QObject::connect(&health, &DatabaseHealth::available, &health,
                     [&log](const QDateTime &since, const QDateTime &until) {
                         log.write(Priority::Notice,
                                   QStringLiteral("quotawatch: the database is reachable again after %1 s "
                                                  "(unreachable since %2); checks resume")
                                       .arg(since.secsTo(until))
                                       .arg(since.toString(Qt::ISODate)));
                     });

    QObject::connect(&scheduler, &Scheduler::breakerChanged, &scheduler,
                     [&log](const QString &host, CircuitBreaker::State state, const QDateTime &reopensAt) {
                         if (state == CircuitBreaker::State::Open)
                             log.write(Priority::Warning,
                                       QStringLiteral("host %1: failing repeatedly; its keys rest until %2")
                                           .arg(host, reopensAt.toString(Qt::ISODate)));
                         else if (state == CircuitBreaker::State::Closed)
                             log.write(Priority::Notice, QStringLiteral("host %1: working again").arg(host));
                     });

    QEventLoop loop;
    bool stopping = false;
    auto shutDown = [&] {
        if (stopping)
            return;
        stopping = true;
        log.write(Priority::Info, QStringLiteral("quotawatch: stopping; letting checks in flight finish"));
        QObject::connect(&engine, &Engine::stopped, &loop, &QEventLoop::quit);
        QTimer::singleShot(kShutdownGraceMs, &loop, [&] {
            // Abandon what is left: nothing half-written, since a snapshot is stored in one
            // statement only after its check ended.
            engine.abort();
            loop.quit();
        });
        engine.stop(); // deliveries in flight go back to the outbox for the next start
    };

    QObject::connect(&checks, &CheckService::masterKeyReplaced, &loop,
                     [&log, &keyReplaced, &shutDown](const QString &message) {
                         keyReplaced = true;
                         log.write(Priority::Error, QStringLiteral("quotawatch: ") + message);
                         shutDown();
                     });

#ifdef Q_OS_UNIX
    if (::pipe(g_signalPipe) != 0)
        return context.report(Error{ErrorCode::Io, QStringLiteral("cannot set up signal handling")});
    ::fcntl(g_signalPipe[1], F_SETFL, O_NONBLOCK);
    QSocketNotifier signalNotifier(g_signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&signalNotifier, &QSocketNotifier::activated, &loop, [&] {
        char byte = 0;
        [[maybe_unused]] const auto got = ::read(g_signalPipe[0], &byte, 1);
        shutDown();
    });
    struct sigaction action
    {
    };
    action.sa_handler = onStopSignal;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
#endif

#ifdef QW_WITH_REST
    rest::RestApi api(**session);
    if (withRest) {
        QString warning;
        auto url = api.start(restOptions, &warning);
        if (!url) {
            if (url.error().code == ErrorCode::InvalidInput)
                return context.usageError(name(), url.error().message);
            return context.report(url.error());
        }
        if (!warning.isEmpty())
            log.write(Priority::Warning, QStringLiteral("quotawatch: warning: ") + warning);
        QObject::connect(&api, &rest::RestApi::requestHandled, &api,
                         [&log](const QByteArray &method, const QString &path, int status, qint64 ms) {
                             // Server errors are ours to look into; the rest is an access log.
                             log.write(status >= 500 ? Priority::Error : Priority::Info,
                                       QStringLiteral("http %1 %2 %3 %4 ms")
                                           .arg(QString::fromLatin1(method), path, QString::number(status),
                                                QString::number(ms)));
                         });
        // Only now: a script waiting for this line may connect at once.
        context.out() << "listening on " << url->toString() << Qt::endl;
    }

#endif

    if (auto started = engine.start(); !started)
        return context.report(started.error());
    const auto keys = (*session)->keys().list();
    const qsizetype keyCount = keys ? qsizetype(keys->size()) : 0;
    log.write(Priority::Info, QStringLiteral("quotawatch: watching %1 %2 in %3 (Ctrl+C to stop)")
                                  .arg(keyCount)
                                  .arg(keyCount == 1 ? QStringLiteral("key") : QStringLiteral("keys"),
                                       (*session)->databaseDescription()));
    // Team mode: who else shares the database, as far as their leases and recent checks tell.
    if (const TeamPresence team = (*session)->team(); team.isTeamMode()) {
        if (const auto others = team.otherInstances()) {
            const QString names = others->isEmpty() ? QString() : others->join(QStringLiteral(", "));
            log.write(Priority::Info,
                      QStringLiteral("quotawatch: team mode as %1: %2 %3 connected%4")
                          .arg((*session)->instance().name(), QString::number(others->size()),
                               others->size() == 1 ? QStringLiteral("other instance")
                                                   : QStringLiteral("other instances"),
                               names.isEmpty() ? QString() : QStringLiteral(" (") + names + u')'));
        }
    }
    loop.exec();
    log.write(Priority::Info, QStringLiteral("quotawatch: stopped"));
    return keyReplaced ? kExitMasterKey : kExitOk;
}

} // namespace qw::cli
