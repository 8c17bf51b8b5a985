// OpenRouter: a capped key reports what is left of its cap; an uncapped key falls back to the
// account's credits, which only management keys may read, and else to the key's spending.
#pragma once

#include "adapters/adapter.h"

namespace qw {

class OpenRouterAdapter final : public Adapter
{
public:
    QString id() const override { return QStringLiteral("openrouter"); }
    QString name() const override { return QStringLiteral("OpenRouter"); }
    QString defaultBaseUrl() const override { return QStringLiteral("https://openrouter.ai"); }
    QString help() const override;
    QList<ReadingKind> kinds() const override
    {
        return {ReadingKind::KeyLimit, ReadingKind::Balance, ReadingKind::Spend};
    }
    std::unique_ptr<BalanceQuery> begin(const AdapterContext &context) const override;
};

} // namespace qw
