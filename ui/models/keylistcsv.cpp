#include "ui/models/keylistcsv.h"

#include "core/analytics/keyhealth.h"
#include "core/model/snapshotcsv.h"
#include "ui/format/csvfile.h"
#include "ui/models/keytablemodel.h"

#include <QAbstractProxyModel>

namespace qw::ui {

namespace {

QString amountText(const std::optional<Amount> &amount)
{
    return amount ? amount->toString() : QString();
}

} // namespace

QString KeyListCsv::header()
{
    return QStringLiteral(
        "id,name,platform,health,remaining,used,limit,unit,threshold,days_left,checked_at,status,error");
}

QString KeyListCsv::row(const KeyTableModel &model, int row)
{
    const ApiKey *key = model.keyAt(row);
    if (!key)
        return {};
    const std::optional<Snapshot> latest = model.latestAt(row);
    const std::optional<double> daysLeft = model.daysLeftAt(row);
    QString threshold;
    if (key->threshold)
        threshold = key->threshold->toString() + (key->thresholdIsPercent ? QStringLiteral("%") : QString());
    const QStringList fields{
        QString::number(key->id),
        SnapshotCsv::field(key->name),
        SnapshotCsv::field(key->platform),
        KeyHealthRules::toString(model.healthAt(row)),
        latest ? amountText(latest->remaining) : QString(),
        latest ? amountText(latest->used) : QString(),
        latest ? amountText(latest->limit) : QString(),
        latest ? SnapshotCsv::field(latest->unit) : QString(),
        SnapshotCsv::field(threshold),
        // Plain C-locale digits, whatever the user's locale groups or separates with.
        daysLeft ? QString::number(*daysLeft, 'f', 1) : QString(),
        latest && latest->checkedAt.isValid() ? latest->checkedAt.toUTC().toString(Qt::ISODateWithMs)
                                              : QString(),
        latest ? toString(latest->status) : QString(),
        latest ? SnapshotCsv::field(latest->error) : QString(),
    };
    return fields.join(u',');
}

Result<void> KeyListCsv::write(const QString &path, const KeyTableModel &model,
                               const QAbstractProxyModel &view)
{
    return CsvFile::write(path, header(), view.rowCount(), [&](qsizetype row) {
        return KeyListCsv::row(model, view.mapToSource(view.index(int(row), 0)).row());
    });
}

} // namespace qw::ui
