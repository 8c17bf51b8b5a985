#include "core/poll/teampresence.h"

#include "core/storage/database.h"

namespace qw {

namespace {

// The database's now in the milliseconds every time column holds, so instances whose clocks
// disagree still agree on whose lease is live.
const QString kNowMs = QStringLiteral("CAST(EXTRACT(EPOCH FROM now()) * 1000 AS BIGINT)");

} // namespace

bool TeamPresence::isTeamMode() const
{
    return m_db.backend() == DatabaseUrl::Backend::Postgres;
}

Result<QStringList> TeamPresence::otherInstances() const
{
    if (!isTeamMode())
        return QStringList{};
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
        {m_self, m_self});
    if (!query)
        return tl::unexpected(query.error());
    QStringList names;
    while (query->next())
        names << query->value(0).toString();
    return names;
}

} // namespace qw
