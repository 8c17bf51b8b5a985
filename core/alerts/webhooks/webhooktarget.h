// Where one webhook channel posts, and the HTTP request a preset makes for it.
#pragma once

#include "adapters/httpexchange.h"
#include "core/model/channel.h"

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

} // namespace qw
