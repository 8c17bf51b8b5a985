// Everything that watches keys, wired once for both front ends (`quotawatch serve` and the
// desktop app): HTTP client, check runner and service, alert engine, scheduler, notification
// sender and outbox dispatcher, in DESIGN.md's data flow, and the feed of changes other processes
// make to the database, which keeps the schedule current without re-reading it on a timer. The
// front ends only connect to its parts' signals and call start(), stop() and reload().
#pragma once

#include "core/alerts/alertengine.h"
#include "core/alerts/notificationsender.h"
#include "core/alerts/outboxdispatcher.h"
#include "core/poll/checkplanner.h"
#include "core/poll/checkrunner.h"
#include "core/poll/checkservice.h"
#include "core/poll/databasehealth.h"
#include "core/poll/httpclient.h"
#include "core/poll/retentionrunner.h"
#include "core/poll/scheduler.h"
#include "core/result.h"
#include "core/storage/databasechangefeed.h"

#include <QObject>
#include <set>

namespace qw {

class Clock;
class Database;
class PlatformRegistry;
class Vault;

class Engine final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Engine)

public:
    Engine(Database &db, const Vault &vault, const PlatformRegistry &platforms, const Clock &clock,
           const HttpClientLimits &limits, QObject *parent = nullptr);
    ~Engine() override;

    // Reads the alert settings, then starts polling, delivering and watching the database for
    // changes made elsewhere.
    [[nodiscard]] Result<void> start();
    // Takes no new work; stopped() follows once no check is in flight (see Scheduler::idle).
    // Deliveries in flight go back to the outbox for the next start.
    void stop();
    // Abandons whatever is still in flight (after a grace period).
    void abort();
    // Keys and alert settings as stored now apply from now on. Call after editing them in this
    // process; what other processes change is picked up without it (keysChanged()).
    void reload();
    void setLimits(const HttpClientLimits &limits);
    // Team mode on PostgreSQL: keys are leased under this name (Scheduler::setInstance).
    void setInstance(const QString &instanceName);

    [[nodiscard]] HttpClient &http() { return m_http; }
    [[nodiscard]] CheckRunner &runner() { return m_runner; }
    [[nodiscard]] CheckService &checks() { return m_checks; }
    [[nodiscard]] AlertEngine &alerts() { return m_alerts; }
    [[nodiscard]] Scheduler &scheduler() { return m_scheduler; }
    [[nodiscard]] OutboxDispatcher &outbox() { return m_outbox; }
    [[nodiscard]] NotificationSender &sender() { return m_sender; }
    [[nodiscard]] DatabaseChangeFeed &changes() { return m_changes; }
    // Whether the database is reachable; checks pause while it is not (see DatabaseHealth).
    [[nodiscard]] DatabaseHealth &databaseHealth() { return m_health; }
    // Rolls old checks up in the background while the engine runs (RetentionService).
    [[nodiscard]] RetentionRunner &retention() { return m_retention; }

signals:
    void stopped();
    // Another process added, edited, paused or removed keys; the scheduler has re-read them.
    // Checks stored elsewhere come through CheckService::snapshotStored() like ours.
    void keysChanged();
    // Another instance on the database raised this alert (ours come through
    // AlertEngine::alertRaised): the desktop shows it as if raised here. Each alert once.
    void alertRaisedElsewhere(const qw::AlertNotice &notice);

private:
    // Reads the alerts of `keyId` that no signal of this engine has reported yet.
    void announceAlertsOf(qint64 keyId);
    void noteAnnounced(qint64 alertId);

    Database &m_db;
    HttpClient m_http;
    CheckRunner m_runner;
    CheckService m_checks;
    AlertEngine m_alerts;
    CheckPlanner m_planner;
    Scheduler m_scheduler;
    NotificationSender m_sender;
    OutboxDispatcher m_outbox;
    DatabaseChangeFeed m_changes;
    DatabaseHealth m_health;
    RetentionRunner m_retention;
    // Alerts up to this id existed before start() (or were reported long ago) and are no news;
    // above it, the ids reported.
    qint64 m_alertsBaseline = -1;
    std::set<qint64> m_alertsAnnounced;
};

} // namespace qw
