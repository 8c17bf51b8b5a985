// WeCom (WeChat Work) group robots: a text message cut to WeCom's byte limit.
#pragma once

#include "core/alerts/webhooks/webhookpreset.h"

namespace qw {

class WeComPreset final : public WebhookPreset
{
public:
    // WeCom refuses a longer text.content; counted in UTF-8 bytes.
    static constexpr qsizetype MaxBytes = 2048;

    [[nodiscard]] ChannelKind kind() const override { return ChannelKind::WeCom; }
    [[nodiscard]] QString serviceName() const override;
    [[nodiscard]] QString urlExample() const override;
    [[nodiscard]] Result<void> validate(const WebhookTarget &target, const QUrl &url) const override;
    [[nodiscard]] Result<QJsonObject> payload(const WebhookTarget &target, const AlertNotice &notice,
                                              const QDateTime &now, WebhookRequest &request) const override;
    [[nodiscard]] Result<void> checkReply(const HttpReply &reply) const override;
};

} // namespace qw
