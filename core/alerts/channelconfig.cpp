#include "core/alerts/channelconfig.h"

#include "core/alerts/webhooktargethint.h"
#include "core/crypto/destinationbinding.h"
#include "core/crypto/vault.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace qw {

namespace {

QStringList stringsOf(const QJsonValue &value)
{
    QStringList strings;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array)
        strings << item.toString();
    return strings;
}

Result<void> checkEvents(const QJsonObject &settings)
{
    const QJsonValue events = settings.value(QLatin1String("events"));
    if (events.isUndefined())
        return {};
    for (const QString &event : stringsOf(events)) {
        if (!alertKindFromString(event))
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("unknown event “%1”; use low_balance, key_failing, recovered, topup, "
                                       "forecast_empty or spend_spike")
                            .arg(event));
    }
    return {};
}

QLatin1String headerPrefix()
{
    return QLatin1String("header.");
}

// The "header.<Name>" options of `settings` moved into secrets' "headers" object: a header
// value is usually a credential (Authorization, X-Api-Key), so it is sealed with the URL and only
// the header's name stays visible (under "header_names"). Headers already sealed (an edit that
// starts from the stored channel) are kept unless the draft names them again.
void sealHeaders(QJsonObject &settings, QJsonObject &secrets)
{
    QJsonObject headers = secrets.value(QLatin1String("headers")).toObject();
    QJsonObject options = settings.value(QLatin1String("options")).toObject();
    const QStringList keys = options.keys();
    for (const QString &key : keys) {
        if (!key.startsWith(headerPrefix()))
            continue;
        headers.insert(key.mid(headerPrefix().size()), options.take(key));
    }
    settings.remove(QStringLiteral("options"));
    if (!options.isEmpty())
        settings.insert(QStringLiteral("options"), options);
    secrets.remove(QStringLiteral("headers"));
    settings.remove(QStringLiteral("header_names"));
    if (headers.isEmpty())
        return;
    secrets.insert(QStringLiteral("headers"), headers);
    settings.insert(QStringLiteral("header_names"), QJsonArray::fromStringList(headers.keys()));
}

} // namespace

Result<SmtpSettings> ChannelConfig::smtpSettings(const QJsonObject &settings)
{
    SmtpSettings smtp;
    smtp.host = settings.value(QLatin1String("host")).toString();
    smtp.port = settings.value(QLatin1String("port")).toInt(0);
    const QString security = settings.value(QLatin1String("security")).toString(QStringLiteral("starttls"));
    const auto parsed = smtpSecurityFromString(security);
    if (!parsed)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("security “%1” is not one of none, starttls, tls").arg(security));
    smtp.security = *parsed;
    if (smtp.port == 0)
        smtp.port = smtp.security == SmtpSecurity::Tls ? 465 : 587;
    smtp.user = settings.value(QLatin1String("user")).toString();
    smtp.from = settings.value(QLatin1String("from")).toString();
    smtp.to = stringsOf(settings.value(QLatin1String("to")));
    smtp.caFile = settings.value(QLatin1String("ca_file")).toString();
    if (const int timeout = settings.value(QLatin1String("timeout_s")).toInt(0); timeout > 0)
        smtp.timeoutS = timeout;
    return smtp;
}

WebhookTarget ChannelConfig::webhookTarget(ChannelKind kind, const QJsonObject &settings,
                                           const QJsonObject &secrets)
{
    WebhookTarget target;
    target.kind = kind;
    target.url = secrets.value(QLatin1String("url")).toString();
    target.signingSecret = secrets.value(QLatin1String("secret")).toString();
    target.options = settings.value(QLatin1String("options")).toObject();
    // Sealed headers back into the form the presets read; older rows may still have them among
    // the options until ChannelConfig::moveHeadersIntoSecrets() ran.
    const QJsonObject headers = secrets.value(QLatin1String("headers")).toObject();
    for (auto it = headers.begin(); it != headers.end(); ++it)
        target.options.insert(headerPrefix() + it.key(), it.value());
    return target;
}

Result<Channel> ChannelConfig::seal(const ChannelDraft &draft, const Vault &vault, qint64 userId)
{
    if (draft.name.trimmed().isEmpty())
        return fail(ErrorCode::InvalidInput, QStringLiteral("a channel needs a name"));
    if (auto events = checkEvents(draft.settings); !events)
        return tl::unexpected(events.error());

    Channel channel;
    channel.userId = userId;
    channel.kind = draft.kind;
    channel.name = draft.name.trimmed();
    channel.settings = draft.settings;
    QJsonObject secrets = draft.secrets;
    if (draft.kind != ChannelKind::Email)
        sealHeaders(channel.settings, secrets);
    if (draft.kind == ChannelKind::Email) {
        auto smtp = smtpSettings(draft.settings);
        if (!smtp)
            return tl::unexpected(smtp.error());
        if (!smtp->user.isEmpty() && draft.secrets.value(QLatin1String("password")).toString().isEmpty())
            return fail(
                ErrorCode::InvalidInput,
                QStringLiteral("a user name was given but no password; pass the password on standard input"));
        // Validates addresses, host and port the way the sender will, without sending.
        if (auto valid = EmailSender::validate(*smtp); !valid)
            return tl::unexpected(valid.error());
        channel.settings.insert(QStringLiteral("port"), smtp->port);
        channel.settings.insert(QStringLiteral("security"), toString(smtp->security));
    } else {
        const WebhookTarget target = webhookTarget(draft.kind, channel.settings, secrets);
        if (auto valid = WebhookFormatter::validate(target); !valid)
            return tl::unexpected(valid.error());
        channel.settings.insert(QStringLiteral("host"), WebhookFormatter::summary(target.url));
        // Two channels on one service (two Slack channels) need more than the host to tell apart.
        channel.settings.insert(QStringLiteral("target_hint"), WebhookTargetHint::of(target.url));
    }

    QByteArray plaintext = QJsonDocument(secrets).toJson(QJsonDocument::Compact);
    const SecureBytes sealedSecrets(std::move(plaintext));
    auto sealed = vault.encrypt(sealedSecrets.view());
    if (!sealed)
        return tl::unexpected(sealed.error());
    channel.secretsEnc = *sealed;
    if (auto bound = DestinationBinding::bind(channel, vault); !bound)
        return tl::unexpected(bound.error());
    return channel;
}

Result<QJsonObject> ChannelConfig::openSecrets(const Channel &channel, const Vault &vault)
{
    if (!DestinationBinding::holds(channel, vault))
        return tl::unexpected(DestinationBinding::channelFailure(channel));
    auto plaintext = vault.decrypt(channel.secretsEnc);
    if (!plaintext)
        return tl::unexpected(plaintext.error());
    QJsonParseError error{};
    const QJsonDocument document =
        QJsonDocument::fromJson(QByteArray::fromRawData(plaintext->data(), plaintext->size()), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return fail(ErrorCode::Crypto,
                    QStringLiteral("the stored settings of channel “%1” are damaged; remove "
                                   "it and add it again")
                        .arg(channel.name));
    return document.object();
}

QStringList ChannelConfig::headerNames(const Channel &channel)
{
    return stringsOf(channel.settings.value(QLatin1String("header_names")));
}

bool ChannelConfig::hasHeadersInClear(const Channel &channel)
{
    const QJsonObject options = channel.settings.value(QLatin1String("options")).toObject();
    for (auto it = options.begin(); it != options.end(); ++it) {
        if (it.key().startsWith(headerPrefix()))
            return true;
    }
    return false;
}

Result<Channel> ChannelConfig::moveHeadersIntoSecrets(const Channel &channel, const Vault &vault)
{
    auto secrets = openSecrets(channel, vault);
    if (!secrets)
        return tl::unexpected(secrets.error());
    Channel moved = channel;
    sealHeaders(moved.settings, *secrets);
    QByteArray plaintext = QJsonDocument(*secrets).toJson(QJsonDocument::Compact);
    const SecureBytes sealedSecrets(std::move(plaintext));
    auto sealed = vault.encrypt(sealedSecrets.view());
    if (!sealed)
        return tl::unexpected(sealed.error());
    moved.secretsEnc = *sealed;
    return moved;
}

QString ChannelConfig::summary(const Channel &channel)
{
    const QJsonObject &settings = channel.settings;
    if (channel.kind != ChannelKind::Email) {
        const QStringList headers = headerNames(channel);
        // Channels stored before the hint existed show their host.
        const QString hint = settings.value(QLatin1String("target_hint")).toString();
        const QString host = hint.isEmpty() ? settings.value(QLatin1String("host")).toString() : hint;
        if (headers.isEmpty())
            return host;
        // The names only: the values are sealed.
        QStringList hidden;
        for (const QString &name : headers)
            hidden << name + QStringLiteral(": ") + QString(QChar(0x2026));
        return host + QStringLiteral(" (") + hidden.join(QStringLiteral(", ")) + u')';
    }
    return QStringLiteral("%1:%2 (%3) → %4")
        .arg(settings.value(QLatin1String("host")).toString())
        .arg(settings.value(QLatin1String("port")).toInt())
        .arg(settings.value(QLatin1String("security")).toString(),
             stringsOf(settings.value(QLatin1String("to"))).join(QStringLiteral(", ")));
}

} // namespace qw
