#include "ui/history/historycsv.h"

#include <QSaveFile>
#include <QStringList>
#include <QTextStream>

namespace qw::ui {

namespace {

QString optionalText(const std::optional<Amount> &amount)
{
    return amount ? amount->toString() : QString();
}

} // namespace

QString HistoryCsv::header()
{
    return QStringLiteral("checked_at,status,kind,remaining,used,limit,unit,balances,error,latency_ms");
}

QString HistoryCsv::field(const QString &text)
{
    if (!text.contains(u',') && !text.contains(u'"') && !text.contains(u'\n') && !text.contains(u'\r'))
        return text;
    QString quoted = text;
    quoted.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    return u'"' + quoted + u'"';
}

QString HistoryCsv::row(const Snapshot &snapshot)
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

Result<void> HistoryCsv::write(const QString &path, std::span<const Snapshot> snapshots)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(ErrorCode::Io, tr("%1 cannot be written: %2").arg(path, file.errorString()));
    // Streamed row by row: a year of 5-minute checks is ten megabytes of text.
    QTextStream out(&file);
    out.setEncoding(QStringConverter::Utf8);
    out << header() << '\n';
    for (const Snapshot &snapshot : snapshots)
        out << row(snapshot) << '\n';
    out.flush();
    if (out.status() != QTextStream::Ok || !file.commit())
        return fail(ErrorCode::Io, tr("%1 cannot be written: %2").arg(path, file.errorString()));
    return {};
}

} // namespace qw::ui
