#include "core/storage/outboxrepository.h"

#include "core/storage/database.h"
#include "core/storage/sqlvalues.h"

#include <algorithm>
#include <array>

namespace qw {

namespace {

constexpr std::array kStatusNames{"pending", "sending", "sent", "failed"};

OutboxEntry::Status statusFromString(const QString &text)
{
    for (std::size_t i = 0; i < kStatusNames.size(); ++i) {
        if (text == QLatin1String(kStatusNames[i]))
            return OutboxEntry::Status(i);
    }
    return OutboxEntry::Status::Failed;
}

const QString kColumns = QStringLiteral(
    "id, alert_id, channel_id, status, attempts, next_attempt_at, lease_until, last_error, sent_at");

OutboxEntry fromRow(const QSqlQuery &query)
{
    OutboxEntry entry;
    entry.id = query.value(0).toLongLong();
    entry.alertId = query.value(1).toLongLong();
    entry.channelId = query.value(2).toLongLong();
    entry.status = statusFromString(query.value(3).toString());
    entry.attempts = query.value(4).toInt();
    entry.nextAttemptAt = sql::toTime(query.value(5));
    entry.leaseUntil = sql::toTime(query.value(6));
    entry.lastError = query.value(7).toString();
    entry.sentAt = sql::toTime(query.value(8));
    return entry;
}

Result<void> done(const Result<QSqlQuery> &query)
{
    if (!query)
        return tl::unexpected(query.error());
    return {};
}

} // namespace

QString toString(OutboxEntry::Status status)
{
    return QString::fromLatin1(kStatusNames[std::size_t(status)]);
}

Result<void> OutboxRepository::enqueue(qint64 alertId, const std::vector<qint64> &channelIds,
                                       const QDateTime &now)
{
    for (qint64 channelId : channelIds) {
        auto query = m_db.run(QStringLiteral("INSERT INTO outbox (alert_id, channel_id, status, attempts, "
                                             "next_attempt_at) VALUES (?, ?, 'pending', 0, ?)"),
                              {alertId, channelId, sql::fromTime(now)});
        if (!query)
            return tl::unexpected(query.error());
    }
    return {};
}

Result<std::vector<OutboxEntry>> OutboxRepository::select(const QString &where, const QVariantList &values)
{
    auto query =
        m_db.run(QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM outbox ") + where, values);
    if (!query)
        return tl::unexpected(query.error());
    std::vector<OutboxEntry> entries;
    while (query->next())
        entries.push_back(fromRow(*query));
    return entries;
}

Result<std::vector<OutboxEntry>> OutboxRepository::due(const QDateTime &now, int limit)
{
    const QVariant at = sql::fromTime(now);
    return select(
        QStringLiteral("WHERE (status = 'pending' AND next_attempt_at <= ?) OR "
                       "(status = 'sending' AND lease_until <= ?) ORDER BY next_attempt_at, id LIMIT ?"),
        {at, at, limit});
}

Result<std::optional<QDateTime>> OutboxRepository::nextReadyAt()
{
    auto query =
        m_db.run(QStringLiteral("SELECT MIN(CASE WHEN status = 'pending' THEN next_attempt_at "
                                "ELSE lease_until END) FROM outbox WHERE status IN ('pending', 'sending')"));
    if (!query)
        return tl::unexpected(query.error());
    if (!query->next() || query->value(0).isNull())
        return std::optional<QDateTime>();
    return std::optional<QDateTime>(sql::toTime(query->value(0)));
}

Result<bool> OutboxRepository::claim(qint64 id, const QString &owner, const QDateTime &now,
                                     const QDateTime &leaseUntil)
{
    // One statement decides between racing senders: only the one whose UPDATE matched owns it.
    const QVariant at = sql::fromTime(now);
    auto query =
        m_db.run(QStringLiteral("UPDATE outbox SET status = 'sending', lease_owner = ?, lease_until = ?, "
                                "attempts = attempts + 1 WHERE id = ? AND ((status = 'pending' AND "
                                "next_attempt_at <= ?) OR (status = 'sending' AND lease_until <= ?))"),
                 {owner, sql::fromTime(leaseUntil), id, at, at});
    if (!query)
        return tl::unexpected(query.error());
    return query->numRowsAffected() == 1;
}

Result<std::vector<OutboxEntry>> OutboxRepository::claimDue(const QDateTime &now, const QString &owner,
                                                            const QDateTime &leaseUntil, int limit,
                                                            const std::set<qint64> &skip)
{
    std::vector<OutboxEntry> claimed;
    if (limit <= 0)
        return claimed;
    const QVariant at = sql::fromTime(now);
    if (m_db.backend() == DatabaseUrl::Backend::Sqlite) {
        auto ready = due(now, limit + int(skip.size()));
        if (!ready)
            return tl::unexpected(ready.error());
        for (OutboxEntry &entry : *ready) {
            if (int(claimed.size()) >= limit)
                break;
            if (skip.contains(entry.id))
                continue;
            auto took = claim(entry.id, owner, now, leaseUntil);
            if (!took)
                return tl::unexpected(took.error());
            if (!*took)
                continue;
            entry.status = OutboxEntry::Status::Sending;
            entry.attempts += 1;
            entry.leaseUntil = leaseUntil;
            claimed.push_back(entry);
        }
        return claimed;
    }
    QVariantList values{owner, sql::fromTime(leaseUntil), at, at};
    QString leaveOut;
    for (qint64 id : skip) {
        leaveOut += leaveOut.isEmpty() ? QStringLiteral(" AND id NOT IN (?") : QStringLiteral(", ?");
        values << id;
    }
    if (!leaveOut.isEmpty())
        leaveOut += u')';
    values << limit;
    auto query = m_db.run(
        QStringLiteral("UPDATE outbox SET status = 'sending', lease_owner = ?, lease_until = ?, "
                       "attempts = attempts + 1 WHERE id IN (SELECT id FROM outbox WHERE "
                       "((status = 'pending' AND next_attempt_at <= ?) OR (status = 'sending' AND "
                       "lease_until <= ?))") +
            leaveOut +
            QStringLiteral(" ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING ") +
            kColumns,
        values);
    if (!query)
        return tl::unexpected(query.error());
    while (query->next())
        claimed.push_back(fromRow(*query));
    // RETURNING comes in no particular order; send the oldest first.
    std::sort(claimed.begin(), claimed.end(), [](const OutboxEntry &a, const OutboxEntry &b) {
        return a.nextAttemptAt != b.nextAttemptAt ? a.nextAttemptAt < b.nextAttemptAt : a.id < b.id;
    });
    return claimed;
}

Result<void> OutboxRepository::markSent(qint64 id, const QDateTime &at)
{
    return done(
        m_db.run(QStringLiteral("UPDATE outbox SET status = 'sent', sent_at = ?, lease_owner = NULL, "
                                "lease_until = NULL, last_error = NULL WHERE id = ? AND status <> 'sent'"),
                 {sql::fromTime(at), id}));
}

Result<void> OutboxRepository::markFailed(qint64 id, const QString &owner, const QString &error,
                                          const QDateTime &retryAt)
{
    if (!retryAt.isValid())
        return done(
            m_db.run(QStringLiteral("UPDATE outbox SET status = 'failed', lease_owner = NULL, lease_until = "
                                    "NULL, last_error = ? WHERE id = ? AND status = 'sending' AND "
                                    "lease_owner = ?"),
                     {error, id, owner}));
    return done(
        m_db.run(QStringLiteral("UPDATE outbox SET status = 'pending', lease_owner = NULL, lease_until = "
                                "NULL, last_error = ?, next_attempt_at = ? WHERE id = ? AND status = "
                                "'sending' AND lease_owner = ?"),
                 {error, sql::fromTime(retryAt), id, owner}));
}

Result<void> OutboxRepository::release(qint64 id, const QString &owner, const QDateTime &now)
{
    // Not a failed attempt: the count goes back down.
    return done(
        m_db.run(QStringLiteral("UPDATE outbox SET status = 'pending', lease_owner = NULL, lease_until = "
                                "NULL, attempts = attempts - 1, next_attempt_at = ? WHERE id = ? AND "
                                "status = 'sending' AND lease_owner = ?"),
                 {sql::fromTime(now), id, owner}));
}

Result<std::vector<QString>> OutboxRepository::claimOwners()
{
    auto query = m_db.run(QStringLiteral(
        "SELECT DISTINCT lease_owner FROM outbox WHERE status = 'sending' AND lease_owner IS NOT NULL"));
    if (!query)
        return tl::unexpected(query.error());
    std::vector<QString> owners;
    while (query->next())
        owners.push_back(query->value(0).toString());
    return owners;
}

Result<void> OutboxRepository::releaseAllOf(const QString &owner, const QDateTime &now)
{
    return done(
        m_db.run(QStringLiteral("UPDATE outbox SET status = 'pending', lease_owner = NULL, lease_until = "
                                "NULL, next_attempt_at = ? WHERE status = 'sending' AND lease_owner = ?"),
                 {sql::fromTime(now), owner}));
}

Result<void> OutboxRepository::retryPendingNow(const QDateTime &now)
{
    const QVariant at = sql::fromTime(now);
    return done(m_db.run(
        QStringLiteral(
            "UPDATE outbox SET next_attempt_at = ? WHERE status = 'pending' AND next_attempt_at > ?"),
        {at, at}));
}

Result<bool> OutboxRepository::retryNow(qint64 id, const QDateTime &now, int lastAttempt)
{
    auto query = m_db.run(
        QStringLiteral("UPDATE outbox SET next_attempt_at = ?, attempts = CASE WHEN status = 'failed' "
                       "THEN ? ELSE attempts END, status = 'pending' WHERE id = ? AND status IN "
                       "('pending', 'failed')"),
        {sql::fromTime(now), std::max(lastAttempt - 1, 0), id});
    if (!query)
        return tl::unexpected(query.error());
    return query->numRowsAffected() > 0;
}

Result<int> OutboxRepository::failingCount()
{
    // A row being sent again after a failure still counts until it goes through.
    auto query = m_db.run(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE status = 'failed' OR "
                                         "(status IN ('pending', 'sending') AND last_error IS NOT NULL)"));
    if (!query)
        return tl::unexpected(query.error());
    return query->next() ? query->value(0).toInt() : 0;
}

Result<std::optional<OutboxEntry>> OutboxRepository::find(qint64 id)
{
    auto found = select(QStringLiteral("WHERE id = ?"), {id});
    if (!found)
        return tl::unexpected(found.error());
    if (found->empty())
        return std::optional<OutboxEntry>();
    return std::optional<OutboxEntry>(found->front());
}

Result<std::vector<OutboxEntry>> OutboxRepository::forAlert(qint64 alertId)
{
    return select(QStringLiteral("WHERE alert_id = ? ORDER BY id"), {alertId});
}

Result<std::vector<OutboxEntry>> OutboxRepository::forAlerts(const std::vector<qint64> &alertIds)
{
    // Well under every backend's limit of bound values per statement.
    constexpr std::size_t kChunk = 500;
    std::vector<OutboxEntry> entries;
    for (std::size_t from = 0; from < alertIds.size(); from += kChunk) {
        const std::size_t count = std::min(kChunk, alertIds.size() - from);
        QVariantList values;
        values.reserve(qsizetype(count));
        for (std::size_t i = from; i < from + count; ++i)
            values << alertIds[i];
        QString placeholders = QStringLiteral("?");
        placeholders.reserve(qsizetype(count * 2));
        for (std::size_t i = 1; i < count; ++i)
            placeholders += QStringLiteral(",?");
        auto chunk = select(QStringLiteral("WHERE alert_id IN (") + placeholders +
                                QStringLiteral(") ORDER BY alert_id, id"),
                            values);
        if (!chunk)
            return tl::unexpected(chunk.error());
        entries.insert(entries.end(), std::make_move_iterator(chunk->begin()),
                       std::make_move_iterator(chunk->end()));
    }
    return entries;
}

Result<std::vector<OutboxEntry>> OutboxRepository::all()
{
    return select(QStringLiteral("ORDER BY id"), {});
}

} // namespace qw
