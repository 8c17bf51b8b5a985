// Finds the master key and proves it belongs to this database before anything is encrypted.
//
// Order: QUOTAWATCH_MASTER_KEY when set, else the keychain. A new key is created in the
// keychain only when the keychain has none *and* the database holds no secrets yet; otherwise
// old tokens would become undecryptable. The database keeps a Fernet token of a fixed text
// (settings key "vault.check"): a master key that cannot open it is refused, and nothing is
// overwritten or re-encrypted.
#pragma once

#include "core/crypto/vault.h"
#include "core/result.h"

#include <QString>
#include <optional>

namespace qw {

class MasterKeyStore;
class SettingsRepository;

class VaultUnlocker final
{
public:
    // `envKey` is the value of QUOTAWATCH_MASTER_KEY, or nullopt when unset.
    VaultUnlocker(std::optional<QByteArray> envKey, MasterKeyStore &store);

    // Looks the key up without writing anything: the env key, or the keychain's entry.
    // MasterKeyUnavailable when the keychain cannot be reached and no env key is set.
    // nullopt (success) when the keychain is reachable but holds no key yet.
    [[nodiscard]] Result<std::optional<SecureBytes>> lookUp();

    // lookUp(), then checks the key against the database, creating and enrolling a key when
    // this is the first use. Returns the vault ready for use.
    [[nodiscard]] Result<Vault> unlock(SettingsRepository &settings);

    static constexpr auto kEnvVariable = "QUOTAWATCH_MASTER_KEY";
    static constexpr auto kCheckSetting = "vault.check";

private:
    // Opens a database that already has a check token with `key` (nullopt: none found).
    [[nodiscard]] Result<Vault> openEnrolled(const std::optional<SecureBytes> &key,
                                             const QString &check) const;

    std::optional<QByteArray> m_envKey;
    MasterKeyStore &m_store;
};

} // namespace qw
