#include "app/cli/masterkeyrotatecommand.h"

#include "app/cli/clicontext.h"
#include "core/secrets/environmentmasterkey.h"
#include "core/secrets/keychainmasterkeystore.h"
#include "core/secrets/vaultunlocker.h"

namespace qw::cli {

MasterKeyRotateCommand::MasterKeyRotateCommand()
    : Command(
          QStringLiteral("master-key rotate"),
          QStringLiteral("Replace the master key: every secret is sealed again under a new key in one "
                         "transaction; the new key goes to the OS keychain (or is printed once when the old "
                         "one came from the environment, a key file or a systemd credential)."))
{}

int MasterKeyRotateCommand::run(CliContext &context, const QCommandLineParser &)
{
    KeychainMasterKeyStore keychain;
    auto service = context.masterKeys(keychain);
    if (!service)
        return context.report(service.error());
    auto rotation = service->rotate();
    if (!rotation)
        return context.report(rotation.error());

    const QString variable = QLatin1String(VaultUnlocker::kEnvVariable);
    context.err() << "quotawatch: rotated the master key: sealed again the secrets of " << rotation->keys
                  << " API key(s), " << rotation->channels << " alert channel(s) and " << rotation->settings
                  << " setting(s)." << Qt::endl;
    if (rotation->unreadable > 0)
        context.err()
            << "quotawatch: warning: " << rotation->unreadable
            << " row(s) could not be opened or had a failing destination binding under the old key; "
               "they still fail and must be entered again."
            << Qt::endl;
    const QLatin1StringView newKey(rotation->newKey.view().data(), rotation->newKey.size());
    int exitCode = kExitOk;
    if (rotation->fromEnvironment) {
        // The environment, QUOTAWATCH_MASTER_KEY_FILE or a systemd credential: wherever it came
        // from, the new key goes to the same place.
        context.err()
            << "quotawatch: the old key did not come from the keychain (" << variable << ", "
            << EnvironmentMasterKey::kFileVariable
            << " or a systemd credential): put the new key below where the old one was, on this and "
               "every other instance, now (it is shown only this once; keep it in a password manager)."
            << Qt::endl;
        context.out() << newKey << Qt::endl;
    } else if (rotation->storeError) {
        // Committed already: the secrets are sealed under the new key, which must not be lost.
        context.err() << "quotawatch: the new master key could not be stored in " << keychain.description()
                      << " (" << rotation->storeError->message << "). It is printed below, only this once: "
                      << "import it with “quotawatch master-key import --replace” or set " << variable
                      << " to it." << Qt::endl;
        context.out() << newKey << Qt::endl;
        exitCode = kExitMasterKey;
    } else {
        context.out() << "The new master key is in " << keychain.description() << '.' << Qt::endl;
    }
    context.err()
        << "quotawatch: other instances on this database stop checking until they get the new key: "
           "“quotawatch master-key export” here, “quotawatch master-key import --replace” there (or "
        << variable << ")." << Qt::endl;
    return exitCode;
}

} // namespace qw::cli
