// A key's stored checks as CSV, in the columns of `quotawatch history --csv`, so a file exported
// from the desktop and one printed by the command line can be read by the same scripts.
#pragma once

#include "core/model/snapshot.h"
#include "core/result.h"

#include <QCoreApplication>
#include <QString>
#include <span>

class QIODevice;

namespace qw::ui {

class HistoryCsv final
{
    Q_DECLARE_TR_FUNCTIONS(HistoryCsv)

public:
    // "checked_at,status,kind,remaining,used,limit,unit,balances,error,latency_ms"
    [[nodiscard]] static QString header();
    // One line (without the line break); times in UTC, ISO 8601 with milliseconds.
    [[nodiscard]] static QString row(const Snapshot &snapshot);
    // RFC 4180: a field holding a comma, quote or line break is quoted, quotes doubled.
    [[nodiscard]] static QString field(const QString &text);
    // Header and rows, UTF-8, "\n" line ends. Writes through QSaveFile, so a failed export never
    // leaves half a file in place of an older one.
    [[nodiscard]] static Result<void> write(const QString &path, std::span<const Snapshot> snapshots);
};

} // namespace qw::ui
