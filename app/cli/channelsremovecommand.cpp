#include "app/cli/channelsremovecommand.h"

#include "app/cli/clicontext.h"

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
    auto session = context.openLockedSession();
    if (!session)
        return context.report(session.error());
    auto removed = (*session)->channels().remove(*id);
    if (!removed)
        return context.report(withChannelsHint(removed.error()));
    context.out() << "Removed channel " << *id << " (" << removed->name << ")" << Qt::endl;
    return kExitOk;
}

} // namespace qw::cli
