// Telegram bots (sendMessage): the alert to one chat, plain or with the title bold in the chosen markup.
#pragma once

#include "core/alerts/webhooks/webhookpreset.h"

namespace qw {

class TelegramPreset final : public WebhookPreset
{
public:
    // Telegram refuses longer texts; counted after entity parsing, in UTF-16 units.
    static constexpr qsizetype MaxChars = 4096;

    [[nodiscard]] ChannelKind kind() const override { return ChannelKind::Telegram; }
    [[nodiscard]] QString serviceName() const override;
    [[nodiscard]] QString urlLabel() const override;
    [[nodiscard]] QString urlExample() const override;
    [[nodiscard]] Result<void> validate(const WebhookTarget &target, const QUrl &url) const override;
    [[nodiscard]] Result<QJsonObject> payload(const WebhookTarget &target, const AlertNotice &notice,
                                              const QDateTime &now, WebhookRequest &request) const override;
    [[nodiscard]] Result<void> checkReply(const HttpReply &reply) const override;
};

} // namespace qw
