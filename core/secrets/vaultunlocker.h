// Finds the master key and proves it belongs to this database before anything is encrypted.
//
// Order: QUOTAWATCH_MASTER_KEY when set, else the keychain. A new key is created in the
// keychain only when the keychain has none *and* the database holds no secrets yet; otherwise
// old tokens would become undecryptable. The database keeps a Fernet token of a fixed text
// (settings key "vault.check"): a master key that cannot open it is refused, and nothing is
// overwritten or re-encrypted. A database with secrets but no check (a partial restore, one
// from the old web application) is enrolled only with a key that decrypts a sample of them,
// so secrets are never sealed under two master keys.
#pragma once

#include "core/crypto/vault.h"
#include "core/result.h"
#include "core/storage/sealedtokenrepository.h"

#include <QString>
#include <optional>
#include <vector>

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

    // lookUp(), then checks the key against the database: against the check token, or, when
    // there is none, against the secrets already stored; a key is created and enrolled only
    // when the database holds no secret at all. Returns the vault ready for use.
    [[nodiscard]] Result<Vault> unlock(SettingsRepository &settings, SealedTokenRepository &sealed);

    // A new check token for `vault`'s key, for a rotation that replaces the check with its key.
    [[nodiscard]] static Result<QString> checkTokenFor(const Vault &vault);
    // Whether `vault` still opens the database's check: false once another process rotated the
    // master key (the check is sealed under a key this process does not hold). True when there
    // is no check yet, as before enrolment.
    [[nodiscard]] static Result<bool> opensCheck(const Vault &vault, SettingsRepository &settings);
    // Before sealing a secret: a MasterKeyMismatch error (replacedElsewhereMessage()) when
    // `vault` no longer opens the check, since what it sealed nobody else could read.
    [[nodiscard]] static Result<void> requireCurrent(const Vault &vault, SettingsRepository &settings);

    // What an instance whose key no longer opens the check says: the key was rotated elsewhere,
    // and how to get the new one.
    [[nodiscard]] static QString replacedElsewhereMessage();

    static constexpr auto kEnvVariable = "QUOTAWATCH_MASTER_KEY";
    static constexpr auto kCheckSetting = "vault.check";
    // How many of the oldest and of the newest tokens per table must decrypt before a database
    // without a check is enrolled.
    static constexpr int kSamplePerEnd = 3;

private:
    // Opens a database that already has a check token with `key` (nullopt: none found).
    [[nodiscard]] Result<Vault> openEnrolled(const std::optional<SecureBytes> &key,
                                             const QString &check) const;
    // A database with neither a check nor secrets: enrolls the key found, or a new one.
    [[nodiscard]] Result<Vault> enrollFirst(std::optional<SecureBytes> found, SettingsRepository &settings);
    // A database with secrets but no check: enrolls `found` only if it decrypts every sample.
    [[nodiscard]] Result<Vault> adoptSealed(const std::optional<SecureBytes> &found,
                                            const std::vector<SealedTokenRepository::Sealed> &samples,
                                            SettingsRepository &settings);
    // Opens with `key` against the check another process has just enrolled.
    [[nodiscard]] Result<Vault> openCurrentCheck(const std::optional<SecureBytes> &key,
                                                 SettingsRepository &settings) const;
    // Where the key came from, for messages: the variable or the store.
    [[nodiscard]] QString keySource() const;

    std::optional<QByteArray> m_envKey;
    MasterKeyStore &m_store;
};

} // namespace qw
