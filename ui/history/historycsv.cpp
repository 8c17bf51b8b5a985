#include "ui/history/historycsv.h"

#include "core/model/snapshotcsv.h"
#include "ui/format/csvfile.h"

namespace qw::ui {

Result<void> HistoryCsv::write(const QString &path, std::span<const Snapshot> snapshots)
{
    auto written =
        CsvFile::write(path, SnapshotCsv::header(), qsizetype(snapshots.size()),
                       [snapshots](qsizetype i) { return SnapshotCsv::row(snapshots[std::size_t(i)]); });
    if (!written)
        return fail(ErrorCode::Io, tr("%1 cannot be written: %2").arg(path, written.error().message));
    return {};
}

} // namespace qw::ui
