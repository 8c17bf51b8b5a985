// A key's stored checks as CSV, one format for `quotawatch history --csv` and the desktop's
// export, so both files can be read by the same scripts.
#pragma once

#include "core/model/snapshot.h"

#include <QString>

namespace qw {

class SnapshotCsv final
{
public:
    // "checked_at,status,kind,remaining,used,limit,unit,balances,error,latency_ms,details";
    // details last, so scripts that read the columns before it by position keep working.
    [[nodiscard]] static QString header();
    // One line (without the line break); times in UTC, ISO 8601 with milliseconds.
    [[nodiscard]] static QString row(const Snapshot &snapshot);
    // A text cell. RFC 4180: a field holding a comma, quote or line break is quoted, quotes
    // doubled. A cell starting with '=', '+', '-', '@', tab or CR gets a leading "'" first, so a
    // spreadsheet shows it instead of running it as a formula (OWASP CSV injection): errors,
    // units and balances are provider text. Numeric columns (remaining, used, limit, latency)
    // never pass through here, so "-12.5" there stays a number.
    [[nodiscard]] static QString field(const QString &text);
    // The details column: "5-hour window: 61/200 requests left, used 139, resets
    // 2026-12-07T04:00:00Z; Gift balance: 3.5 CNY left", in English with every digit.
    [[nodiscard]] static QString detailsText(const std::vector<ReadingDetail> &details);
};

} // namespace qw
