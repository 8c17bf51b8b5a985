// A key's stored checks as CSV, one format for `quotawatch history --csv` and the desktop's
// export, so both files can be read by the same scripts.
#pragma once

#include "core/model/snapshot.h"

#include <QString>

namespace qw {

class SnapshotCsv final
{
public:
    // "checked_at,status,kind,remaining,used,limit,unit,balances,error,latency_ms"
    [[nodiscard]] static QString header();
    // One line (without the line break); times in UTC, ISO 8601 with milliseconds.
    [[nodiscard]] static QString row(const Snapshot &snapshot);
    // A text cell. RFC 4180: a field holding a comma, quote or line break is quoted, quotes
    // doubled. A cell starting with '=', '+', '-', '@', tab or CR gets a leading "'" first, so a
    // spreadsheet shows it instead of running it as a formula (OWASP CSV injection): errors,
    // units and balances are provider text. Numeric columns (remaining, used, limit, latency)
    // never pass through here, so "-12.5" there stays a number.
    [[nodiscard]] static QString field(const QString &text);
};

} // namespace qw
