#include "app/cli/readingtext.h"

#include <QStringList>

namespace qw::cli {

QString amountText(const std::optional<Amount> &amount, const QString &unit)
{
    if (!amount)
        return QStringLiteral("-");
    return unit.isEmpty() ? amount->toString() : amount->toString() + u' ' + unit;
}

QString balancesText(const Snapshot &snapshot)
{
    QStringList parts;
    for (const Balance &balance : snapshot.balances)
        parts << balance.amount.toString() + u' ' + balance.unit;
    return parts.isEmpty() ? QStringLiteral("-") : parts.join(QStringLiteral(", "));
}

} // namespace qw::cli
