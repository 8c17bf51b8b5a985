// LiteLLM proxy virtual keys: the key's budget minus its spend, or only the spend.
#pragma once

#include "adapters/adapter.h"

namespace qw {

class LiteLlmAdapter final : public SingleRequestAdapter
{
public:
    QString id() const override { return QStringLiteral("litellm"); }
    QString name() const override { return QStringLiteral("LiteLLM proxy"); }
    QString help() const override;
    QList<ReadingKind> kinds() const override { return {ReadingKind::KeyLimit, ReadingKind::Spend}; }
    QList<OptionSpec> ownOptions() const override;

protected:
    HttpRequestSpec request(const AdapterContext &context) const override;
    CheckOutcome parse(const HttpReply &reply, const AdapterContext &context) const override;
};

} // namespace qw
