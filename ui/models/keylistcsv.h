// Writes the key table (the rows the main window shows, in its order) to a CSV file that scripts
// and spreadsheets can read like the history export (HistoryCsv, `quotawatch history --csv`):
// ISO 8601 UTC times, plain numbers with '.' and no grouping, the unit in a column of its own,
// the command line's words for health and status, whatever the user's language.
#pragma once

#include "core/result.h"

#include <QString>

class QAbstractProxyModel;

namespace qw::ui {

class KeyTableModel;

class KeyListCsv final
{
public:
    // "id,name,platform,health,remaining,used,limit,unit,threshold,days_left,checked_at,status,error"
    [[nodiscard]] static QString header();
    // One line (without the line break) for row `row` of `model`.
    [[nodiscard]] static QString row(const KeyTableModel &model, int row);
    // Header and the rows of `view` (a proxy over `model`, as sorted and filtered on screen),
    // UTF-8, "\n" line ends, through QSaveFile.
    [[nodiscard]] static Result<void> write(const QString &path, const KeyTableModel &model,
                                            const QAbstractProxyModel &view);
};

} // namespace qw::ui
