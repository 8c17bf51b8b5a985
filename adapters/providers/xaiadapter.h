// xAI with a management key: the team's prepaid credit balance.
#pragma once

#include "adapters/adapter.h"

namespace qw {

class XaiAdapter final : public SingleRequestAdapter
{
public:
    QString id() const override { return QStringLiteral("xai"); }
    QString name() const override { return QStringLiteral("xAI (management key)"); }
    QString defaultBaseUrl() const override { return QStringLiteral("https://management-api.x.ai"); }
    QString help() const override;
    QList<ReadingKind> kinds() const override { return {ReadingKind::Balance}; }
    QList<OptionSpec> ownOptions() const override;

protected:
    HttpRequestSpec request(const AdapterContext &context) const override;
    CheckOutcome parse(const HttpReply &reply, const AdapterContext &context) const override;
};

} // namespace qw
