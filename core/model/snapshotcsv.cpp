#include "core/model/snapshotcsv.h"

#include "core/model/readingnames.h"

#include <QStringList>

namespace qw {

namespace {

QString optionalText(const std::optional<Amount> &amount)
{
    return amount ? amount->toString() : QString();
}

// English labels, exact amounts and ISO times whatever the language: a file read by scripts.
QString detailText(const ReadingDetail &detail)
{
    QString text = ReadingNames::englishDetailLabel(detail.name) + QStringLiteral(":");
    const QString unit = detail.unit.isEmpty() ? QString() : u' ' + detail.unit;
    if (detail.remaining)
        text += u' ' + detail.remaining->toString() +
                (detail.limit ? u'/' + detail.limit->toString() : QString()) + unit + QStringLiteral(" left");
    if (detail.used)
        text += (detail.remaining ? QStringLiteral(",") : QString()) + QStringLiteral(" used ") +
                detail.used->toString() +
                (detail.limit && !detail.remaining ? u'/' + detail.limit->toString() : QString()) + unit;
    if (detail.limit && !detail.remaining && !detail.used)
        text += QStringLiteral(" limit ") + detail.limit->toString() + unit;
    if (detail.resetsAt.isValid())
        text += QStringLiteral(", resets ") + detail.resetsAt.toUTC().toString(Qt::ISODate);
    return text;
}

} // namespace

QString SnapshotCsv::detailsText(const std::vector<ReadingDetail> &details)
{
    QStringList parts;
    for (const ReadingDetail &detail : details)
        parts << detailText(detail);
    return parts.join(QStringLiteral("; "));
}

QString SnapshotCsv::header()
{
    return QStringLiteral(
        "checked_at,status,kind,remaining,used,limit,unit,balances,error,latency_ms,details");
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
                             QString::number(snapshot.latencyMs),
                             field(detailsText(snapshot.details))};
    return fields.join(u',');
}

} // namespace qw
