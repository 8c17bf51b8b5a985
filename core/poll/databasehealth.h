// Whether the database can be written, for the engine: when an operation fails and a ping
// confirms the database is unreachable (PostgreSQL down, a full disk, a SQLite file another
// process keeps locked), it says so once, with the time the outage began, retries with backoff
// (1 s doubling to 60 s) and says once more when the database is back. The engine pauses checks
// in between, so that no check runs whose result could not be stored.
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

    [[nodiscard]] bool isAvailable() const { return !m_downSince.isValid(); }
    // When the current outage began; null while the database is available.
    [[nodiscard]] QDateTime unavailableSince() const { return m_downSince; }
    // The wait before the next retry while unavailable.
    [[nodiscard]] int retryDelayMs() const { return m_retryMs; }
    // The longest wait between retries: kMaxRetryMs, or less, so that checks on a short interval
    // resume within one interval of the database's return.
    void setMaxRetryMs(int ms) { m_maxRetryMs = std::clamp(ms, kFirstRetryMs, kMaxRetryMs); }

    // A database operation failed: pings the database at once. A failed statement on a working
    // database is not an outage and changes nothing; otherwise unavailable() goes out.
    void reportFailure(const QString &message);
    // Pings now (the retry timer calls it too); true when the database can be written.
    bool retryNow();
    // No more retries (the engine stopped).
    void stop();

signals:
    // Once per outage, when it begins. `reason` is the driver's message (never a bound value).
    void unavailable(const QDateTime &since, const QString &reason);
    // Once per outage, when a ping succeeds again.
    void available(const QDateTime &since, const QDateTime &until);

private:
    Database &m_db;
    const Clock &m_clock;
    QTimer m_retry;
    QDateTime m_downSince;
    int m_retryMs = kFirstRetryMs;
    int m_maxRetryMs = kMaxRetryMs;
    bool m_pinging = false;
};

} // namespace qw
