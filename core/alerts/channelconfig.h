// How each kind of channel splits its configuration into what may be shown (settings) and what
// is secret (password, webhook URL, signing secret), and the conversions to what the senders
// take. The one place that knows the JSON names, for the CLI, the desktop and the dispatcher.
#pragma once

#include "core/alerts/emailsender.h"
#include "core/alerts/webhookformatter.h"
#include "core/model/channel.h"
#include "core/result.h"

#include <QJsonObject>

namespace qw {

class Vault;

// A channel as the user describes it, before it is checked and sealed.
struct ChannelDraft
{
    ChannelKind kind = ChannelKind::Webhook;
    QString name;
    // Email: host, port, security ("none", "starttls", "tls"), user, from, to (array), ca_file.
    // Webhooks: options (object of strings; "header.<Name>" ones are moved into the secrets when
    // sealed). Both: events (array of alert kinds; empty = all).
    QJsonObject settings;
    // Email: password. Webhooks: url, secret (DingTalk/Feishu signing secret), headers (object of
    // header name to value).
    QJsonObject secrets;
};

class ChannelConfig final
{
public:
    // Checks everything a send needs (without sending) and returns account `userId`'s channel
    // with its secrets encrypted under the vault, a display summary in its settings and its
    // destination binding (DestinationBinding).
    [[nodiscard]] static Result<Channel> seal(const ChannelDraft &draft, const Vault &vault, qint64 userId);
    // The decrypted secrets object, only when the channel's destination binding holds: a Crypto
    // error naming the channel when its kind or settings were changed outside QuotaWatch, so
    // its secrets go nowhere; MasterKeyMismatch when the vault cannot open them.
    [[nodiscard]] static Result<QJsonObject> openSecrets(const Channel &channel, const Vault &vault);

    [[nodiscard]] static Result<SmtpSettings> smtpSettings(const QJsonObject &settings);
    [[nodiscard]] static WebhookTarget webhookTarget(ChannelKind kind, const QJsonObject &settings,
                                                     const QJsonObject &secrets);
    // What a list shows: "smtp.example.com:587 (starttls) → a@example.com, b@example.com", or
    // the webhook's host and its header names ("example.com (Authorization: …)"), never a secret.
    [[nodiscard]] static QString summary(const Channel &channel);
    // The names of the webhook's extra request headers, whose values are sealed.
    [[nodiscard]] static QStringList headerNames(const Channel &channel);

    // Whether the row still keeps header values among its visible settings (written before they
    // became secrets).
    [[nodiscard]] static bool hasHeadersInClear(const Channel &channel);
    // The channel with those header values moved into its sealed secrets.
    [[nodiscard]] static Result<Channel> moveHeadersIntoSecrets(const Channel &channel, const Vault &vault);
};

} // namespace qw
