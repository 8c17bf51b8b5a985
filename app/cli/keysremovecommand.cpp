#include "app/cli/keysremovecommand.h"

#include "app/cli/clicontext.h"
#include "core/storage/apikeyrepository.h"

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

    auto db = context.openDatabase();
    if (!db)
        return context.report(db.error());
    ApiKeyRepository keys(**db);
    auto existing = keys.find(*id);
    if (!existing)
        return context.report(existing.error());
    if (!*existing)
        return context.report(noSuchKey(*id));
    auto removed = keys.remove(*id);
    if (!removed)
        return context.report(removed.error());
    context.out() << "Removed key " << *id << " (" << (*existing)->name << ")" << Qt::endl;
    return kExitOk;
}

} // namespace qw::cli
