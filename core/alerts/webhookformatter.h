// Turns an alert into the HTTP request a webhook service expects (the documented QuotaWatch
// payload, or a chat service's own format and signature) and reads the service's verdict from
// its reply, through the service's preset in core/alerts/webhooks/. Pure functions: no network,
// so every preset is testable without a server.
#pragma once

#include "adapters/httpexchange.h"
#include "core/alerts/alertnotice.h"
#include "core/alerts/webhooks/discordpreset.h"
#include "core/alerts/webhooks/telegrampreset.h"
#include "core/alerts/webhooks/webhookregistry.h"
#include "core/alerts/webhooks/webhooktarget.h"
#include "core/alerts/webhooks/wecompreset.h"
#include "core/model/channel.h"
#include "core/result.h"

#include <QDateTime>
#include <QString>

namespace qw {

class WebhookFormatter final
{
public:
    // Chat services refuse longer texts, so longer ones are cut (ending in "…").
    static constexpr qsizetype DiscordMaxChars = DiscordPreset::MaxChars;   // UTF-16 units
    static constexpr qsizetype TelegramMaxChars = TelegramPreset::MaxChars; // after entity parsing
    static constexpr qsizetype WeComMaxBytes = WeComPreset::MaxBytes;       // UTF-8 bytes

    // The presets this formatter uses: every built-in webhook service.
    [[nodiscard]] static const WebhookRegistry &presets();

    // InvalidInput, with a message that names at most the URL's host (its path and query hold
    // the token), when the target cannot be sent to: not an http(s) URL with a host, plain http://
    // to a host other than this machine (every kind: the URL is the credential), a Telegram
    // target without chat_id or token, a DingTalk URL without access_token, a WeCom URL without
    // key, an option of the wrong type.
    [[nodiscard]] static Result<void> validate(const WebhookTarget &target);

    // The request for one notice; `now` dates the DingTalk and Feishu signatures, which those
    // services accept for an hour.
    [[nodiscard]] static Result<WebhookRequest> format(const WebhookTarget &target, const AlertNotice &notice,
                                                       const QDateTime &now);

    // Whether the service took the message: HTTP 2xx and, where the service reports its own
    // status in the body, that status (Telegram "ok", Feishu "code"/"StatusCode", DingTalk and
    // WeCom "errcode"). The Io error names the service and quotes its error text, never a URL.
    [[nodiscard]] static Result<void> checkReply(ChannelKind kind, const HttpReply &reply);

    // The URL's host, to show a channel without its secret, e.g. "hooks.slack.com"; empty when
    // the URL has none.
    [[nodiscard]] static QString summary(const QString &url);

    // "Slack", "Discord", ..., "webhook" for the generic one: how messages name the service.
    [[nodiscard]] static QString serviceName(ChannelKind kind);
};

} // namespace qw
