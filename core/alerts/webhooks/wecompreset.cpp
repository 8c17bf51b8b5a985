#include "core/alerts/webhooks/wecompreset.h"

#include "core/alerts/webhooks/webhooktext.h"

namespace qw {

QString WeComPreset::serviceName() const
{
    return QStringLiteral("WeCom");
}

QString WeComPreset::urlExample() const
{
    return QStringLiteral("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…");
}

Result<void> WeComPreset::validate(const WebhookTarget &, const QUrl &url) const
{
    return requireQueryItem(url, QStringLiteral("key"), QStringLiteral("the group robot"));
}

Result<QJsonObject> WeComPreset::payload(const WebhookTarget &, const AlertNotice &notice, const QDateTime &,
                                         WebhookRequest &) const
{
    return QJsonObject{
        {QStringLiteral("msgtype"), QStringLiteral("text")},
        {QStringLiteral("text"),
         QJsonObject{{QStringLiteral("content"), WebhookText::truncatedUtf8(notice.plainText(), MaxBytes)}}},
    };
}

Result<void> WeComPreset::checkReply(const HttpReply &reply) const
{
    return errcodeVerdict(reply);
}

} // namespace qw
