// Venice.ai: the USD and DIEM balances of the account an admin key belongs to; the headline is the
// currency the account spends now (consumptionCurrency).
#pragma once

#include "adapters/adapter.h"

namespace qw {

class VeniceAdapter final : public SingleRequestAdapter
{
public:
    QString id() const override { return QStringLiteral("venice"); }
    QString name() const override { return QStringLiteral("Venice.ai"); }
    QString defaultBaseUrl() const override { return QStringLiteral("https://api.venice.ai"); }
    QString help() const override;
    QList<ReadingKind> kinds() const override { return {ReadingKind::Balance}; }

protected:
    HttpRequestSpec request(const AdapterContext &context) const override;
    CheckOutcome parse(const HttpReply &reply, const AdapterContext &context) const override;
};

} // namespace qw
