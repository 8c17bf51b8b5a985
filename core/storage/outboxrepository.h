// The persistent outbox: one row per alert and channel, the unit of at-least-once delivery.
// A sender claims a row with a lease before sending, so two processes on one database never
// send the same row at once, and a process that died mid-send hands the row on when its lease
// runs out. A row marked sent is never sent again.
#pragma once

#include "core/model/outboxentry.h"
#include "core/result.h"

#include <QDateTime>
#include <QString>
#include <optional>
#include <set>
#include <vector>

namespace qw {

class Database;

class OutboxRepository final
{
public:
    explicit OutboxRepository(Database &db)
        : m_db(db)
    {}

    // One pending row per channel, due at `now`. Call inside the transaction that stores the alert.
    [[nodiscard]] Result<void> enqueue(qint64 alertId, const std::vector<qint64> &channelIds,
                                       const QDateTime &now);
    // Rows ready to send at `now`: pending and due, or claimed with an expired lease. Oldest first.
    [[nodiscard]] Result<std::vector<OutboxEntry>> due(const QDateTime &now, int limit);
    // When the next row becomes ready (a pending row's time or a lease's end), if any.
    [[nodiscard]] Result<std::optional<QDateTime>> nextReadyAt();
    // Takes the row for one attempt until `leaseUntil` for `owner` (one id per sender); false
    // when another sender has it or it is no longer ready. Counts the attempt.
    [[nodiscard]] Result<bool> claim(qint64 id, const QString &owner, const QDateTime &now,
                                     const QDateTime &leaseUntil);
    // Takes up to `limit` rows ready at `now` (oldest first), each for one attempt until
    // `leaseUntil` for `owner`, leaving out the rows in `skip` (what this sender holds or sent
    // already); the rows as claimed, attempts counted. PostgreSQL: one statement that passes over
    // rows another instance is claiming at this moment (FOR UPDATE SKIP LOCKED) instead of
    // waiting for them, as keys are claimed; each row goes to exactly one sender. SQLite (one
    // writer at a time): claim() for each ready row.
    [[nodiscard]] Result<std::vector<OutboxEntry>> claimDue(const QDateTime &now, const QString &owner,
                                                            const QDateTime &leaseUntil, int limit,
                                                            const std::set<qint64> &skip = {});
    // Sent, by whoever: a row that went out is never sent again, even if its lease had passed
    // to another sender in the meantime.
    [[nodiscard]] Result<void> markSent(qint64 id, const QDateTime &at);
    // A failed attempt: pending again at `retryAt`, or Failed for good when retryAt is null.
    // Only while `owner` still holds the row, so a late verdict never undoes another's claim.
    [[nodiscard]] Result<void> markFailed(qint64 id, const QString &owner, const QString &error,
                                          const QDateTime &retryAt);
    // Gives a row `owner` holds back without a verdict (shutting down mid-send), ready at once.
    [[nodiscard]] Result<void> release(qint64 id, const QString &owner, const QDateTime &now);
    // Who holds claimed rows now (distinct lease owners of rows being sent).
    [[nodiscard]] Result<std::vector<QString>> claimOwners();
    // Gives back every row `owner` holds, due at `now`: its process is gone, so the lease would
    // only delay the delivery. The attempt it was in counts (it may have been sent).
    [[nodiscard]] Result<void> releaseAllOf(const QString &owner, const QDateTime &now);

    // Every pending row becomes due at `now`: a (re)start tries again at once what was waiting
    // for its backoff, since the reason it failed (network, a server down) may be gone.
    [[nodiscard]] Result<void> retryPendingNow(const QDateTime &now);
    // The user's "Retry now": row `id`, pending or given up (Failed), becomes due at `now`. A row
    // given up gets one more attempt (attempts set to `lastAttempt` - 1, so failing again gives
    // it up again); a pending one keeps its count and backoff. False when the row is sent, being
    // sent, or gone.
    [[nodiscard]] Result<bool> retryNow(qint64 id, const QDateTime &now, int lastAttempt);
    // Rows whose delivery is failing: given up, or waiting to retry after a failed attempt.
    [[nodiscard]] Result<int> failingCount();
    [[nodiscard]] Result<std::optional<OutboxEntry>> find(qint64 id);
    [[nodiscard]] Result<std::vector<OutboxEntry>> forAlert(qint64 alertId);
    // The rows of every alert in `alertIds`, by alert id then id: one query per few hundred alerts
    // instead of one per alert (a list of alerts with their deliveries).
    [[nodiscard]] Result<std::vector<OutboxEntry>> forAlerts(const std::vector<qint64> &alertIds);
    [[nodiscard]] Result<std::vector<OutboxEntry>> all();

private:
    [[nodiscard]] Result<std::vector<OutboxEntry>> select(const QString &where, const QVariantList &values);

    Database &m_db;
};

} // namespace qw
