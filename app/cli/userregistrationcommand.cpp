#include "app/cli/userregistrationcommand.h"

#include "app/cli/clicontext.h"

namespace qw::cli {

UserRegistrationCommand::UserRegistrationCommand()
    : Command(QStringLiteral("user registration"),
              QStringLiteral("Open or close self-service registration through the REST API; without an "
                             "argument, show whether it is open."))
{
    addPositional(QStringLiteral("STATE"), QStringLiteral("open or close."), QStringLiteral("[open|close]"));
    setPositionalRange(0, 1);
}

int UserRegistrationCommand::run(CliContext &context, const QCommandLineParser &parser)
{
    const QStringList arguments = parser.positionalArguments();
    const QString wanted = arguments.value(0);
    if (!wanted.isEmpty() && wanted != QLatin1String("open") && wanted != QLatin1String("close"))
        return context.usageError(name(), QStringLiteral("“%1” is neither open nor close").arg(wanted));
    auto session = context.openLockedSession();
    if (!session)
        return context.report(session.error());
    AccountService &accounts = (*session)->accounts();
    if (!wanted.isEmpty()) {
        if (auto set = accounts.setRegistrationOpen(wanted == QLatin1String("open")); !set)
            return context.report(set.error());
    }
    auto switched = accounts.registrationSwitch();
    if (!switched)
        return context.report(switched.error());
    auto open = accounts.registrationOpen();
    if (!open)
        return context.report(open.error());
    if (*open && !*switched)
        context.out() << "Registration: open until the first account has a password (that account becomes "
                         "the administrator)"
                      << Qt::endl;
    else
        context.out() << "Registration: " << (*open ? "open" : "closed") << Qt::endl;
    return kExitOk;
}

} // namespace qw::cli
