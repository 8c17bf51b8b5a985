#include "core/secrets/unlockeddatabase.h"

#include "core/secrets/bindingmigration.h"
#include "core/secrets/environmentmasterkey.h"
#include "core/secrets/sealeddataupgrade.h"
#include "core/secrets/vaultunlocker.h"
#include "core/storage/sealedtokenrepository.h"
#include "core/storage/settingsrepository.h"

namespace qw {

Result<UnlockedDatabase> UnlockedDatabase::open(const DatabaseUrl &url, const QString &connectionName,
                                                MasterKeyStore &store)
{
    auto envKey = EnvironmentMasterKey::read();
    if (!envKey)
        return tl::unexpected(envKey.error());
    VaultUnlocker unlocker(*envKey, store);
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
    // Rows written before destination bindings existed are bound once, now that the key fits.
    // Said out loud: whoever can write the database could make it look old again (drop the
    // marker) to get redirected rows bound, and that must never go unnoticed.
    auto bound = BindingMigration::run(**db, *vault);
    if (!bound)
        return tl::unexpected(bound.error());
    if (bound->keys > 0 || bound->channels > 0)
        qWarning("QuotaWatch: bound the destinations of %d key(s) and %d alert channel(s) stored "
                 "without one (a database from an older version); this happens once per database",
                 bound->keys, bound->channels);
    // After the binding: only rows whose binding holds are brought up to date, and bound again.
    if (auto upgraded = SealedDataUpgrade::run(**db, *vault); !upgraded)
        return tl::unexpected(upgraded.error());
    return UnlockedDatabase{std::move(*db), std::move(*vault)};
}

} // namespace qw
