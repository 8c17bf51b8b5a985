// DeepInfra: the prepaid money left on the account (its Stripe balance, negative while in credit),
// and this month's spend beside it.
#pragma once

#include "adapters/adapter.h"

namespace qw {

class DeepInfraAdapter final : public Adapter
{
public:
    QString id() const override { return QStringLiteral("deepinfra"); }
    QString name() const override { return QStringLiteral("DeepInfra"); }
    QString defaultBaseUrl() const override { return QStringLiteral("https://api.deepinfra.com"); }
    QString help() const override;
    QList<ReadingKind> kinds() const override { return {ReadingKind::Balance}; }
    std::unique_ptr<BalanceQuery> begin(const AdapterContext &context) const override;
};

} // namespace qw
