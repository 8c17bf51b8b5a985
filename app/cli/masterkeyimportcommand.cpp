#include "app/cli/masterkeyimportcommand.h"

#include "app/cli/clicontext.h"
#include "core/secrets/keychainmasterkeystore.h"
#include "core/secrets/vaultunlocker.h"

namespace qw::cli {

MasterKeyImportCommand::MasterKeyImportCommand()
    : Command(
          QStringLiteral("master-key import"),
          QStringLiteral("Store the master key read from stdin (never an argument) in the OS keychain, once "
                         "it proved to open this database's secrets."))
{
    addOptions({m_replace});
}

int MasterKeyImportCommand::run(CliContext &context, const QCommandLineParser &parser)
{
    auto key = context.readSecret(QStringLiteral("Master key"));
    if (!key)
        return context.report(key.error());
    KeychainMasterKeyStore keychain;
    auto service = context.masterKeys(keychain);
    if (!service)
        return context.report(service.error());
    auto imported = service->importKey(*key, parser.isSet(m_replace));
    if (!imported)
        return context.report(imported.error());
    if (*imported == MasterKeyService::Imported::AlreadyThere)
        context.out() << keychain.description() << " already holds this master key; nothing was changed."
                      << Qt::endl;
    else
        context.out() << "Stored the master key in " << keychain.description() << '.' << Qt::endl;
    if (const auto envKey = MasterKeyService::environmentKey(); !envKey || *envKey)
        context.err() << "quotawatch: warning: " << QLatin1String(VaultUnlocker::kEnvVariable)
                      << " is set and is used instead of the keychain; unset it to use the key just stored."
                      << Qt::endl;
    return kExitOk;
}

} // namespace qw::cli
