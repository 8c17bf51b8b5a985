// Slack incoming webhooks: the alert as escaped plain text.
#pragma once

#include "core/alerts/webhooks/webhookpreset.h"

namespace qw {

class SlackPreset final : public WebhookPreset
{
public:
    [[nodiscard]] ChannelKind kind() const override { return ChannelKind::Slack; }
    [[nodiscard]] QString serviceName() const override;
    [[nodiscard]] QString urlExample() const override;
    [[nodiscard]] Result<QJsonObject> payload(const WebhookTarget &target, const AlertNotice &notice,
                                              const QDateTime &now, WebhookRequest &request) const override;
    [[nodiscard]] Result<void> checkReply(const HttpReply &reply) const override;
};

} // namespace qw
