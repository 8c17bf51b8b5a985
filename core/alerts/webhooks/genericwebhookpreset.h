// The generic webhook: the documented QuotaWatch JSON payload, with optional extra request headers.
#pragma once

#include "core/alerts/webhooks/webhookpreset.h"

namespace qw {

class GenericWebhookPreset final : public WebhookPreset
{
public:
    [[nodiscard]] ChannelKind kind() const override { return ChannelKind::Webhook; }
    [[nodiscard]] QString serviceName() const override;
    [[nodiscard]] QString urlLabel() const override;
    [[nodiscard]] QString urlExample() const override;
    [[nodiscard]] Result<void> validate(const WebhookTarget &target, const QUrl &url) const override;
    [[nodiscard]] Result<QJsonObject> payload(const WebhookTarget &target, const AlertNotice &notice,
                                              const QDateTime &now, WebhookRequest &request) const override;
    [[nodiscard]] Result<void> checkReply(const HttpReply &reply) const override;

protected:
    [[nodiscard]] QString replier() const override;
};

} // namespace qw
