#include "app/cli/channelslistcommand.h"

#include "app/cli/clicontext.h"
#include "app/cli/tableprinter.h"
#include "core/alerts/channelconfig.h"
#include "core/json/modeljson.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace qw::cli {

ChannelsListCommand::ChannelsListCommand()
    : Command(QStringLiteral("channels list"),
              QStringLiteral("List the alert channels (never their secrets)."))
{
    addOptions({m_json});
}

int ChannelsListCommand::run(CliContext &context, const QCommandLineParser &parser)
{
    auto session = context.openLockedSession();
    if (!session)
        return context.report(session.error());
    auto channels = (*session)->channels().list();
    if (!channels)
        return context.report(channels.error());

    if (parser.isSet(m_json)) {
        QJsonArray array;
        for (const Channel &channel : *channels)
            array.append(ModelJson::channel(channel));
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

} // namespace qw::cli
