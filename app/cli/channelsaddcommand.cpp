#include "app/cli/channelsaddcommand.h"

#include "app/cli/clicontext.h"
#include "core/alerts/channelconfig.h"

#include <QFileInfo>
#include <QJsonArray>

namespace qw::cli {

namespace {

QStringList splitList(const QStringList &values)
{
    QStringList items;
    for (const QString &value : values) {
        for (const QString &item : value.split(u',', Qt::SkipEmptyParts))
            items << item.trimmed();
    }
    return items;
}

// Fills the e-mail part of `draft` from the flags; the password from stdin when --user is set.
Result<void> readEmail(CliContext &context, const QCommandLineParser &parser,
                       const ChannelAddOptions &options, ChannelDraft &draft)
{
    for (const QCommandLineOption &webhookOnly : {options.url, options.option}) {
        if (parser.isSet(webhookOnly))
            return fail(
                ErrorCode::InvalidInput,
                QStringLiteral("--%1 is for webhooks, not e-mail").arg(webhookOnly.names().constFirst()));
    }
    if (!parser.isSet(options.host) || !parser.isSet(options.from) || !parser.isSet(options.to))
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("an e-mail channel needs --host, --from and --to"));
    draft.settings.insert(QStringLiteral("host"), parser.value(options.host).trimmed());
    if (parser.isSet(options.port)) {
        bool ok = false;
        const int port = parser.value(options.port).toInt(&ok);
        if (!ok || port < 1 || port > 65535)
            return fail(
                ErrorCode::InvalidInput,
                QStringLiteral("port “%1” is not a number from 1 to 65535").arg(parser.value(options.port)));
        draft.settings.insert(QStringLiteral("port"), port);
    }
    if (parser.isSet(options.security))
        draft.settings.insert(QStringLiteral("security"), parser.value(options.security).trimmed().toLower());
    draft.settings.insert(QStringLiteral("from"), parser.value(options.from).trimmed());
    draft.settings.insert(QStringLiteral("to"),
                          QJsonArray::fromStringList(splitList(parser.values(options.to))));
    if (parser.isSet(options.caFile))
        // Absolute: serve (under systemd) and the desktop app send from other folders.
        draft.settings.insert(QStringLiteral("ca_file"),
                              QFileInfo(parser.value(options.caFile)).absoluteFilePath());
    if (parser.isSet(options.user)) {
        draft.settings.insert(QStringLiteral("user"), parser.value(options.user));
        auto password = context.readSecret(QStringLiteral("SMTP password"));
        if (!password)
            return tl::unexpected(password.error());
        draft.secrets.insert(QStringLiteral("password"), QString::fromUtf8(password->view().toByteArray()));
    }
    return {};
}

// Fills the webhook part of `draft`: the URL from --url or stdin, options, the signing secret.
Result<void> readWebhook(CliContext &context, const QCommandLineParser &parser,
                         const ChannelAddOptions &options, ChannelDraft &draft)
{
    for (const QCommandLineOption &emailOnly : {options.host, options.port, options.security, options.user,
                                                options.from, options.to, options.caFile}) {
        if (parser.isSet(emailOnly))
            return fail(ErrorCode::InvalidInput, QStringLiteral("--%1 is for e-mail channels, not webhooks")
                                                     .arg(emailOnly.names().constFirst()));
    }
    QJsonObject webhookOptions;
    QJsonObject headers;
    // What comes from standard input, which holds one value: "url", "secret" or "header.<Name>".
    QStringList fromStdin;
    for (const QString &pair : parser.values(options.option)) {
        const qsizetype equals = pair.indexOf(u'=');
        if (equals <= 0)
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("option “%1” is not of the form k=v").arg(pair));
        const QString name = pair.left(equals).trimmed();
        const QString value = pair.mid(equals + 1);
        if (name == QLatin1String("secret")) {
            // The signing secret is a secret: kept with the URL, never in the visible settings.
            if (value == QLatin1String("-"))
                fromStdin << name;
            else
                draft.secrets.insert(QStringLiteral("secret"), value);
        } else if (name.startsWith(QLatin1String("header."))) {
            // A header value is usually a credential: never on the command line, where other
            // users of the machine can read it.
            if (value != QLatin1String("-"))
                return fail(ErrorCode::InvalidInput,
                            QStringLiteral("give the value of %1 on standard input, not on the command line: "
                                           "--option %1=- (the command line is visible to other users)")
                                .arg(name));
            fromStdin << name;
        } else {
            webhookOptions.insert(name, value);
        }
    }
    if (!parser.isSet(options.url))
        fromStdin.prepend(QStringLiteral("url"));
    if (fromStdin.size() > 1)
        return fail(
            ErrorCode::InvalidInput,
            QStringLiteral("only one value can come from standard input, but %1 would; give --url, and "
                           "at most one of the signing secret (--option secret=-) or a header "
                           "(--option header.NAME=-)")
                .arg(fromStdin.join(QStringLiteral(", "))));
    if (!fromStdin.isEmpty()) {
        const QString what = fromStdin.constFirst();
        auto value =
            context.readSecret(what == QLatin1String("url")      ? QStringLiteral("Webhook URL")
                               : what == QLatin1String("secret") ? QStringLiteral("Signing secret")
                                                                 : QStringLiteral("Value of ") + what);
        if (!value)
            return tl::unexpected(value.error());
        const QString text = QString::fromUtf8(value->view().toByteArray());
        if (what.startsWith(QLatin1String("header.")))
            headers.insert(what.mid(7), text);
        else
            draft.secrets.insert(what, text);
    }
    if (!headers.isEmpty())
        draft.secrets.insert(QStringLiteral("headers"), headers);
    if (parser.isSet(options.url))
        draft.secrets.insert(QStringLiteral("url"), parser.value(options.url).trimmed());
    if (!webhookOptions.isEmpty())
        draft.settings.insert(QStringLiteral("options"), webhookOptions);
    return {};
}

} // namespace

ChannelsAddCommand::ChannelsAddCommand()
    : Command(
          QStringLiteral("channels add"),
          QStringLiteral(
              "Add a place to deliver alerts. E-mail: --kind email --host H [--port P] [--security "
              "none|starttls|tls] "
              "[--user U] --from ADDR --to ADDR[,ADDR...] [--ca-file PEM] (password on standard input when "
              "--user is "
              "given). Webhooks: --kind webhook|slack|discord|telegram|feishu|dingtalk|wecom [--url URL] "
              "[--option k=v]... (the URL on standard input when --url is left out; a header's value, "
              "--option header.NAME=-, and the signing secret, --option secret=-, on standard input too)."))
{
    addOptions(m_options.all());
}

int ChannelsAddCommand::run(CliContext &context, const QCommandLineParser &parser)
{
    const ChannelAddOptions &options = m_options;
    const QString kindText = parser.value(options.kind).trimmed().toLower();
    const auto kind = channelKindFromString(kindText);
    if (!kind)
        return context.usageError(
            name(), kindText.isEmpty()
                        ? QStringLiteral("--kind is required (email, webhook, slack, discord, telegram, "
                                         "feishu, dingtalk or wecom)")
                        : QStringLiteral("unknown kind “%1”; use email, webhook, slack, discord, "
                                         "telegram, feishu, dingtalk or wecom")
                              .arg(kindText));
    if (!parser.isSet(options.name))
        return context.usageError(name(), QStringLiteral("--name is required"));

    ChannelDraft draft;
    draft.kind = *kind;
    draft.name = parser.value(options.name);
    if (parser.isSet(options.events))
        draft.settings.insert(QStringLiteral("events"),
                              QJsonArray::fromStringList(splitList(parser.values(options.events))));
    auto read = *kind == ChannelKind::Email ? readEmail(context, parser, options, draft)
                                            : readWebhook(context, parser, options, draft);
    if (!read)
        return read.error().code == ErrorCode::InvalidInput ? context.usageError(name(), read.error().message)
                                                            : context.report(read.error());

    // Checked before the master key or database are touched: a wrong flag writes nothing.
    auto session = context.openSession();
    if (!session)
        return context.report(session.error());
    auto id = (*session)->channels().add(draft);
    if (!id)
        return id.error().code == ErrorCode::InvalidInput ? context.usageError(name(), id.error().message)
                                                          : context.report(id.error());
    context.out() << *id << Qt::endl;
    return kExitOk;
}

} // namespace qw::cli
