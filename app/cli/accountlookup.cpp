#include "app/cli/accountlookup.h"

#include "app/cli/clicontext.h"
#include "core/crypto/securewipe.h"
#include "core/session/session.h"

namespace qw::cli {

Result<User> AccountLookup::find(Session &session, const QString &name)
{
    // The owner is made when missing, as any session with the master key would have.
    if (name.isEmpty() || name == QLatin1String(User::kOwnerName))
        return session.accounts().owner();
    auto user = session.accounts().findByName(name);
    if (!user && user.error().code == ErrorCode::NotFound)
        return fail(ErrorCode::NotFound,
                    QStringLiteral("no account named “%1” (see “quotawatch user list”)").arg(name));
    return user;
}

Result<QString> AccountLookup::readPassword(CliContext &context, const QString &username,
                                            const QString &command)
{
    auto secret = context.readSecret(QStringLiteral("Password for %1").arg(username));
    if (!secret) {
        if (secret.error().code == ErrorCode::InvalidInput)
            return fail(
                ErrorCode::InvalidInput,
                QStringLiteral("no password on standard input; pipe it in, e.g. printf %s \"$PASSWORD\" "
                               "| quotawatch %1 %2")
                    .arg(command, username));
        return tl::unexpected(secret.error());
    }
    QString password = QString::fromUtf8(secret->view());
    secret->wipe();
    return password;
}

} // namespace qw::cli
