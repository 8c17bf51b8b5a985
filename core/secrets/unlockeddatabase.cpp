#include "core/secrets/unlockeddatabase.h"

#include "core/secrets/sealeddataupgrade.h"
#include "core/secrets/vaultunlocker.h"
#include "core/storage/sealedtokenrepository.h"
#include "core/storage/settingsrepository.h"

namespace qw {

Result<UnlockedDatabase> UnlockedDatabase::open(const DatabaseUrl &url, const QString &connectionName,
                                                MasterKeyStore &store)
{
    std::optional<QByteArray> envKey;
    if (qEnvironmentVariableIsSet(VaultUnlocker::kEnvVariable))
        envKey = qgetenv(VaultUnlocker::kEnvVariable);
    VaultUnlocker unlocker(envKey, store);
    if (auto found = unlocker.lookUp(); !found)
        return tl::unexpected(found.error());
    auto db = Database::open(url, connectionName);
    if (!db)
        return tl::unexpected(db.error());
    SettingsRepository settings(**db);
    SealedTokenRepository sealed(**db);
    auto vault = unlocker.unlock(settings, sealed);
    if (!vault)
        return tl::unexpected(vault.error());
    if (auto upgraded = SealedDataUpgrade::run(**db, *vault); !upgraded)
        return tl::unexpected(upgraded.error());
    return UnlockedDatabase{std::move(*db), std::move(*vault)};
}

} // namespace qw
