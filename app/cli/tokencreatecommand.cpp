#include "app/cli/tokencreatecommand.h"

#include "app/cli/accountlookup.h"
#include "app/cli/clicontext.h"

namespace qw::cli {

TokenCreateCommand::TokenCreateCommand()
    : Command(QStringLiteral("token create"),
              QStringLiteral("Make a personal access token for scripts and Prometheus; it is shown once."))
{
    addOptions({m_user});
    addPositional(QStringLiteral("NAME"), QStringLiteral("What the token is for, e.g. prometheus."));
}

int TokenCreateCommand::run(CliContext &context, const QCommandLineParser &parser)
{
    auto session = context.openLockedSession();
    if (!session)
        return context.report(session.error());
    auto user = AccountLookup::find(**session, parser.value(m_user));
    if (!user)
        return context.report(user.error());
    auto created = (*session)->accounts().createToken(user->id, parser.positionalArguments().constFirst());
    if (!created)
        return context.report(created.error());
    context.out() << "Created access token " << created->id << " for " << user->username << ":\n"
                  << created->token << "\n"
                  << "It is shown only this once: store it now (only its hash is kept). Send it as "
                     "“Authorization: Bearer <token>”; revoke it with “quotawatch token revoke "
                  << created->id << "”." << Qt::endl;
    return kExitOk;
}

} // namespace qw::cli
