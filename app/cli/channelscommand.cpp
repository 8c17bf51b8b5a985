#include "app/cli/channelscommand.h"

#include "app/cli/clicontext.h"
#include "app/cli/tableprinter.h"
#include "core/alerts/alertmessages.h"
#include "core/alerts/channelconfig.h"
#include "core/alerts/notificationsender.h"
#include "core/poll/httpclient.h"
#include "core/storage/channelrepository.h"
#include "core/storage/userrepository.h"

#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

namespace qw::cli {

namespace {

// A test send gets this long (the SMTP sender's own timeout is shorter).
constexpr int kTestTimeoutMs = 60'000;

QStringList splitList(const QStringList &values)
{
    QStringList items;
    for (const QString &value : values) {
        for (const QString &item : value.split(u',', Qt::SkipEmptyParts))
            items << item.trimmed();
    }
    return items;
}

// The one ID argument of "channels test|remove"; nullopt with `exitCode` set after --help or a
// wrong argument (already reported).
std::optional<qint64> channelIdArgument(CliContext &context, const QString &command,
                                        const QString &description, const QStringList &args, int &exitCode)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(description);
    parser.addPositionalArgument(QStringLiteral("ID"),
                                 QStringLiteral("The channel's id (see “channels list”)."));
    if (!context.parse(parser, command, args, 1, 1, exitCode))
        return std::nullopt;
    bool ok = false;
    const QString text = parser.positionalArguments().constFirst();
    const qint64 id = text.toLongLong(&ok);
    if (!ok || id <= 0) {
        exitCode = context.usageError(command, QStringLiteral("“%1” is not a channel id").arg(text));
        return std::nullopt;
    }
    return id;
}

Error noSuchChannel(qint64 id)
{
    return Error{ErrorCode::NotFound,
                 QStringLiteral("no channel with id %1; see “quotawatch channels list”").arg(id)};
}

struct AddOptions
{
    QCommandLineOption kind{
        QStringLiteral("kind"),
        QStringLiteral("email, webhook, slack, discord, telegram, feishu, dingtalk or wecom."),
        QStringLiteral("kind")};
    QCommandLineOption name{QStringLiteral("name"), QStringLiteral("A name to recognise the channel by."),
                            QStringLiteral("name")};
    QCommandLineOption events{QStringLiteral("events"),
                              QStringLiteral("Only these alerts (comma-separated: low_balance, key_failing, "
                                             "recovered, topup, forecast_empty, spend_spike); default all."),
                              QStringLiteral("list")};
    // E-mail.
    QCommandLineOption host{QStringLiteral("host"), QStringLiteral("SMTP server."), QStringLiteral("host")};
    QCommandLineOption port{QStringLiteral("port"),
                            QStringLiteral("SMTP port (default 587, or 465 with tls)."),
                            QStringLiteral("port")};
    QCommandLineOption security{QStringLiteral("security"),
                                QStringLiteral("none, starttls (default) or tls."), QStringLiteral("mode")};
    QCommandLineOption user{QStringLiteral("user"),
                            QStringLiteral("SMTP login; the password is read from standard input."),
                            QStringLiteral("user")};
    QCommandLineOption from{QStringLiteral("from"), QStringLiteral("Sender address."),
                            QStringLiteral("address")};
    QCommandLineOption to{QStringLiteral("to"), QStringLiteral("Recipients (comma-separated, repeatable)."),
                          QStringLiteral("addresses")};
    QCommandLineOption caFile{QStringLiteral("ca-file"),
                              QStringLiteral("PEM file of CAs to trust (a server with its own certificate)."),
                              QStringLiteral("file")};
    // Webhooks.
    QCommandLineOption url{
        QStringLiteral("url"),
        QStringLiteral("Webhook URL. Leave it out to read it from standard input, which keeps "
                       "its token out of the process list."),
        QStringLiteral("url")};
    QCommandLineOption option{
        QStringLiteral("option"),
        QStringLiteral("k=v (repeatable): chat_id=… (telegram), secret=… or secret=- to "
                       "read the signing secret from standard input (dingtalk, feishu)."),
        QStringLiteral("k=v")};

    [[nodiscard]] QList<QCommandLineOption> all() const
    {
        return {kind, name, events, host, port, security, user, from, to, caFile, url, option};
    }
};

// Fills the e-mail part of `draft` from the flags; the password from stdin when --user is set.
Result<void> readEmail(CliContext &context, const QCommandLineParser &parser, const AddOptions &options,
                       ChannelDraft &draft)
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
Result<void> readWebhook(CliContext &context, const QCommandLineParser &parser, const AddOptions &options,
                         ChannelDraft &draft)
{
    for (const QCommandLineOption &emailOnly : {options.host, options.port, options.security, options.user,
                                                options.from, options.to, options.caFile}) {
        if (parser.isSet(emailOnly))
            return fail(ErrorCode::InvalidInput, QStringLiteral("--%1 is for e-mail channels, not webhooks")
                                                     .arg(emailOnly.names().constFirst()));
    }
    QJsonObject webhookOptions;
    bool secretFromStdin = false;
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
                secretFromStdin = true;
            else
                draft.secrets.insert(QStringLiteral("secret"), value);
        } else {
            webhookOptions.insert(name, value);
        }
    }
    if (secretFromStdin && !parser.isSet(options.url))
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("only one value can come from standard input: give --url, or the signing "
                                   "secret with --option secret=…"));
    if (secretFromStdin || !parser.isSet(options.url)) {
        auto value = context.readSecret(secretFromStdin ? QStringLiteral("Signing secret")
                                                        : QStringLiteral("Webhook URL"));
        if (!value)
            return tl::unexpected(value.error());
        draft.secrets.insert(secretFromStdin ? QStringLiteral("secret") : QStringLiteral("url"),
                             QString::fromUtf8(value->view().toByteArray()));
    }
    if (parser.isSet(options.url))
        draft.secrets.insert(QStringLiteral("url"), parser.value(options.url).trimmed());
    if (!webhookOptions.isEmpty())
        draft.settings.insert(QStringLiteral("options"), webhookOptions);
    return {};
}

int addChannel(CliContext &context, const QStringList &args)
{
    const QString command = QStringLiteral("channels add");
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Add a place to deliver alerts. E-mail: --kind email --host H [--port P] [--security "
        "none|starttls|tls] "
        "[--user U] --from ADDR --to ADDR[,ADDR...] [--ca-file PEM] (password on standard input when --user "
        "is "
        "given). Webhooks: --kind webhook|slack|discord|telegram|feishu|dingtalk|wecom [--url URL] "
        "[--option k=v]... (the URL on standard input when --url is left out)."));
    const AddOptions options;
    parser.addOptions(options.all());
    int exitCode = kExitOk;
    if (!context.parse(parser, command, args, 0, 0, exitCode))
        return exitCode;

    const QString kindText = parser.value(options.kind).trimmed().toLower();
    const auto kind = channelKindFromString(kindText);
    if (!kind)
        return context.usageError(
            command, kindText.isEmpty()
                         ? QStringLiteral("--kind is required (email, webhook, slack, discord, telegram, "
                                          "feishu, dingtalk or wecom)")
                         : QStringLiteral("unknown kind “%1”; use email, webhook, slack, discord, "
                                          "telegram, feishu, dingtalk or wecom")
                               .arg(kindText));
    if (!parser.isSet(options.name))
        return context.usageError(command, QStringLiteral("--name is required"));

    ChannelDraft draft;
    draft.kind = *kind;
    draft.name = parser.value(options.name);
    if (parser.isSet(options.events))
        draft.settings.insert(QStringLiteral("events"),
                              QJsonArray::fromStringList(splitList(parser.values(options.events))));
    auto read = *kind == ChannelKind::Email ? readEmail(context, parser, options, draft)
                                            : readWebhook(context, parser, options, draft);
    if (!read)
        return read.error().code == ErrorCode::InvalidInput
                   ? context.usageError(command, read.error().message)
                   : context.report(read.error());

    // Checked before the master key or database are touched: a wrong flag writes nothing.
    auto unlocked = context.openUnlocked();
    if (!unlocked)
        return context.report(unlocked.error());
    auto channel = ChannelConfig::seal(draft, unlocked->vault);
    if (!channel)
        return channel.error().code == ErrorCode::InvalidInput
                   ? context.usageError(command, channel.error().message)
                   : context.report(channel.error());
    auto owner = UserRepository(*unlocked->db).ensureOwner();
    if (!owner)
        return context.report(owner.error());
    channel->userId = *owner;
    auto id = ChannelRepository(*unlocked->db).insert(*channel);
    if (!id)
        return context.report(id.error());
    context.out() << *id << Qt::endl;
    return kExitOk;
}

int listChannels(CliContext &context, const QStringList &args)
{
    const QString command = QStringLiteral("channels list");
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("List the alert channels (never their secrets)."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON."));
    parser.addOption(json);
    int exitCode = kExitOk;
    if (!context.parse(parser, command, args, 0, 0, exitCode))
        return exitCode;
    auto db = context.openDatabase();
    if (!db)
        return context.report(db.error());
    auto channels = ChannelRepository(**db).list();
    if (!channels)
        return context.report(channels.error());

    if (parser.isSet(json)) {
        QJsonArray array;
        for (const Channel &channel : *channels) {
            array.append(QJsonObject{
                {QStringLiteral("id"), channel.id},
                {QStringLiteral("name"), channel.name},
                {QStringLiteral("kind"), toString(channel.kind)},
                {QStringLiteral("target"), ChannelConfig::summary(channel)},
                {QStringLiteral("events"), channel.settings.value(QLatin1String("events")).toArray()},
                {QStringLiteral("enabled"), channel.enabled},
                {QStringLiteral("created_at"), channel.createdAt.toString(Qt::ISODate)},
            });
        }
        context.out() << QJsonDocument(array).toJson(QJsonDocument::Indented) << Qt::flush;
        return kExitOk;
    }
    if (channels->empty()) {
        context.out()
            << "No channels yet. Add one with “quotawatch channels add --kind email|webhook|slack|... "
               "--name N ...”."
            << Qt::endl;
        return kExitOk;
    }
    TablePrinter table({QStringLiteral("ID"), QStringLiteral("NAME"), QStringLiteral("KIND"),
                        QStringLiteral("TARGET"), QStringLiteral("EVENTS"), QStringLiteral("ENABLED")});
    for (const Channel &channel : *channels) {
        QStringList events;
        const QJsonArray eventArray = channel.settings.value(QLatin1String("events")).toArray();
        for (const QJsonValue &event : eventArray)
            events << event.toString();
        table.addRow({QString::number(channel.id), channel.name, toString(channel.kind),
                      ChannelConfig::summary(channel),
                      events.isEmpty() ? QStringLiteral("all") : events.join(u','),
                      channel.enabled ? QStringLiteral("yes") : QStringLiteral("no")});
    }
    table.print(context.out());
    return kExitOk;
}

int testChannel(CliContext &context, const QStringList &args)
{
    int exitCode = kExitOk;
    const auto id =
        channelIdArgument(context, QStringLiteral("channels test"),
                          QStringLiteral("Send a test message through a channel now."), args, exitCode);
    if (!id)
        return exitCode;

    auto unlocked = context.openUnlocked();
    if (!unlocked)
        return context.report(unlocked.error());
    auto channel = ChannelRepository(*unlocked->db).find(*id);
    if (!channel)
        return context.report(channel.error());
    if (!*channel)
        return context.report(noSuchChannel(*id));

    AlertNotice notice;
    notice.alert.kind = AlertKind::Test;
    notice.alert.createdAt = QDateTime::currentDateTimeUtc();
    notice.keyName = QStringLiteral("QuotaWatch");
    notice.platform = QStringLiteral("test");
    AlertMessages::test(notice.alert, (*channel)->name);

    HttpClient http;
    NotificationSender sender(unlocked->vault, http);
    QEventLoop loop;
    std::optional<Result<void>> outcome;
    sender.send(**channel, notice, notice.alert.createdAt, [&](Result<void> result) {
        outcome = std::move(result);
        loop.quit();
    });
    QTimer::singleShot(kTestTimeoutMs, &loop, &QEventLoop::quit);
    if (!outcome)
        loop.exec();
    if (!outcome) {
        http.abortAll(); // completes a webhook send with "cancelled"
        if (!outcome)
            outcome = fail(ErrorCode::Io, QStringLiteral("no answer within %1 s").arg(kTestTimeoutMs / 1000));
    }
    if (!*outcome) {
        context.err() << "quotawatch: channel " << *id << " (" << (*channel)->name
                      << "): " << outcome->error().message << Qt::endl;
        return kExitCheckFailed;
    }
    context.out() << "Sent a test message through channel " << *id << " (" << (*channel)->name << ")."
                  << Qt::endl;
    return kExitOk;
}

int removeChannel(CliContext &context, const QStringList &args)
{
    int exitCode = kExitOk;
    const auto id =
        channelIdArgument(context, QStringLiteral("channels remove"),
                          QStringLiteral("Delete a channel and its undelivered alerts."), args, exitCode);
    if (!id)
        return exitCode;
    auto db = context.openDatabase();
    if (!db)
        return context.report(db.error());
    ChannelRepository channels(**db);
    auto existing = channels.find(*id);
    if (!existing)
        return context.report(existing.error());
    if (!*existing)
        return context.report(noSuchChannel(*id));
    auto removed = channels.remove(*id);
    if (!removed)
        return context.report(removed.error());
    context.out() << "Removed channel " << *id << " (" << (*existing)->name << ")" << Qt::endl;
    return kExitOk;
}

} // namespace

int runChannelsCommand(CliContext &context, const QStringList &args)
{
    const QString action = args.value(0);
    const QStringList rest = args.mid(1);
    if (action == QLatin1String("add"))
        return addChannel(context, rest);
    if (action == QLatin1String("list"))
        return listChannels(context, rest);
    if (action == QLatin1String("test"))
        return testChannel(context, rest);
    if (action == QLatin1String("remove"))
        return removeChannel(context, rest);
    if (action == QLatin1String("--help") || action == QLatin1String("-h") || action.isEmpty()) {
        (action.isEmpty() ? context.err() : context.out())
            << "Usage: quotawatch channels add|list|test|remove ...\n"
               "  channels add --kind email --name N --host H [--port P] [--security none|starttls|tls] "
               "[--user U]\n"
               "               --from ADDR --to ADDR[,ADDR...] [--ca-file PEM] [--events LIST]\n"
               "               (password on standard input)\n"
               "  channels add --kind webhook|slack|discord|telegram|feishu|dingtalk|wecom --name N [--url "
               "URL]\n"
               "               [--option k=v]... [--events LIST]   (URL on standard input when --url is left "
               "out)\n"
               "  channels list [--json]\n"
               "  channels test ID\n"
               "  channels remove ID\n"
            << Qt::flush;
        return action.isEmpty() ? kExitUsage : kExitOk;
    }
    return context.usageError(QStringLiteral("channels"), QStringLiteral("unknown action “%1”").arg(action));
}

} // namespace qw::cli
