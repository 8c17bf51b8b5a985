// Writes a key's stored checks to a CSV file in SnapshotCsv's format (that of
// `quotawatch history --csv`).
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
    // Header and rows, UTF-8, "\n" line ends. Writes through QSaveFile, so a failed export never
    // leaves half a file in place of an older one.
    [[nodiscard]] static Result<void> write(const QString &path, std::span<const Snapshot> snapshots);
};

} // namespace qw::ui
