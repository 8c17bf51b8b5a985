// DingTalk custom robots: a text message, signed in the query when the robot has a SEC... secret.
#pragma once

#include "core/alerts/webhooks/webhookpreset.h"

namespace qw {

class DingTalkPreset final : public WebhookPreset
{
public:
    [[nodiscard]] ChannelKind kind() const override { return ChannelKind::DingTalk; }
    [[nodiscard]] QString serviceName() const override;
    [[nodiscard]] QString urlExample() const override;
    [[nodiscard]] Result<void> validate(const WebhookTarget &target, const QUrl &url) const override;
    [[nodiscard]] Result<QJsonObject> payload(const WebhookTarget &target, const AlertNotice &notice,
                                              const QDateTime &now, WebhookRequest &request) const override;
    [[nodiscard]] Result<void> checkReply(const HttpReply &reply) const override;
};

} // namespace qw
