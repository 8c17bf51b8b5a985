#include "core/alerts/webhooks/genericwebhookpreset.h"

#include "core/alerts/webhooks/webhooktext.h"

#include <QJsonDocument>

namespace qw {

namespace {

QLatin1String headerOptionPrefix()
{
    return QLatin1String("header.");
}

// RFC 9110 token characters: what a header name may consist of.
bool isHeaderName(QStringView name)
{
    if (name.isEmpty())
        return false;
    for (const QChar c : name) {
        const char16_t u = c.unicode();
        const bool alnum = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9');
        if (!alnum && !QStringView(u"!#$%&'*+-.^_`|~").contains(c))
            return false;
    }
    return true;
}

// Headers the HTTP stack owns; a channel setting them would break the request, not extend it.
bool isReservedHeader(QStringView name)
{
    for (const auto reserved : {u"host", u"content-length", u"transfer-encoding", u"connection"}) {
        if (name.compare(QStringView(reserved), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

QString GenericWebhookPreset::serviceName() const
{
    return QStringLiteral("webhook");
}

QString GenericWebhookPreset::urlLabel() const
{
    return QStringLiteral("the webhook URL");
}

QString GenericWebhookPreset::urlExample() const
{
    return QStringLiteral("https://example.com/hook");
}

QString GenericWebhookPreset::replier() const
{
    return QStringLiteral("the webhook server");
}

Result<void> GenericWebhookPreset::validate(const WebhookTarget &target, const QUrl &) const
{
    for (auto it = target.options.constBegin(); it != target.options.constEnd(); ++it) {
        const QString key = it.key(); // a temporary otherwise, and `name` views into it
        if (!key.startsWith(headerOptionPrefix()))
            continue;
        const QStringView name = QStringView(key).mid(headerOptionPrefix().size());
        if (!isHeaderName(name) || isReservedHeader(name))
            return invalid(QStringLiteral("“") + name.toString() +
                           QStringLiteral("” cannot be set as a webhook header"));
        const QString value = it.value().toString();
        if (!it.value().isString() || value.contains(QLatin1Char('\r')) ||
            value.contains(QLatin1Char('\n')) || value.contains(QChar(0)))
            return invalid(QStringLiteral("the webhook header “") + name.toString() +
                           QStringLiteral("” must be one line of text"));
    }
    return {};
}

Result<QJsonObject> GenericWebhookPreset::payload(const WebhookTarget &target, const AlertNotice &notice,
                                                  const QDateTime &, WebhookRequest &request) const
{
    for (auto it = target.options.constBegin(); it != target.options.constEnd(); ++it) {
        if (it.key().startsWith(headerOptionPrefix()))
            request.spec.headers.append(
                {it.key().mid(headerOptionPrefix().size()).toUtf8(), it.value().toString().toUtf8()});
    }
    return notice.toJson();
}

Result<void> GenericWebhookPreset::checkReply(const HttpReply &reply) const
{
    if (succeeded(reply))
        return {};
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(reply.body, &parseError);
    return refused(
        reply.status,
        document.isObject()
            ? WebhookText::jsonDetail(document.object(), {QLatin1String("message"), QLatin1String("error"),
                                                          QLatin1String("description"), QLatin1String("msg")})
            : WebhookText::textDetail(reply.body));
}

} // namespace qw
