#include "core/engine.h"

#include "core/storage/alertrepository.h"
#include "core/storage/apikeyrepository.h"

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
    , m_db(db)
    , m_http(limits)
    , m_runner(platforms, m_http, clock)
    , m_checks(db, vault, m_runner)
    , m_alerts(db, platforms)
    , m_scheduler(db, m_checks, clock, m_planner)
    , m_sender(vault, m_http)
    , m_outbox(db, m_sender, clock)
    , m_changes(db)
    , m_health(db, clock)
    , m_retention(db, clock)
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
        // A rotation elsewhere replaces the vault check: noticed now, not at the next check.
        (void)m_checks.masterKeyWasReplaced();
    });
    connect(&m_changes, &DatabaseChangeFeed::checkStored, &m_checks, &CheckService::reportStoredElsewhere);
    connect(&m_changes, &DatabaseChangeFeed::alertRaised, this, &Engine::announceAlertsOf);
    connect(&m_alerts, &AlertEngine::alertRaised, this,
            [this](const AlertNotice &notice) { noteAnnounced(notice.alert.id); });

    // A database that goes away is not a provider failure: checks pause until it answers again,
    // then what was due runs and what the outbox holds goes out.
    connect(&m_checks, &CheckService::databaseFailed, &m_health, &DatabaseHealth::reportFailure);
    connect(&m_outbox, &OutboxDispatcher::databaseFailed, &m_health, &DatabaseHealth::reportFailure);
    // A stored check is the write that proves a full disk has room again.
    connect(&m_checks, &CheckService::checkFinished, &m_health,
            [this](qint64, const Snapshot &, bool stored) {
                if (stored)
                    m_health.reportWrite();
            });
    connect(&m_scheduler, &Scheduler::databaseFailed, &m_health, &DatabaseHealth::reportFailure);
    connect(&m_health, &DatabaseHealth::unavailable, this, [this] {
        if (const auto shortest = m_scheduler.shortestIntervalS())
            m_health.setMaxRetryMs(
                int(std::min<qint64>(qint64(*shortest) * 1000, DatabaseHealth::kMaxRetryMs)));
    });
    connect(&m_health, &DatabaseHealth::writableChanged, this, [this](bool writable) {
        m_scheduler.setDatabaseAvailable(writable);
        if (writable)
            m_outbox.deliverDue();
    });
}

Engine::~Engine()
{
    m_retention.stop();
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
    if (m_alertsBaseline < 0) {
        if (auto newest = AlertRepository(m_db).recent(0, 1))
            m_alertsBaseline = newest->empty() ? 0 : newest->front().id;
    }
    if (auto loaded = m_alerts.reloadSettings(); !loaded) {
        m_changes.stop();
        return loaded;
    }
    m_scheduler.start();
    m_outbox.start();
    m_retention.start();
    return {};
}

void Engine::stop()
{
    m_retention.stop();
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

void Engine::noteAnnounced(qint64 alertId)
{
    m_alertsAnnounced.insert(alertId);
    // Ids from one sequence, committed in about the order they were taken: the oldest of a
    // thousand will not come again, and joins the baseline.
    while (m_alertsAnnounced.size() > 1000) {
        m_alertsBaseline = std::max(m_alertsBaseline, *m_alertsAnnounced.begin());
        m_alertsAnnounced.erase(m_alertsAnnounced.begin());
    }
}

void Engine::announceAlertsOf(qint64 keyId)
{
    // A handful at most: one check raises a few alerts, and the feed reports every burst.
    auto recent = AlertRepository(m_db).recent(keyId, 20);
    if (!recent)
        return; // the database is away: DatabaseHealth says so; the alerts stay in the log
    auto key = ApiKeyRepository(m_db).find(keyId);
    const QString name = key && *key ? (*key)->name : QString();
    const QString platform = key && *key ? (*key)->platform : QString();
    // Oldest first, as they were raised.
    for (auto it = recent->rbegin(); it != recent->rend(); ++it) {
        const qint64 id = it->id;
        if (id <= m_alertsBaseline || m_alertsAnnounced.contains(id))
            continue;
        noteAnnounced(id);
        emit alertRaisedElsewhere(AlertNotice{*it, name, platform});
    }
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
