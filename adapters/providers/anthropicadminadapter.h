// Anthropic with an Admin key: this month's cost report, and what is left of a budget.
#pragma once

#include "adapters/adapter.h"

namespace qw {

class AnthropicAdminAdapter final : public Adapter
{
public:
    QString id() const override { return QStringLiteral("anthropic-admin"); }
    QString name() const override { return QStringLiteral("Anthropic (Admin key)"); }
    QString defaultBaseUrl() const override { return QStringLiteral("https://api.anthropic.com"); }
    QString help() const override;
    QList<ReadingKind> kinds() const override { return {ReadingKind::Spend, ReadingKind::KeyLimit}; }
    QList<OptionSpec> ownOptions() const override;
    std::unique_ptr<BalanceQuery> begin(const AdapterContext &context) const override;
};

} // namespace qw
