// The master key as the team shares it: shown once to carry it to another instance (export),
// taken from another instance into the OS keychain (import), and replaced (rotate). Each proves
// the key against the database's vault check first, so a key that does not open this database's
// secrets is never printed, stored or used to seal anything.
#pragma once

#include "core/crypto/securebytes.h"
#include "core/model/databaseurl.h"
#include "core/result.h"

#include <QByteArray>
#include <QString>
#include <optional>

namespace qw {

class MasterKeyStore;

class MasterKeyService final
{
public:
    struct Rotation
    {
        SecureBytes newKey;
        int keys = 0;     // API keys whose secrets were sealed again
        int channels = 0; // alert channels whose secrets were sealed again
        int settings = 0; // sealed settings (the REST sign-in secret)
        // Rows the old key could not open or whose destination binding had already failed: left
        // failing, never bound under the new key (that would launder a redirected row).
        int unreadable = 0;
        // The old key came from QUOTAWATCH_MASTER_KEY: the new one is stored nowhere, the user
        // must put it there.
        bool fromEnvironment = false;
        // The keychain refused the new key after the commit: the caller must show the key.
        std::optional<Error> storeError;
    };

    enum class Imported
    {
        Stored,       // the key is now in the store
        AlreadyThere, // the store held this very key already; nothing was written
    };

    // `envKey` is QUOTAWATCH_MASTER_KEY (nullopt when unset), as VaultUnlocker takes it.
    MasterKeyService(DatabaseUrl url, QString connectionName, MasterKeyStore &store,
                     std::optional<QByteArray> envKey);

    // QUOTAWATCH_MASTER_KEY of this process, or its key file or systemd credential
    // (EnvironmentMasterKey); nullopt when there is none. An unusable key file is an error.
    [[nodiscard]] static Result<std::optional<QByteArray>> environmentKey();

    // The master key in use (the variable, else the store), once it opened the database's check.
    [[nodiscard]] Result<SecureBytes> exportKey();
    // Puts `key` into the store once it opens this database's secrets (the check, or without one
    // a sample of the secrets). A store that holds another key is replaced only with `replace`.
    // A key that does not fit: MasterKeyMismatch, the store untouched.
    [[nodiscard]] Result<Imported> importKey(const SecureBytes &key, bool replace);
    // Makes a new key and, in one transaction with the sealed tables locked against other
    // writers, seals every secret again under it, binds every row whose binding held, and
    // replaces the check. Only after the commit is the new key written to the store (unless the
    // old key came from the variable). Nothing changes when the transaction fails.
    [[nodiscard]] Result<Rotation> rotate();

private:
    DatabaseUrl m_url;
    QString m_connectionName;
    MasterKeyStore &m_store;
    std::optional<QByteArray> m_envKey;
};

} // namespace qw
