// Vercel AI Gateway: the team's prepaid credits in USD, and what has been spent of them.
#pragma once

#include "adapters/adapter.h"

namespace qw {

class VercelGatewayAdapter final : public SingleRequestAdapter
{
public:
    QString id() const override { return QStringLiteral("vercel-gateway"); }
    QString name() const override { return QStringLiteral("Vercel AI Gateway"); }
    QString defaultBaseUrl() const override { return QStringLiteral("https://ai-gateway.vercel.sh"); }
    QString help() const override;
    QList<ReadingKind> kinds() const override { return {ReadingKind::Balance}; }

protected:
    HttpRequestSpec request(const AdapterContext &context) const override;
    CheckOutcome parse(const HttpReply &reply, const AdapterContext &context) const override;
};

} // namespace qw
