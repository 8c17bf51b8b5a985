#include "app/cli/keysremovecommand.h"

#include "app/cli/clicontext.h"

namespace qw::cli {

KeysRemoveCommand::KeysRemoveCommand()
    : Command(QStringLiteral("keys remove"), QStringLiteral("Stop watching a key and delete its history."))
{
    addPositional(QStringLiteral("ID"), QStringLiteral("The key's id (see “quotawatch keys list”)."));
}

int KeysRemoveCommand::run(CliContext &context, const QCommandLineParser &parser)
{
    int exitCode = kExitOk;
    const auto id =
        parseId(context, parser.positionalArguments().constFirst(), QStringLiteral("key"), exitCode);
    if (!id)
        return exitCode;

    auto session = context.openLockedSession();
    if (!session)
        return context.report(session.error());
    auto removed = (*session)->keys().remove(*id);
    if (!removed)
        return context.report(withKeysHint(removed.error()));
    context.out() << "Removed key " << *id << " (" << removed->name << ")" << Qt::endl;
    return kExitOk;
}

} // namespace qw::cli
