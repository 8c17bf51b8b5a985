#include "core/alerts/webhooks/discordpreset.h"

#include "core/alerts/webhooks/webhooktext.h"

#include <QJsonArray>

namespace qw {

QString DiscordPreset::serviceName() const
{
    return QStringLiteral("Discord");
}

QString DiscordPreset::urlExample() const
{
    return QStringLiteral("https://discord.com/api/webhooks/…");
}

Result<QJsonObject> DiscordPreset::payload(const WebhookTarget &, const AlertNotice &notice,
                                           const QDateTime &, WebhookRequest &) const
{
    return QJsonObject{
        {QStringLiteral("content"), WebhookText::truncatedUtf16(notice.plainText(), MaxChars)},
        {QStringLiteral("username"), QStringLiteral("QuotaWatch")},
        // A key named "@everyone" must not ping a whole server.
        {QStringLiteral("allowed_mentions"), QJsonObject{{QStringLiteral("parse"), QJsonArray()}}},
    };
}

Result<void> DiscordPreset::checkReply(const HttpReply &reply) const
{
    // 204 without ?wait=true, 200 with the message when it is set.
    if (succeeded(reply))
        return {};
    return refused(reply.status, WebhookText::jsonDetail(replyObject(reply), {QLatin1String("message")}));
}

} // namespace qw
