// SiliconFlow (international, api.siliconflow.com): the total balance (gift credit plus paid
// balance) as the headline, the gift and paid pots as details. The China site's endpoint was
// retired (HTTP 410); `siliconflow` is listed as unreadable (UnreadableAdapter::known()).
#pragma once

#include "adapters/adapter.h"

namespace qw {

class SiliconFlowAdapter final : public SingleRequestAdapter
{
public:
    QString id() const override { return QStringLiteral("siliconflow-intl"); }
    QString name() const override { return QStringLiteral("SiliconFlow (International)"); }
    QString defaultBaseUrl() const override { return QStringLiteral("https://api.siliconflow.com"); }
    QString help() const override;
    QList<ReadingKind> kinds() const override { return {ReadingKind::Balance}; }

protected:
    HttpRequestSpec request(const AdapterContext &context) const override;
    CheckOutcome parse(const HttpReply &reply, const AdapterContext &context) const override;
};

} // namespace qw
