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
    QString error;
    int latencyMs = 0;
};

} // namespace qw
