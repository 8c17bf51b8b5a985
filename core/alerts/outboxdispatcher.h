// Delivers the outbox: every row that is due is claimed with a lease, sent through its channel,
// and marked sent (never sent again) or scheduled for another attempt with backoff (the first
// retry within 10 s, then longer, giving up after about a day). Rows live in the database, so
// what was not delivered before a restart or a crash is delivered after it; a row claimed by a
// process that died is taken over when its lease runs out.
#pragma once

#include "core/model/outboxentry.h"
#include "core/result.h"

#include <QDateTime>
#include <QObject>
#include <QString>
#include <QTimer>
#include <map>
#include <random>
#include <set>

namespace qw {

class Clock;
class Database;
class NotificationSender;

class OutboxDispatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutboxDispatcher)

public:
    // Attempts before a row is given up: the backoff between them adds up to just over a day.
    static constexpr int kMaxAttempts = 32;
    // How long a claimed row stays with this process before another may take it over.
    static constexpr qint64 kLeaseMs = 2LL * 60 * 1000;
    // Rows written by other processes (the CLI, another desktop) are looked for this often.
    static constexpr int kPollMs = 30'000;

    OutboxDispatcher(Database &db, NotificationSender &sender, const Clock &clock, QObject *parent = nullptr);
    ~OutboxDispatcher() override;

    // Tries every pending row at once (see OutboxRepository::retryPendingNow), then keeps going.
    void start();
    // Takes no new rows; rows in flight are given back (pending at once) so that the next
    // start, or another process, sends them without waiting for the lease.
    void stop();
    // Sends what is due now; called when the alert engine queued something.
    void deliverDue();

    [[nodiscard]] int inFlight() const { return int(m_inFlight.size()); }
    // The delay before attempt `attempt + 1` after `attempt` failed (1-based), without jitter.
    [[nodiscard]] static qint64 backoffMs(int attempt);

signals:
    void delivered(qint64 outboxId);
    void attemptFailed(qint64 outboxId, const QString &error, bool willRetry);
    // Nothing in flight and nothing due right now.
    void idle();
    // The outbox could not be read or written (also reported as attemptFailed() with id 0).
    void databaseFailed(const qw::Error &error);

private:
    // `entry` is claimed by this dispatcher (OutboxRepository::claimDue) at `now`.
    void sendOne(const OutboxEntry &entry, const QDateTime &now);
    void finish(qint64 outboxId, const Result<void> &result, int attempts);
    void arm();
    void reportDatabaseError(const Error &error);
    // Stores the marks of m_sentUnmarked; false while the database still refuses them.
    bool markSentRows();

    Database &m_db;
    NotificationSender &m_sender;
    const Clock &m_clock;
    QTimer m_timer;
    // Row id -> the attempt it is in flight for: a reply from an attempt that stop() gave back
    // must not decide a later attempt on the same row (stop() then start() mid-send).
    std::map<qint64, quint64> m_inFlight;
    // Rows sent whose "sent" mark could not be stored (the database was unreachable): marked as
    // soon as it answers again, and never sent a second time meanwhile.
    std::set<qint64> m_sentUnmarked;
    quint64 m_lastAttempt = 0;
    std::mt19937 m_random{std::random_device{}()};
    const QString m_owner; // this dispatcher's lease owner id
    bool m_running = false;
};

} // namespace qw
