// The stored result of one check of one key, successful or not.
#pragma once

#include "adapters/balancereading.h"

#include <QDateTime>
#include <QString>
#include <optional>
#include <vector>

namespace qw {

struct Snapshot
{
    qint64 id = 0;
    qint64 keyId = 0;
    QDateTime checkedAt; // UTC, millisecond precision
    CheckStatus status = CheckStatus::Ok;
    std::optional<ReadingKind> kind;
    std::optional<Amount> remaining;
    std::optional<Amount> used;
    std::optional<Amount> limit;
    QString unit;
    std::vector<Balance> balances;
    QDateTime resetsAt;                 // when the provider's quota refills, where it says (UTC)
    std::vector<ReadingDetail> details; // the reading's windows and pots (BalanceReading::details)
    // Why the check failed; on a successful check only the provider's word that the account is
    // out of credit (HTTP 402), stored with a reading of 0 (see outOfCredit()).
    QString error;
    int latencyMs = 0;
    std::optional<int> retryAfterS; // from a 429/503 answer; for scheduling, not stored

    // The provider said the account has no credit left (HTTP 402): a reading of 0 that carries
    // the provider's words. Told from the stored row alone, so the history and every front end
    // that reads it back say "out of credit", not only the check that saw it.
    [[nodiscard]] bool outOfCredit() const { return status == CheckStatus::Ok && !error.isEmpty(); }
};

} // namespace qw
