#include "app/cli/masterkeyexportcommand.h"

#include "app/cli/clicontext.h"
#include "core/secrets/keychainmasterkeystore.h"

namespace qw::cli {

MasterKeyExportCommand::MasterKeyExportCommand()
    : Command(QStringLiteral("master-key export"),
              QStringLiteral("Print the master key of this database (from QUOTAWATCH_MASTER_KEY or the OS "
                             "keychain) once, for another instance; only the key goes to stdout."))
{}

int MasterKeyExportCommand::run(CliContext &context, const QCommandLineParser &)
{
    KeychainMasterKeyStore keychain;
    auto service = context.masterKeys(keychain);
    if (!service)
        return context.report(service.error());
    auto key = service->exportKey();
    if (!key)
        return context.report(key.error());
    // The warning first, on stderr: stdout holds the key alone, for a pipe into a password manager.
    context.err()
        << "quotawatch: warning: whoever holds this master key can read every API key and channel "
           "secret in this database. Keep it in a password manager; never paste it into a ticket, a "
           "chat or a shell history. Give it to another instance with “quotawatch master-key import” "
           "(it reads the key from stdin)."
        << Qt::endl;
    context.out() << QLatin1StringView(key->view().data(), key->size()) << Qt::endl;
    return kExitOk;
}

} // namespace qw::cli
