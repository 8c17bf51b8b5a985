// Moonshot (Kimi): the available balance (cash plus vouchers) of the account, in CNY on the
// Chinese platform and in USD on the international one.
#pragma once

#include "adapters/adapter.h"

namespace qw {

class MoonshotAdapter final : public SingleRequestAdapter
{
public:
    enum class Region
    {
        China,
        International
    };
    explicit MoonshotAdapter(Region region)
        : m_region(region)
    {}

    QString id() const override;
    QString name() const override;
    QString defaultBaseUrl() const override;
    QString help() const override;
    QList<ReadingKind> kinds() const override { return {ReadingKind::Balance}; }

protected:
    HttpRequestSpec request(const AdapterContext &context) const override;
    CheckOutcome parse(const HttpReply &reply, const AdapterContext &context) const override;

private:
    Region m_region;
};

} // namespace qw
