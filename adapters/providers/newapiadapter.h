// new-api / one-api relays, with the relay's own sk- token: the token's limit minus its usage,
// read from /api/usage/token, or the OpenAI-style dashboard billing endpoints the relays imitate.
#pragma once

#include "adapters/adapter.h"

namespace qw {

class NewApiAdapter final : public Adapter
{
public:
    QString id() const override { return QStringLiteral("newapi"); }
    QString name() const override { return QStringLiteral("new-api / one-api relay (token)"); }
    QString help() const override;
    QList<ReadingKind> kinds() const override { return {ReadingKind::KeyLimit, ReadingKind::Spend}; }
    QList<OptionSpec> ownOptions() const override;
    std::unique_ptr<BalanceQuery> begin(const AdapterContext &context) const override;
};

} // namespace qw
