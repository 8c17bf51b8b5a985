#include "core/alerts/webhooks/webhookpreset.h"

#include "core/alerts/webhooks/webhooktext.h"
#include "core/crypto/hmac.h"

#include <QJsonDocument>
#include <QUrlQuery>
#include <utility>

namespace qw {

namespace {

QString statusHint(int status)
{
    switch (status) {
    case 401:
    case 403:
    case 404:
    case 410:
        return QStringLiteral("; check the URL (the webhook may have been removed or its token changed)");
    case 413:
        return QStringLiteral("; the message is too large for the service");
    case 429:
        return QStringLiteral("; the service takes only so many messages a minute, try again later");
    default:
        return status >= 500 ? QStringLiteral("; the service has a problem, try again later") : QString();
    }
}

bool isZero(const QJsonValue &value)
{
    return value.isDouble() && value.toDouble() == 0;
}

} // namespace

QString WebhookPreset::urlLabel() const
{
    return QStringLiteral("the ") + serviceName() + QStringLiteral(" webhook URL");
}

Result<void> WebhookPreset::validate(const WebhookTarget &, const QUrl &) const
{
    return {};
}

QJsonObject WebhookPreset::replyObject(const HttpReply &reply)
{
    QJsonParseError parseError{};
    return QJsonDocument::fromJson(reply.body, &parseError).object();
}

Result<void> WebhookPreset::invalid(QString message)
{
    return fail(ErrorCode::InvalidInput, std::move(message));
}

Result<void> WebhookPreset::requireQueryItem(const QUrl &url, const QString &item,
                                             const QString &source) const
{
    if (!QUrlQuery(url).queryItemValue(item).isEmpty())
        return {};
    return invalid(urlLabel() + QStringLiteral(" (on ") + url.host() + QStringLiteral(") has no ") + item +
                   QStringLiteral("; copy the whole URL from ") + source + QStringLiteral("'s settings"));
}

Result<void> WebhookPreset::refused(int status, const QString &detail) const
{
    QString message = replier() + QStringLiteral(" answered HTTP ") + QString::number(status);
    if (!detail.isEmpty())
        message += QStringLiteral(": ") + detail;
    return fail(ErrorCode::Io, message + statusHint(status));
}

Result<void> WebhookPreset::rejected(const QString &detail, const QString &codeField,
                                     const QJsonValue &code) const
{
    QString message = replier() + QStringLiteral(" refused the message");
    if (!detail.isEmpty())
        message += QStringLiteral(": ") + detail;
    if (code.isDouble())
        message += QStringLiteral(" (") + codeField + QLatin1Char(' ') +
                   QString::number(qint64(code.toDouble())) + QLatin1Char(')');
    return fail(ErrorCode::Io, message);
}

Result<void> WebhookPreset::unreadable(int status) const
{
    return fail(ErrorCode::Io,
                replier() + QStringLiteral(" answered HTTP ") + QString::number(status) +
                    QStringLiteral(" without its usual confirmation; check that the URL is the ") +
                    serviceName() + QStringLiteral(" webhook"));
}

Result<void> WebhookPreset::codedVerdict(const HttpReply &reply, const QJsonValue &code,
                                         const QString &codeField, const QString &detail) const
{
    if (!succeeded(reply))
        return refused(reply.status, detail);
    if (isZero(code))
        return {};
    if (code.isUndefined())
        return unreadable(reply.status);
    return rejected(detail, codeField, code);
}

Result<void> WebhookPreset::errcodeVerdict(const HttpReply &reply) const
{
    const QJsonObject json = replyObject(reply);
    return codedVerdict(reply, json.value(QLatin1String("errcode")), QStringLiteral("errcode"),
                        WebhookText::jsonDetail(json, {QLatin1String("errmsg")}));
}

QByteArray WebhookPreset::timestampAndSecret(const QByteArray &timestamp, QByteArrayView secret)
{
    QByteArray out;
    out.reserve(timestamp.size() + 1 + secret.size());
    out.append(timestamp).append('\n').append(secret);
    return out;
}

Result<QByteArray> WebhookPreset::signature(QByteArrayView key, QByteArrayView message) const
{
    const Result<QByteArray> mac = Hmac::sha256(key, message);
    if (!mac)
        return fail(ErrorCode::Crypto,
                    QStringLiteral("could not compute the ") + serviceName() + QStringLiteral(" signature"));
    return mac->toBase64();
}

} // namespace qw
