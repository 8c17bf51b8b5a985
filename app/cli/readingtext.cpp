#include "app/cli/readingtext.h"

#include "core/model/readingnames.h"

#include <QStringList>

namespace qw::cli {

QString amountText(const std::optional<Amount> &amount, const QString &unit)
{
    if (!amount)
        return QStringLiteral("-");
    return ReadingNames::exactAmount(*amount, unit);
}

QString balancesText(const Snapshot &snapshot)
{
    QStringList parts;
    for (const Balance &balance : snapshot.balances)
        parts << ReadingNames::exactAmount(balance.amount, balance.unit);
    return parts.isEmpty() ? QStringLiteral("-") : parts.join(QStringLiteral(", "));
}

QStringList detailLines(const Snapshot &snapshot)
{
    QStringList lines;
    for (const ReadingDetail &detail : snapshot.details)
        lines << ReadingNames::detailLine(detail);
    return lines;
}

QString detailsCompact(const Snapshot &snapshot)
{
    QStringList parts;
    for (const ReadingDetail &detail : snapshot.details)
        parts << ReadingNames::detailShort(detail);
    return parts.isEmpty() ? QStringLiteral("-") : parts.join(QStringLiteral("; "));
}

} // namespace qw::cli
