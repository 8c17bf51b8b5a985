#include "core/engine.h"

#include <algorithm>

namespace qw {

namespace {

// A lease outlasts the longest check: one request's timeout, and as long again for a check that
// waited for its host's turn or for an adapter that asks twice.
qint64 leaseMsFor(const HttpClientLimits &limits)
{
    return 2 * qint64(limits.timeoutMs);
}

} // namespace

Engine::Engine(Database &db, const Vault &vault, const PlatformRegistry &platforms, const Clock &clock,
               const HttpClientLimits &limits, QObject *parent)
    : QObject(parent)
    , m_http(limits)
    , m_runner(platforms, m_http, clock)
    , m_checks(db, vault, m_runner)
    , m_alerts(db)
    , m_scheduler(db, m_checks, clock, m_planner)
    , m_sender(vault, m_http)
    , m_outbox(db, m_sender, clock)
    , m_changes(db)
    , m_health(db, clock)
{
    m_checks.setAlertEngine(&m_alerts);
    m_scheduler.setMaxConcurrent(limits.maxConcurrent);
    m_scheduler.setLeaseMs(leaseMsFor(limits));
    connect(&m_alerts, &AlertEngine::deliveriesQueued, &m_outbox, &OutboxDispatcher::deliverDue);
    connect(&m_scheduler, &Scheduler::idle, this, &Engine::stopped);
    connect(&m_changes, &DatabaseChangeFeed::keysChanged, this, [this] {
        m_scheduler.reload();
        emit keysChanged();
    });
    connect(&m_changes, &DatabaseChangeFeed::settingsChanged, this, [this] {
        (void)m_alerts.reloadSettings(); // a failed read keeps the settings in use
    });
    connect(&m_changes, &DatabaseChangeFeed::checkStored, &m_checks, &CheckService::reportStoredElsewhere);

    // A database that goes away is not a provider failure: checks pause until it answers again,
    // then what was due runs and what the outbox holds goes out.
    connect(&m_checks, &CheckService::databaseFailed, &m_health, &DatabaseHealth::reportFailure);
    connect(&m_outbox, &OutboxDispatcher::databaseFailed, &m_health, &DatabaseHealth::reportFailure);
    connect(&m_scheduler, &Scheduler::databaseFailed, &m_health, &DatabaseHealth::reportFailure);
    connect(&m_health, &DatabaseHealth::unavailable, this, [this] {
        m_scheduler.setDatabaseAvailable(false);
        if (const auto shortest = m_scheduler.shortestIntervalS())
            m_health.setMaxRetryMs(
                int(std::min<qint64>(qint64(*shortest) * 1000, DatabaseHealth::kMaxRetryMs)));
    });
    connect(&m_health, &DatabaseHealth::available, this, [this] {
        m_scheduler.setDatabaseAvailable(true);
        m_outbox.deliverDue();
    });
}

Engine::~Engine()
{
    m_health.stop();
    m_changes.stop();
    m_outbox.stop();
    m_scheduler.stop();
    m_http.abortAll();
}

Result<void> Engine::start()
{
    // What is stored from here on is news: the feed's baseline comes before the first read.
    m_changes.start();
    if (auto loaded = m_alerts.reloadSettings(); !loaded) {
        m_changes.stop();
        return loaded;
    }
    m_scheduler.start();
    m_outbox.start();
    return {};
}

void Engine::stop()
{
    m_health.stop();
    m_changes.stop();
    m_outbox.stop();
    m_scheduler.stop();
}

void Engine::abort()
{
    m_http.abortAll();
}

void Engine::reload()
{
    m_changes.acknowledge(); // what is read now is no news when the feed next looks
    m_scheduler.reload();
    (void)m_alerts.reloadSettings(); // a failed read keeps the settings in use
}

void Engine::setInstance(const QString &instanceName)
{
    m_scheduler.setInstance(instanceName);
}

void Engine::setLimits(const HttpClientLimits &limits)
{
    m_http.setLimits(limits);
    m_scheduler.setMaxConcurrent(limits.maxConcurrent);
    m_scheduler.setLeaseMs(leaseMsFor(limits));
}

} // namespace qw
