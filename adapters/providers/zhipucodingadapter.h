// Zhipu GLM Coding Plan: how much of the plan's usage windows (5 hours, week, month) is used.
#pragma once

#include "adapters/adapter.h"

namespace qw {

class ZhipuCodingAdapter final : public SingleRequestAdapter
{
public:
    QString id() const override { return QStringLiteral("zhipu-coding"); }
    QString name() const override { return QStringLiteral("Zhipu GLM Coding Plan 智谱"); }
    QString defaultBaseUrl() const override { return QStringLiteral("https://open.bigmodel.cn"); }
    QString help() const override;
    QList<ReadingKind> kinds() const override { return {ReadingKind::Quota}; }

protected:
    HttpRequestSpec request(const AdapterContext &context) const override;
    CheckOutcome parse(const HttpReply &reply, const AdapterContext &context) const override;
};

} // namespace qw
