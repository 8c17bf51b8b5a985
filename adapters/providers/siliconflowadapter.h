// SiliconFlow: the account's total balance (gift credit plus paid balance).
#pragma once

#include "adapters/adapter.h"

namespace qw {

class SiliconFlowAdapter final : public SingleRequestAdapter
{
public:
    enum class Region
    {
        China,
        International
    };
    explicit SiliconFlowAdapter(Region region)
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
