#include "app/cli/useraddcommand.h"

#include "app/cli/accountlookup.h"
#include "app/cli/clicontext.h"
#include "core/crypto/securewipe.h"

namespace qw::cli {

UserAddCommand::UserAddCommand()
    : Command(QStringLiteral("user add"),
              QStringLiteral("Add an account for the REST API; its password is read from standard input."))
{
    addOptions({m_admin});
    addPositional(QStringLiteral("NAME"), QStringLiteral("3 to 64 letters, digits, '.', '_' or '-'."));
}

int UserAddCommand::run(CliContext &context, const QCommandLineParser &parser)
{
    const QString username = parser.positionalArguments().constFirst();
    auto session = context.openLockedSession();
    if (!session)
        return context.report(session.error());
    auto password = AccountLookup::readPassword(context, username, QStringLiteral("user add"));
    if (!password)
        return context.report(password.error());
    auto user = (*session)->accounts().addUser(username, *password, parser.isSet(m_admin));
    secureWipe(*password);
    if (!user)
        return context.report(user.error());
    context.out() << "Added " << (user->isAdmin ? "administrator " : "user ") << user->username << " (id "
                  << user->id << ")" << Qt::endl;
    return kExitOk;
}

} // namespace qw::cli
