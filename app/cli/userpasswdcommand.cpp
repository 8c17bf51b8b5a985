#include "app/cli/userpasswdcommand.h"

#include "app/cli/accountlookup.h"
#include "app/cli/clicontext.h"
#include "core/crypto/securewipe.h"

namespace qw::cli {

UserPasswdCommand::UserPasswdCommand()
    : Command(QStringLiteral("user passwd"),
              QStringLiteral("Set an account's password (read from standard input)."))
{
    addPositional(QStringLiteral("NAME"),
                  QStringLiteral("The account, e.g. owner (see “quotawatch user list”)."));
}

int UserPasswdCommand::run(CliContext &context, const QCommandLineParser &parser)
{
    auto session = context.openLockedSession();
    if (!session)
        return context.report(session.error());
    auto user = AccountLookup::find(**session, parser.positionalArguments().constFirst());
    if (!user)
        return context.report(user.error());
    auto password = AccountLookup::readPassword(context, user->username, QStringLiteral("user passwd"));
    if (!password)
        return context.report(password.error());
    auto set = (*session)->accounts().setPassword(user->id, *password);
    secureWipe(*password);
    if (!set)
        return context.report(set.error());
    context.out() << "Changed the password of " << user->username << Qt::endl;
    return kExitOk;
}

} // namespace qw::cli
