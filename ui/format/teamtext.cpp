#include "ui/format/teamtext.h"

namespace qw::ui {

QString TeamText::checkedBy(const QString &checker, const QString &self)
{
    if (checker.isEmpty())
        return {};
    if (checker == self)
        return tr("Last checked by this QuotaWatch (%1)").arg(checker);
    return tr("Last checked by %1 (another instance)").arg(checker);
}

QString TeamText::connected(const QStringList &others)
{
    if (others.isEmpty())
        return tr("Team: no other instance connected");
    QString names = others.mid(0, kNamesShown).join(QStringLiteral(", "));
    if (others.size() > kNamesShown)
        names += QStringLiteral(", …");
    if (others.size() == 1)
        return tr("Team: 1 other instance connected (%1)").arg(names);
    return tr("Team: %1 other instances connected (%2)").arg(QString::number(others.size()), names);
}

QString TeamText::connectedDetails(const QStringList &others)
{
    // Said plainly, because an instance that has nothing to check leaves no trace to find.
    const QString how = tr("Instances sharing this database, seen from their leases and the keys "
                           "they checked recently; one that has checked nothing yet is not listed.");
    if (others.isEmpty())
        return how;
    return how + u'\n' + others.join(u'\n');
}

} // namespace qw::ui
