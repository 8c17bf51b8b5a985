#include "core/alerts/channelconfig.h"

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
        const WebhookTarget target = webhookTarget(draft.kind, draft.settings, draft.secrets);
        if (auto valid = WebhookFormatter::validate(target); !valid)
            return tl::unexpected(valid.error());
        channel.settings.insert(QStringLiteral("host"), WebhookFormatter::summary(target.url));
    }

    QByteArray plaintext = QJsonDocument(draft.secrets).toJson(QJsonDocument::Compact);
    const SecureBytes secrets(std::move(plaintext));
    auto sealed = vault.encrypt(secrets.view());
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

QString ChannelConfig::summary(const Channel &channel)
{
    const QJsonObject &settings = channel.settings;
    if (channel.kind != ChannelKind::Email)
        return settings.value(QLatin1String("host")).toString();
    return QStringLiteral("%1:%2 (%3) → %4")
        .arg(settings.value(QLatin1String("host")).toString())
        .arg(settings.value(QLatin1String("port")).toInt())
        .arg(settings.value(QLatin1String("security")).toString(),
             stringsOf(settings.value(QLatin1String("to"))).join(QStringLiteral(", ")));
}

} // namespace qw
