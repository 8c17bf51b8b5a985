// Team mode on PostgreSQL: which instance checks which key now. An instance claims due keys with
// one statement that leases them to it (lease_owner, lease_until), releases a key after storing
// its check together with the key's next time, and reads when the keys it could not claim are
// due. Every time here is the database's clock, so instances whose clocks disagree still agree
// on who holds a key and when it is due.
#pragma once

#include "core/result.h"

#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

namespace qw {

class Database;

class KeyLeaseRepository final
{
public:
    // A key that was not claimed, as the database sees it now.
    struct KeyTiming
    {
        qint64 id = 0;
        bool enabled = false;
        // Milliseconds until next_check_at (<= 0: due now); nullopt when it has none.
        std::optional<qint64> dueInMs;
        // Milliseconds until the lease of `leaseOwner` ends; nullopt or <= 0 when nobody holds it.
        std::optional<qint64> leasedForMs;
        QString leaseOwner;
    };

    explicit KeyLeaseRepository(Database &db)
        : m_db(db)
    {}

    // Leases to `owner` for `leaseMs` at most `limit` of the keys `due` (when their next_check_at
    // has come) and `forced` (whenever it is due), skipping disabled keys, keys another instance
    // holds a live lease on and rows another instance is claiming this very moment; forced keys
    // first, then the most overdue. The ids it leased.
    [[nodiscard]] Result<std::vector<qint64>> claim(const QString &owner, const std::vector<qint64> &due,
                                                    const std::vector<qint64> &forced, int limit,
                                                    qint64 leaseMs);
    // After a check of a key `owner` leased: next_check_at becomes the database's now + `nextInMs`,
    // the lease ends, and, when the check was stored, last_checked_by becomes `owner`, in one
    // statement. False when the lease had passed to another instance meanwhile (nothing written:
    // that one now decides the key's next time).
    [[nodiscard]] Result<bool> release(qint64 id, const QString &owner, qint64 nextInMs, bool stored);
    [[nodiscard]] Result<std::vector<KeyTiming>> timings(const std::vector<qint64> &ids);
    // The instances other than `self` that hold a live lease, or that stored the latest check of
    // a key less than two of that key's intervals ago; sorted, each once (see TeamPresence).
    // PostgreSQL only.
    [[nodiscard]] Result<QStringList> activeOwnersOtherThan(const QString &self);

private:
    Database &m_db;
};

} // namespace qw
