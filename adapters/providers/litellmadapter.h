// LiteLLM proxy virtual keys: the key's budget minus its spend (or only the spend), and the
// budget of the team or user the key belongs to, which blocks the key as surely as its own.
#pragma once

#include "adapters/adapter.h"

namespace qw {

class LiteLlmAdapter final : public Adapter
{
public:
    QString id() const override { return QStringLiteral("litellm"); }
    QString name() const override { return QStringLiteral("LiteLLM proxy"); }
    QString help() const override;
    QList<ReadingKind> kinds() const override { return {ReadingKind::KeyLimit, ReadingKind::Spend}; }
    QList<OptionSpec> ownOptions() const override;
    std::unique_ptr<BalanceQuery> begin(const AdapterContext &context) const override;
};

} // namespace qw
