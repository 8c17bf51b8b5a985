#include "adapters/providers/newapiquota.h"

namespace qw::newapi {

OptionSpec quotaPerUnitOption()
{
    return {
        QStringLiteral("quota_per_unit"),
        QStringLiteral(QT_TRANSLATE_NOOP("qw::Platforms", "Quota units per USD")),
        OptionSpec::Type::Integer,
        QString::number(kDefaultQuotaPerUnit),
        QStringLiteral(QT_TRANSLATE_NOOP("qw::Platforms", "quota units per USD as configured on the relay")),
        false,
        {}};
}

qint64 quotaPerUnit(const AdapterContext &context)
{
    const qint64 perUnit = context.option(QStringLiteral("quota_per_unit")).toLongLong();
    return perUnit > 0 ? perUnit : kDefaultQuotaPerUnit;
}

} // namespace qw::newapi
