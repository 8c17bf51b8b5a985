// new-api relays, with a user's system access token: the account's remaining quota.
#pragma once

#include "adapters/adapter.h"

namespace qw {

class NewApiUserAdapter final : public SingleRequestAdapter
{
public:
    QString id() const override { return QStringLiteral("newapi-user"); }
    QString name() const override { return QStringLiteral("new-api relay (account access token)"); }
    QString help() const override;
    QList<ReadingKind> kinds() const override { return {ReadingKind::Balance}; }
    QList<OptionSpec> ownOptions() const override;

protected:
    HttpRequestSpec request(const AdapterContext &context) const override;
    CheckOutcome parse(const HttpReply &reply, const AdapterContext &context) const override;
};

} // namespace qw
