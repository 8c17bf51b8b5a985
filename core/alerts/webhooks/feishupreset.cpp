#include "core/alerts/webhooks/feishupreset.h"

#include "core/alerts/webhooks/webhooktext.h"
#include "core/crypto/securebytes.h"

#include <QRegularExpression>

namespace qw {

namespace {

// Feishu reads <at user_id="all"> in a text message as a mention, so a key named so (or a
// provider's error text holding one) would ping the whole group. Its '<' becomes a full-width
// '＜': the words stay readable, the tag is gone. Any case, spacing and attributes, and the
// closing tag too.
QString feishuWithoutMentions(QString text)
{
    static const QRegularExpression tag(QStringLiteral("<(?=\\s*/?\\s*at(?![\\w-]))"),
                                        QRegularExpression::CaseInsensitiveOption);
    return text.replace(tag, QStringLiteral("\uFF1C"));
}

} // namespace

QString FeishuPreset::serviceName() const
{
    return QStringLiteral("Feishu");
}

QString FeishuPreset::urlExample() const
{
    return QStringLiteral("https://open.feishu.cn/open-apis/bot/v2/hook/…");
}

Result<QJsonObject> FeishuPreset::payload(const WebhookTarget &target, const AlertNotice &notice,
                                          const QDateTime &now, WebhookRequest &) const
{
    QJsonObject body{
        {QStringLiteral("msg_type"), QStringLiteral("text")},
        {QStringLiteral("content"),
         QJsonObject{{QStringLiteral("text"), feishuWithoutMentions(notice.plainText())}}},
    };
    // The signing secret as UTF-8 in a buffer that is wiped when this function returns.
    const SecureBytes secret(target.signingSecret.trimmed().toUtf8());
    if (!secret.isEmpty()) {
        // Feishu's scheme: the key is "timestamp\nsecret" and the signed message is empty.
        const QByteArray timestamp = QByteArray::number(now.toSecsSinceEpoch());
        const SecureBytes key(timestampAndSecret(timestamp, secret.view()));
        const Result<QByteArray> sign = signature(key.view(), {});
        if (!sign)
            return tl::unexpected(sign.error());
        body.insert(QStringLiteral("timestamp"), QString::fromLatin1(timestamp));
        body.insert(QStringLiteral("sign"), QString::fromLatin1(*sign));
    }
    return body;
}

Result<void> FeishuPreset::checkReply(const HttpReply &reply) const
{
    // Newer answers carry "code"/"msg", older ones (and some still) "StatusCode"/"StatusMessage".
    const QJsonObject json = replyObject(reply);
    const bool hasCode = json.contains(QLatin1String("code"));
    const QJsonValue code = json.value(hasCode ? QLatin1String("code") : QLatin1String("StatusCode"));
    return codedVerdict(
        reply, code, QStringLiteral("code"),
        WebhookText::jsonDetail(json, {QLatin1String("msg"), QLatin1String("StatusMessage")}));
}

} // namespace qw
