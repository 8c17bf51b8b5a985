#include "core/storage/keyleaserepository.h"

#include "core/storage/database.h"
#include "core/storage/sqlvalues.h"

#include <QStringList>

namespace qw {

namespace {

// The database's now, in the milliseconds every time column holds. now() is the start of the
// statement's transaction: one value for the whole statement.
const QString kNowMs = QStringLiteral("CAST(EXTRACT(EPOCH FROM now()) * 1000 AS BIGINT)");

// A PostgreSQL array literal of ids ("{1,2,3}"), bound as one text value and cast in SQL, so the
// statement stays one prepared statement whatever the number of keys.
QString idArray(const std::vector<qint64> &ids)
{
    QStringList parts;
    parts.reserve(qsizetype(ids.size()));
    for (const qint64 id : ids)
        parts.append(QString::number(id));
    return QLatin1Char('{') + parts.join(QLatin1Char(',')) + QLatin1Char('}');
}

} // namespace

Result<std::vector<qint64>> KeyLeaseRepository::claim(const QString &owner, const std::vector<qint64> &due,
                                                      const std::vector<qint64> &forced, int limit,
                                                      qint64 leaseMs)
{
    if (limit <= 0 || (due.empty() && forced.empty()))
        return std::vector<qint64>{};
    // SKIP LOCKED: rows another instance is claiming right now are its; FOR UPDATE re-reads a row
    // that changed since this statement began, so a lease committed meanwhile is seen.
    auto query =
        m_db.run(QStringLiteral("UPDATE api_keys SET lease_owner = ?, lease_until = ") + kNowMs +
                     QStringLiteral(" + ? WHERE id IN (SELECT id FROM api_keys"
                                    " WHERE (id = ANY(CAST(? AS BIGINT[]))"
                                    "        AND (next_check_at IS NULL OR next_check_at <= ") +
                     kNowMs +
                     QStringLiteral(")"
                                    "        OR id = ANY(CAST(? AS BIGINT[])))"
                                    "   AND enabled"
                                    "   AND (lease_until IS NULL OR lease_until < ") +
                     kNowMs +
                     QStringLiteral(" OR lease_owner = ?)"
                                    " ORDER BY id = ANY(CAST(? AS BIGINT[])) DESC, next_check_at NULLS FIRST"
                                    " LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING id"),
                 {owner, leaseMs, idArray(due), idArray(forced), owner, idArray(forced), limit});
    if (!query)
        return tl::unexpected(query.error());
    return sql::ids(*query);
}

Result<bool> KeyLeaseRepository::release(qint64 id, const QString &owner, qint64 nextInMs, bool stored)
{
    auto query = m_db.run(QStringLiteral("UPDATE api_keys SET next_check_at = ") + kNowMs +
                              QStringLiteral(" + ?, lease_until = NULL,"
                                             " last_checked_by = CASE WHEN ? THEN ? ELSE last_checked_by END"
                                             " WHERE id = ? AND lease_owner = ?"),
                          {nextInMs, stored, owner, id, owner});
    if (!query)
        return tl::unexpected(query.error());
    return query->numRowsAffected() > 0;
}

Result<std::vector<KeyLeaseRepository::KeyTiming>> KeyLeaseRepository::timings(const std::vector<qint64> &ids)
{
    if (ids.empty())
        return std::vector<KeyTiming>{};
    auto query = m_db.run(
        QStringLiteral("SELECT id, enabled, next_check_at - ") + kNowMs + QStringLiteral(", lease_until - ") +
            kNowMs + QStringLiteral(", lease_owner FROM api_keys WHERE id = ANY(CAST(? AS BIGINT[]))"),
        {idArray(ids)});
    if (!query)
        return tl::unexpected(query.error());
    std::vector<KeyTiming> timings;
    while (query->next()) {
        KeyTiming timing;
        timing.id = query->value(0).toLongLong();
        timing.enabled = query->value(1).toBool();
        if (!query->value(2).isNull())
            timing.dueInMs = query->value(2).toLongLong();
        if (!query->value(3).isNull())
            timing.leasedForMs = query->value(3).toLongLong();
        timing.leaseOwner = query->value(4).toString();
        timings.push_back(timing);
    }
    return timings;
}

Result<QStringList> KeyLeaseRepository::activeOwnersOtherThan(const QString &self)
{
    // Instances leave no row of their own, so presence is read from what they do to the keys:
    // - a live lease: the instance is checking that key right now (a lease lasts twice the HTTP
    //   timeout and is given back after the check), the surest sign it is alive;
    // - the latest check of a key stored by it within two of that key's intervals: an instance
    //   that is alive checks each key it takes once per interval, so one that stopped drops out
    //   after at most two intervals (by then another instance has taken its keys over and
    //   last_checked_by names that one). Per key rather than one global window, so a key checked
    //   hourly does not make a live instance look gone, nor a 10 s key keep a dead one listed.
    // The snapshots' (key_id, checked_at) index makes the EXISTS one index probe per key.
    auto query = m_db.run(
        QStringLiteral("SELECT lease_owner FROM api_keys WHERE lease_owner IS NOT NULL AND lease_owner <> ?"
                       "   AND lease_until > ") +
            kNowMs +
            QStringLiteral(" UNION"
                           " SELECT k.last_checked_by FROM api_keys k"
                           " WHERE k.last_checked_by IS NOT NULL AND k.last_checked_by <> ?"
                           "   AND EXISTS (SELECT 1 FROM snapshots s WHERE s.key_id = k.id"
                           "               AND s.checked_at > ") +
            kNowMs +
            QStringLiteral(" - 2000 * CAST(k.interval_s AS BIGINT))"
                           " ORDER BY 1"),
        {self, self});
    if (!query)
        return tl::unexpected(query.error());
    QStringList names;
    while (query->next())
        names << query->value(0).toString();
    return names;
}

} // namespace qw
