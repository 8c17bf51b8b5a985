#include "core/alerts/webhookformatter.h"

#include "core/poll/cleartextpolicy.h"

#include <QJsonDocument>
#include <QUrl>

namespace qw {

namespace {

Result<void> invalid(QString message)
{
    return fail(ErrorCode::InvalidInput, std::move(message));
}

} // namespace

const WebhookRegistry &WebhookFormatter::presets()
{
    // Immutable after construction, so one table serves every thread.
    static const WebhookRegistry registry = WebhookRegistry::builtin();
    return registry;
}

QString WebhookFormatter::serviceName(ChannelKind kind)
{
    if (kind == ChannelKind::Email)
        return QStringLiteral("e-mail");
    const WebhookPreset *preset = presets().find(kind);
    return preset ? preset->serviceName() : QStringLiteral("webhook");
}

QString WebhookFormatter::summary(const QString &url)
{
    return QUrl(url.trimmed()).host().toLower();
}

Result<void> WebhookFormatter::validate(const WebhookTarget &target)
{
    const WebhookPreset *preset = isWebhookKind(target.kind) ? presets().find(target.kind) : nullptr;
    if (!preset)
        return invalid(QStringLiteral("an e-mail channel has no webhook to send to"));
    const QString label = preset->urlLabel();
    const QString text = target.url.trimmed();
    if (text.isEmpty())
        return invalid(label + QStringLiteral(" is empty; paste the whole URL, e.g. ") +
                       preset->urlExample());
    const QUrl url(text);
    if (!url.isValid() || url.host().isEmpty())
        return invalid(label + QStringLiteral(" is not a valid web address; it must look like ") +
                       preset->urlExample());
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("https") && scheme != QLatin1String("http"))
        return invalid(label + QStringLiteral(" (on ") + url.host() + QStringLiteral(") starts with ") +
                       scheme + QStringLiteral("://; it must start with https:// or http://"));
    // The URL itself is the credential (and the generic webhook's headers may be one): in clear
    // it would be readable by anyone on the path. Plain http stays for a receiver on this
    // machine (a local bridge, a test server).
    if (CleartextPolicy::isCleartextOffLoopback(url))
        return invalid(label + QStringLiteral(" (on ") + url.host() +
                       QStringLiteral(") starts with http://, which would send its token unencrypted; "
                                      "use https:// (plain http:// is only accepted to this machine: "
                                      "localhost, 127.0.0.1 or ::1)"));
    return preset->validate(target, url);
}

Result<WebhookRequest> WebhookFormatter::format(const WebhookTarget &target, const AlertNotice &notice,
                                                const QDateTime &now)
{
    if (Result<void> valid = validate(target); !valid)
        return tl::unexpected(valid.error());
    const WebhookPreset *preset = presets().find(target.kind); // validate() found it

    WebhookRequest request;
    request.url = target.url.trimmed();
    HttpRequestSpec &spec = request.spec;
    spec.method = QByteArrayLiteral("POST");
    spec.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    // HttpClient drops a base URL's trailing slashes; a path of "/" puts one back, for servers
    // that route "/hook/" and "/hook" differently.
    if (request.url.endsWith(QLatin1Char('/')) && !QUrl(request.url).hasQuery())
        spec.path = QStringLiteral("/");

    Result<QJsonObject> body = preset->payload(target, notice, now, request);
    if (!body)
        return tl::unexpected(body.error());
    spec.body = QJsonDocument(*body).toJson(QJsonDocument::Compact);
    return request;
}

Result<void> WebhookFormatter::checkReply(ChannelKind kind, const HttpReply &reply)
{
    const WebhookPreset *preset = isWebhookKind(kind) ? presets().find(kind) : nullptr;
    if (!preset)
        return fail(ErrorCode::InvalidInput, QStringLiteral("an e-mail channel has no webhook reply"));
    return preset->checkReply(reply);
}

} // namespace qw
