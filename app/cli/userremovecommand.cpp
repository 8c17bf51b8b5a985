#include "app/cli/userremovecommand.h"

#include "app/cli/accountlookup.h"
#include "app/cli/clicontext.h"

namespace qw::cli {

UserRemoveCommand::UserRemoveCommand()
    : Command(QStringLiteral("user remove"),
              QStringLiteral("Remove an account with its keys, channels and access tokens."))
{
    addPositional(QStringLiteral("NAME"), QStringLiteral("The account (see “quotawatch user list”)."));
}

int UserRemoveCommand::run(CliContext &context, const QCommandLineParser &parser)
{
    const QString username = parser.positionalArguments().constFirst();
    if (username == QLatin1String(User::kOwnerName))
        return context.report(
            Error{ErrorCode::InvalidInput,
                  QStringLiteral(
                      "“%1” is the local owner account the desktop and the command line act as; it cannot "
                      "be removed (remove its keys with “quotawatch keys remove ID”)")
                      .arg(username)});
    auto session = context.openLockedSession();
    if (!session)
        return context.report(session.error());
    auto user = AccountLookup::find(**session, username);
    if (!user)
        return context.report(user.error());
    if (auto removed = (*session)->accounts().remove(user->id); !removed)
        return context.report(removed.error());
    context.out() << "Removed " << user->username << " with its keys, channels and access tokens" << Qt::endl;
    return kExitOk;
}

} // namespace qw::cli
