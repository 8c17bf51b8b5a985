// MiniMax Coding Plan and Token Plan, on api.minimaxi.com (China) or api.minimax.io
// (international): what is left of the general model's five-hour and weekly windows.
#pragma once

#include "adapters/adapter.h"

namespace qw {

class MiniMaxCodingAdapter final : public Adapter
{
public:
    enum class Region
    {
        China,
        International
    };
    explicit MiniMaxCodingAdapter(Region region)
        : m_region(region)
    {}

    QString id() const override;
    QString name() const override;
    QString defaultBaseUrl() const override;
    QString help() const override;
    QList<ReadingKind> kinds() const override { return {ReadingKind::Quota}; }

    std::unique_ptr<BalanceQuery> begin(const AdapterContext &context) const override;

private:
    Region m_region;
};

} // namespace qw
