#include "ui/unitnames.h"

namespace qw::ui {

QString UnitNames::display(const QString &unit)
{
    if (unit == QLatin1String("characters"))
        return tr("characters");
    if (unit == QLatin1String("tokens"))
        return tr("tokens");
    if (unit == QLatin1String("credits"))
        return tr("credits");
    return unit;
}

} // namespace qw::ui
