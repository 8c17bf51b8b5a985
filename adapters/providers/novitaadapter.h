// Novita AI: the available balance, reported in units of 1/10,000 USD, and the credit line.
#pragma once

#include "adapters/adapter.h"

namespace qw {

class NovitaAdapter final : public SingleRequestAdapter
{
public:
    QString id() const override { return QStringLiteral("novita"); }
    QString name() const override { return QStringLiteral("Novita AI"); }
    QString defaultBaseUrl() const override { return QStringLiteral("https://api.novita.ai"); }
    QString help() const override;
    QList<ReadingKind> kinds() const override { return {ReadingKind::Balance}; }

protected:
    HttpRequestSpec request(const AdapterContext &context) const override;
    CheckOutcome parse(const HttpReply &reply, const AdapterContext &context) const override;
};

} // namespace qw
