// Discord webhooks: the alert as the message content, cut to Discord's limit, mentions off.
#pragma once

#include "core/alerts/webhooks/webhookpreset.h"

namespace qw {

class DiscordPreset final : public WebhookPreset
{
public:
    // Discord refuses longer content; counted in UTF-16 units.
    static constexpr qsizetype MaxChars = 2000;

    [[nodiscard]] ChannelKind kind() const override { return ChannelKind::Discord; }
    [[nodiscard]] QString serviceName() const override;
    [[nodiscard]] QString urlExample() const override;
    [[nodiscard]] Result<QJsonObject> payload(const WebhookTarget &target, const AlertNotice &notice,
                                              const QDateTime &now, WebhookRequest &request) const override;
    [[nodiscard]] Result<void> checkReply(const HttpReply &reply) const override;
};

} // namespace qw
