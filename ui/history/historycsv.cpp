#include "ui/history/historycsv.h"

#include "core/model/snapshotcsv.h"

#include <QSaveFile>
#include <QTextStream>

namespace qw::ui {

Result<void> HistoryCsv::write(const QString &path, std::span<const Snapshot> snapshots)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(ErrorCode::Io, tr("%1 cannot be written: %2").arg(path, file.errorString()));
    // Streamed row by row: a year of 5-minute checks is ten megabytes of text.
    QTextStream out(&file);
    out.setEncoding(QStringConverter::Utf8);
    out << SnapshotCsv::header() << '\n';
    for (const Snapshot &snapshot : snapshots)
        out << SnapshotCsv::row(snapshot) << '\n';
    out.flush();
    if (out.status() != QTextStream::Ok || !file.commit())
        return fail(ErrorCode::Io, tr("%1 cannot be written: %2").arg(path, file.errorString()));
    return {};
}

} // namespace qw::ui
