// Whether the database can be written, for the engine: when an operation fails and either the
// database says it cannot take writes now (a full disk, out of memory or connections, a SQLite
// file another process keeps locked) or a ping finds it unreachable (PostgreSQL down), it says
// so once, with the time the outage began, retries with backoff (1 s doubling to 60 s) and says
// once more when the database is back. The engine pauses checks in between, so that no check
// runs whose result could not be stored.
//
// "Back" means a ping answers for an unreachable database, and a write succeeding for one that
// answered all along but refused writes: a full disk answers `SELECT 1` as before, so only a
// stored check proves there is room again. Until then checks may run (one of them has to try),
// and a write that fails again continues the same outage, with the same start and the next
// backoff step, instead of announcing a new one every second.
#pragma once

#include "core/result.h"

#include <QDateTime>
#include <QObject>
#include <QTimer>
#include <algorithm>

namespace qw {

class Clock;
class Database;

class DatabaseHealth final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DatabaseHealth)

public:
    static constexpr int kFirstRetryMs = 1000;
    static constexpr int kMaxRetryMs = 60'000;

    DatabaseHealth(Database &db, const Clock &clock, QObject *parent = nullptr);

    // False from the start of an outage until it is announced over.
    [[nodiscard]] bool isAvailable() const { return !m_downSince.isValid(); }
    // When the current outage began; null while the database is available.
    [[nodiscard]] QDateTime unavailableSince() const { return m_downSince; }
    // The wait before the next retry while unavailable.
    [[nodiscard]] int retryDelayMs() const { return m_retryMs; }
    // The longest wait between retries: kMaxRetryMs, or less, so that checks on a short interval
    // resume within one interval of the database's return.
    void setMaxRetryMs(int ms) { m_maxRetryMs = std::clamp(ms, kFirstRetryMs, kMaxRetryMs); }

    // A database operation failed. A refusal to write (ErrorCode::DatabaseUnavailable) is an
    // outage; any other failure pings the database at once, and a failed statement on a working
    // database changes nothing.
    void reportFailure(const qw::Error &error);
    // A write succeeded: ends an outage that only a write could end.
    void reportWrite();
    // Pings now (the retry timer calls it too); true when checks may run again.
    bool retryNow();
    // No more retries (the engine stopped).
    void stop();

signals:
    // Once per outage, when it begins. `reason` is the driver's message (never a bound value).
    void unavailable(const QDateTime &since, const QString &reason);
    // Once per outage, when it is over.
    void available(const QDateTime &since, const QDateTime &until);
    // Whether checks may run changed: false while the database is known not to take writes; true
    // again once a write may succeed (which, for a full disk, only a write can tell).
    void writableChanged(bool writable);

private:
    enum class State
    {
        Available,
        Down,       // known not to take writes: retrying with backoff
        WriteTrial, // answers again after refusing writes: the next write decides
    };

    void goDown(const QString &reason);
    void scheduleRetry();

    Database &m_db;
    const Clock &m_clock;
    QTimer m_retry;
    State m_state = State::Available;
    QDateTime m_downSince;
    bool m_refusedWrites = false; // the outage began with the database refusing a write
    int m_retryMs = kFirstRetryMs;
    int m_maxRetryMs = kMaxRetryMs;
    bool m_pinging = false;
};

} // namespace qw
