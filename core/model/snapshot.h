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
    QString error;
    int latencyMs = 0;
    std::optional<int> retryAfterS; // from a 429/503 answer; for scheduling, not stored
};

} // namespace qw
