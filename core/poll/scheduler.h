// Checks every enabled key on its own schedule. A QTimer wakes the scheduler at the next due
// time; tick() starts what is due, at most maxConcurrent at once, skipping hosts whose circuit
// breaker is open; when a check ends the key's next time is planned (regular interval, or a
// retry for a transient failure) and stored, so a restart keeps the schedule. Time comes from
// the injected Clock, so tests move it instead of waiting.
//
// Team mode (PostgreSQL with an instance name, see setInstance()): several instances share the
// keys. The database's next_check_at is the schedule they all follow; before a due key starts,
// the instance leases it (KeyLeaseRepository::claim, at most its free slots per tick), and after
// the check it stores the next time and gives the lease back in one statement. A due key another
// instance holds or has just checked is not checked here: its times are read back and it is
// planned for then. A lease outlasts the longest check, so the keys of an instance that died are
// taken over once its leases run out. On SQLite (one instance) none of this happens.
#pragma once

#include "core/model/apikey.h"
#include "core/model/snapshot.h"
#include "core/poll/checkplanner.h"
#include "core/poll/circuitbreaker.h"
#include "core/result.h"

#include <QObject>
#include <QTimer>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <vector>

namespace qw {

class CheckService;
class Clock;
class Database;

class Scheduler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Scheduler)

public:
    static constexpr int kDefaultMaxConcurrent = 8;

    Scheduler(Database &db, CheckService &checks, const Clock &clock, CheckPlanner &planner,
              QObject *parent = nullptr);
    // Writes the plans not written yet.
    ~Scheduler() override;

    // Plans every enabled key (one never checked is due at once; a stored future time is kept;
    // overdue keys spread over the first minute, or their own interval when shorter), stores the
    // plan and starts the timer.
    void start();
    // Takes no new work; idle() follows once nothing started here is in flight.
    void stop();
    void setPaused(bool paused);
    [[nodiscard]] bool isPaused() const { return m_paused; }
    // While the database is unreachable no check starts (its result could not be stored); a
    // check that ends unstored meanwhile is due again at once, without counting as a failure of
    // its host. Available again: the keys are read again and what is due starts.
    void setDatabaseAvailable(bool available);
    [[nodiscard]] bool isDatabaseAvailable() const { return !m_databaseDown; }
    void setMaxConcurrent(int maxConcurrent);
    // Team mode on PostgreSQL under this instance's name (InstanceIdentity); empty: off. Call
    // before start().
    void setInstance(const QString &instanceName);
    [[nodiscard]] const QString &instance() const { return m_instance; }
    // How long a lease lasts: longer than the longest check (twice the HTTP timeout).
    void setLeaseMs(qint64 leaseMs) { m_leaseMs = std::max<qint64>(leaseMs, 1000); }
    [[nodiscard]] qint64 leaseMs() const { return m_leaseMs; }
    [[nodiscard]] bool usesLeases() const;
    // Checks the key (or every enabled key) at the next tick, ahead of its schedule.
    void checkNow(qint64 keyId);
    // Also a run the front ends can follow (checkAllProgress()) and cancel: every enabled key
    // once, a key being checked right now counting with the check in flight. Called during a run,
    // it starts a new one.
    void checkAll();
    // The keys of the run not started yet go back to their schedule; the few in flight finish
    // and are stored whole (a check is one statement, written only once it ended). Then
    // checkAllEnded(true).
    void cancelCheckAll();
    [[nodiscard]] bool checkAllRunning() const { return m_allTotal > 0; }
    [[nodiscard]] int checkAllDone() const { return m_allTotal - int(m_allPending.size()); }
    [[nodiscard]] int checkAllTotal() const { return m_allTotal; }
    // Reads the keys again: new ones are planned as at start (so a key never checked runs at
    // once), removed or disabled ones dropped, changed intervals apply from their next check.
    // Call after editing keys.
    void reload();
    // Starts whatever is due now; the timer calls it, tests may too.
    void tick();

    [[nodiscard]] int inFlight() const { return m_inFlight; }
    // The shortest interval of the keys it schedules; nullopt without keys.
    [[nodiscard]] std::optional<int> shortestIntervalS() const;
    [[nodiscard]] QDateTime dueAt(qint64 keyId) const;
    // The earliest planned check of any key not running now; null when none is planned.
    [[nodiscard]] QDateTime nextDue() const;
    // `host`: a base URL's host, or the platform id for keys on their platform's default address.
    [[nodiscard]] CircuitBreaker::State breakerState(const QString &host) const;

signals:
    void idle();
    // A host's circuit breaker opened (checks rest until `reopensAt`) or closed again.
    void breakerChanged(const QString &host, qw::CircuitBreaker::State state, const QDateTime &reopensAt);
    // Team mode: keys could not be claimed because the database failed (see DatabaseHealth).
    void databaseFailed(const qw::Error &error);
    // The run of checkAll() moved on: `done` of its `total` keys were checked, or skipped (their
    // host resting, removed, or held by another instance in team mode).
    void checkAllProgress(int done, int total);
    // The run ended: every key done, or cancelled.
    void checkAllEnded(bool cancelled);
    // nextDue() changed: a check was planned, started or ended, or the keys were read again.
    void nextDueChanged(const QDateTime &next);

private:
    struct Entry
    {
        ApiKey key;
        QString host;
        QDateTime due;
        int transientFailures = 0;
        bool running = false;
        bool forced = false;
        // Where it stands in m_queue (see QueueKey); nullopt while running or not yet queued.
        std::optional<std::tuple<int, qint64, qint64>> queued;
    };
    // The order checks start in: forced ones first, then by due time, then by id. Only entries
    // not running are queued, so a tick reads the few it starts instead of scanning (and sorting)
    // every key on each completion, which was quadratic in the keys (10,000: 2x the ideal time).
    using QueueKey = std::tuple<int, qint64, qint64>;
    // Call after changing an entry's due, forced or running: moves it to its place in m_queue.
    void requeue(Entry &entry);
    void rebuildQueue();

    void onCheckFinished(qint64 keyId, const Snapshot &snapshot, bool stored);
    void plan(Entry &entry, const QDateTime &due);
    // Writes the next check times plan() left in m_unwrittenPlans, in one transaction: a commit
    // of its own per check was most of what the Scheduler cost a round of 10,000 keys. While the
    // CheckService tells a stored batch, they wait for its concluded().
    void writePlans();
    void writePlansUnlessConcluding();
    // Team mode: leases what it can of `due` (in order) for the free slots; what another instance
    // holds or has already checked is planned by the database's times instead. The ones to start.
    [[nodiscard]] std::vector<Entry *> claim(const std::vector<Entry *> &due, int freeSlots,
                                             const QDateTime &now);
    void arm();
    void loadKeys(bool startup);
    // The key is done for the run of checkAll(), if it was part of it.
    void settleForCheckAll(qint64 keyId);
    void reportCheckAll();

    Database &m_db;
    CheckService &m_checks;
    const Clock &m_clock;
    CheckPlanner &m_planner;
    CircuitBreaker m_breaker;
    QTimer m_timer;
    std::map<qint64, Entry> m_entries;
    std::map<QueueKey, Entry *> m_queue;
    std::map<qint64, QDateTime> m_unwrittenPlans; // key id -> next check time, see writePlans()
    int m_maxConcurrent = kDefaultMaxConcurrent;
    QString m_instance;
    qint64 m_leaseMs = 40'000;
    int m_inFlight = 0;
    // The run of checkAll(): its keys not done yet, and how many it had (0: no run).
    std::set<qint64> m_allPending;
    int m_allTotal = 0;
    QDateTime m_lastNextDue; // as last told through nextDueChanged()
    bool m_paused = false;
    bool m_databaseDown = false;
    bool m_stopped = true;
};

} // namespace qw
