// DeepSeek: one balance per currency (CNY, USD or both), each granted + topped up.
#pragma once

#include "adapters/adapter.h"

namespace qw {

class DeepSeekAdapter final : public SingleRequestAdapter
{
public:
    QString id() const override { return QStringLiteral("deepseek"); }
    QString name() const override { return QStringLiteral("DeepSeek"); }
    QString defaultBaseUrl() const override { return QStringLiteral("https://api.deepseek.com"); }
    QString help() const override;
    QList<ReadingKind> kinds() const override { return {ReadingKind::Balance}; }

protected:
    HttpRequestSpec request(const AdapterContext &context) const override;
    CheckOutcome parse(const HttpReply &reply, const AdapterContext &context) const override;
};

} // namespace qw
