// Zhipu GLM Coding Plan, on open.bigmodel.cn (China) or api.z.ai (international, `zai-coding`):
// what is left of the plan's five-hour and weekly windows, and its monthly MCP quota beside them.
#pragma once

#include "adapters/adapter.h"

namespace qw {

class ZhipuCodingAdapter final : public SingleRequestAdapter
{
public:
    enum class Region
    {
        China,
        International
    };
    explicit ZhipuCodingAdapter(Region region = Region::China)
        : m_region(region)
    {}

    QString id() const override;
    QString name() const override;
    QString defaultBaseUrl() const override;
    QString help() const override;
    QList<ReadingKind> kinds() const override { return {ReadingKind::Quota}; }

protected:
    HttpRequestSpec request(const AdapterContext &context) const override;
    CheckOutcome parse(const HttpReply &reply, const AdapterContext &context) const override;

private:
    Region m_region;
};

} // namespace qw
