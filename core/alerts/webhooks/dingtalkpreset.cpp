#include "core/alerts/webhooks/dingtalkpreset.h"

#include "core/alerts/webhooks/webhooktext.h"
#include "core/crypto/securebytes.h"

#include <QUrlQuery>

namespace qw {

QString DingTalkPreset::serviceName() const
{
    return QStringLiteral("DingTalk");
}

QString DingTalkPreset::urlExample() const
{
    return QStringLiteral("https://oapi.dingtalk.com/robot/send?access_token=…");
}

Result<void> DingTalkPreset::validate(const WebhookTarget &, const QUrl &url) const
{
    return requireQueryItem(url, QStringLiteral("access_token"), QStringLiteral("the robot"));
}

Result<QJsonObject> DingTalkPreset::payload(const WebhookTarget &target, const AlertNotice &notice,
                                            const QDateTime &now, WebhookRequest &request) const
{
    const QJsonObject body{
        {QStringLiteral("msgtype"), QStringLiteral("text")},
        {QStringLiteral("text"), QJsonObject{{QStringLiteral("content"), notice.plainText()}}},
    };
    // The signing secret as UTF-8 in a buffer that is wiped when this function returns.
    const SecureBytes secret(target.signingSecret.trimmed().toUtf8());
    if (!secret.isEmpty()) {
        // DingTalk's scheme: key = secret, message = "timestamp\nsecret", milliseconds.
        const QByteArray timestamp = QByteArray::number(now.toMSecsSinceEpoch());
        const SecureBytes message(timestampAndSecret(timestamp, secret.view()));
        const Result<QByteArray> sign = signature(secret.view(), message.view());
        if (!sign)
            return tl::unexpected(sign.error());
        request.spec.query.addQueryItem(QStringLiteral("timestamp"), QString::fromLatin1(timestamp));
        // Percent-encoded here: QUrlQuery leaves a '+' as it is, which DingTalk would decode
        // as a space (and then answer "sign not match"), while it keeps "%2B" intact.
        request.spec.query.addQueryItem(
            QStringLiteral("sign"), QString::fromLatin1(QUrl::toPercentEncoding(QString::fromLatin1(*sign))));
    }
    return body;
}

Result<void> DingTalkPreset::checkReply(const HttpReply &reply) const
{
    return errcodeVerdict(reply);
}

} // namespace qw
