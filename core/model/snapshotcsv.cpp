#include "core/model/snapshotcsv.h"

#include <QStringList>

namespace qw {

namespace {

QString optionalText(const std::optional<Amount> &amount)
{
    return amount ? amount->toString() : QString();
}

} // namespace

QString SnapshotCsv::header()
{
    return QStringLiteral("checked_at,status,kind,remaining,used,limit,unit,balances,error,latency_ms");
}

QString SnapshotCsv::field(const QString &cell)
{
    QString text = cell;
    if (!text.isEmpty() && QStringView(u"=+-@\t\r").contains(text.front()))
        text.prepend(u'\'');
    if (!text.contains(u',') && !text.contains(u'"') && !text.contains(u'\n') && !text.contains(u'\r'))
        return text;
    QString quoted = text;
    quoted.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    return u'"' + quoted + u'"';
}

QString SnapshotCsv::row(const Snapshot &snapshot)
{
    QStringList balances;
    for (const Balance &balance : snapshot.balances)
        balances << balance.amount.toString() + u' ' + balance.unit;
    const QStringList fields{snapshot.checkedAt.toUTC().toString(Qt::ISODateWithMs),
                             toString(snapshot.status),
                             snapshot.kind ? toString(*snapshot.kind) : QString(),
                             optionalText(snapshot.remaining),
                             optionalText(snapshot.used),
                             optionalText(snapshot.limit),
                             field(snapshot.unit),
                             field(balances.join(QStringLiteral("; "))),
                             field(snapshot.error),
                             QString::number(snapshot.latencyMs)};
    return fields.join(u',');
}

} // namespace qw
