// Checks every enabled key on its own schedule. A QTimer wakes the scheduler at the next due
// time; tick() starts what is due, at most maxConcurrent at once, skipping hosts whose circuit
// breaker is open; when a check ends the key's next time is planned (regular interval, or a
// retry for a transient failure) and stored, so a restart keeps the schedule. Time comes from
// the injected Clock, so tests move it instead of waiting.
#pragma once

#include "core/model/apikey.h"
#include "core/model/snapshot.h"
#include "core/poll/checkplanner.h"
#include "core/poll/circuitbreaker.h"

#include <QObject>
#include <QTimer>
#include <map>
#include <optional>

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
    // Checks the key (or every enabled key) at the next tick, ahead of its schedule.
    void checkNow(qint64 keyId);
    void checkAll();
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

private:
    struct Entry
    {
        ApiKey key;
        QString host;
        QDateTime due;
        int transientFailures = 0;
        bool running = false;
        bool forced = false;
    };

    void onCheckFinished(qint64 keyId, const Snapshot &snapshot, bool stored);
    void plan(Entry &entry, const QDateTime &due);
    void arm();
    void loadKeys(bool startup);

    Database &m_db;
    CheckService &m_checks;
    const Clock &m_clock;
    CheckPlanner &m_planner;
    CircuitBreaker m_breaker;
    QTimer m_timer;
    std::map<qint64, Entry> m_entries;
    int m_maxConcurrent = kDefaultMaxConcurrent;
    int m_inFlight = 0;
    bool m_paused = false;
    bool m_databaseDown = false;
    bool m_stopped = true;
};

} // namespace qw
