// OpenAI with an organization Admin key: this month's costs, and what is left of a budget.
#pragma once

#include "adapters/adapter.h"

namespace qw {

class OpenAiAdminAdapter final : public Adapter
{
public:
    QString id() const override { return QStringLiteral("openai-admin"); }
    QString name() const override { return QStringLiteral("OpenAI (Admin key)"); }
    QString defaultBaseUrl() const override { return QStringLiteral("https://api.openai.com"); }
    QString help() const override;
    QList<ReadingKind> kinds() const override { return {ReadingKind::Spend, ReadingKind::KeyLimit}; }
    QList<OptionSpec> ownOptions() const override;
    std::unique_ptr<BalanceQuery> begin(const AdapterContext &context) const override;
};

} // namespace qw
