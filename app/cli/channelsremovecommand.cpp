#include "app/cli/channelsremovecommand.h"

#include "app/cli/clicontext.h"
#include "core/storage/channelrepository.h"

namespace qw::cli {

ChannelsRemoveCommand::ChannelsRemoveCommand()
    : Command(QStringLiteral("channels remove"),
              QStringLiteral("Delete a channel and its undelivered alerts."))
{
    addPositional(QStringLiteral("ID"), QStringLiteral("The channel's id (see “channels list”)."));
}

int ChannelsRemoveCommand::run(CliContext &context, const QCommandLineParser &parser)
{
    int exitCode = kExitOk;
    const auto id =
        parseId(context, parser.positionalArguments().constFirst(), QStringLiteral("channel"), exitCode);
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

} // namespace qw::cli
