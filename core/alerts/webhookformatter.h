// Turns an alert into the HTTP request a webhook service expects (the documented QuotaWatch
// payload, or a chat service's own format and signature) and reads the service's verdict from
// its reply. Pure functions: no network, so every preset is testable without a server.
#pragma once

#include "adapters/httpexchange.h"
#include "core/alerts/alertnotice.h"
#include "core/model/channel.h"
#include "core/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace qw {

// Where one webhook channel posts.
struct WebhookTarget
{
    ChannelKind kind = ChannelKind::Webhook; // any but Email
    // Secret. The webhook URL (its path or query is the credential), or for Telegram the bot API
    // URL with the token, https://api.telegram.org/bot<token>; "/sendMessage" is added if missing.
    QString url;
    // Secret, optional: the DingTalk "SEC..." or Feishu signing secret; other kinds ignore it.
    QString signingSecret;
    // Not secret, string values. Telegram: "chat_id" (required), "parse_mode" ("HTML",
    // "MarkdownV2" or "Markdown": the title is then shown bold). Generic webhook:
    // "header.<Name>" adds that request header.
    QJsonObject options;
};

// What HttpClient::send(url, spec, ...) needs for one notice.
struct WebhookRequest
{
    QString url;
    HttpRequestSpec spec; // POST with a JSON body; path empty (or "/" to keep a trailing slash)
};

class WebhookFormatter final
{
public:
    // Chat services refuse longer texts, so longer ones are cut (ending in "…").
    static constexpr qsizetype DiscordMaxChars = 2000;  // content, counted in UTF-16 units
    static constexpr qsizetype TelegramMaxChars = 4096; // text after entity parsing, UTF-16 units
    static constexpr qsizetype WeComMaxBytes = 2048;    // text.content, in UTF-8 bytes

    // InvalidInput, with a message that names at most the URL's host (its path and query hold
    // the token), when the target cannot be sent to: not an http(s) URL with a host, a Telegram
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
