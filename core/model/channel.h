// One place alerts are delivered to: an SMTP account or a webhook (generic or a chat preset).
// Settings a user may see (host, port, recipients, options) are kept apart from the secrets
// (SMTP password, webhook URL, bot token, signing secret), which are stored only as a Fernet
// token under the master key, like API keys.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <optional>

namespace qw {

enum class ChannelKind
{
    Email,
    Webhook, // the documented QuotaWatch JSON payload
    Slack,
    Discord,
    Telegram,
    Feishu,
    DingTalk,
    WeCom,
};

// "email", "webhook", "slack", "discord", "telegram", "feishu", "dingtalk", "wecom".
[[nodiscard]] QString toString(ChannelKind kind);
[[nodiscard]] std::optional<ChannelKind> channelKindFromString(QStringView text);
[[nodiscard]] bool isWebhookKind(ChannelKind kind);

struct Channel
{
    qint64 id = 0;
    qint64 userId = 0;
    ChannelKind kind = ChannelKind::Webhook;
    QString name;
    QJsonObject settings;  // not secret: host, port, security, user, from, to, options, summary
    QByteArray secretsEnc; // Fernet token of a JSON object: password, url, secret, token
    QByteArray binding;    // base64 HMAC tying the secrets to kind and settings (DestinationBinding)
    bool enabled = true;
    QDateTime createdAt; // UTC
};

} // namespace qw
