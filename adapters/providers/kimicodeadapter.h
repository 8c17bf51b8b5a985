// Kimi Code plan (api.kimi.com): what is left of the weekly request quota and of the rate windows
// (five hours) beside it.
#pragma once

#include "adapters/adapter.h"

namespace qw {

class KimiCodeAdapter final : public SingleRequestAdapter
{
public:
    QString id() const override { return QStringLiteral("kimi-code"); }
    QString name() const override { return QStringLiteral("Kimi Code"); }
    QString defaultBaseUrl() const override { return QStringLiteral("https://api.kimi.com"); }
    QString help() const override;
    QList<ReadingKind> kinds() const override { return {ReadingKind::Quota}; }

protected:
    HttpRequestSpec request(const AdapterContext &context) const override;
    CheckOutcome parse(const HttpReply &reply, const AdapterContext &context) const override;
};

} // namespace qw
