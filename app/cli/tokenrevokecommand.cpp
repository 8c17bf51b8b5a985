#include "app/cli/tokenrevokecommand.h"

#include "app/cli/accountlookup.h"
#include "app/cli/clicontext.h"

namespace qw::cli {

TokenRevokeCommand::TokenRevokeCommand()
    : Command(QStringLiteral("token revoke"),
              QStringLiteral("Revoke an access token: it stops working at once."))
{
    addOptions({m_user});
    addPositional(QStringLiteral("ID"), QStringLiteral("The token's id (see “quotawatch token list”)."));
}

int TokenRevokeCommand::run(CliContext &context, const QCommandLineParser &parser)
{
    int exitCode = kExitOk;
    const auto id =
        parseId(context, parser.positionalArguments().constFirst(), QStringLiteral("token"), exitCode);
    if (!id)
        return exitCode;
    auto session = context.openLockedSession();
    if (!session)
        return context.report(session.error());
    auto user = AccountLookup::find(**session, parser.value(m_user));
    if (!user)
        return context.report(user.error());
    if (auto revoked = (*session)->accounts().revokeToken(user->id, *id); !revoked) {
        if (revoked.error().code == ErrorCode::NotFound)
            return context.report(
                Error{ErrorCode::NotFound,
                      QStringLiteral("%1 has no access token with id %2 (see “quotawatch token "
                                     "list --user %1”)")
                          .arg(user->username)
                          .arg(*id)});
        return context.report(revoked.error());
    }
    context.out() << "Revoked access token " << *id << " of " << user->username << Qt::endl;
    return kExitOk;
}

} // namespace qw::cli
