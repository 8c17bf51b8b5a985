#include "core/secrets/vaultunlocker.h"

#include "core/secrets/masterkeystore.h"
#include "core/storage/settingsrepository.h"

#include <QCoreApplication>

namespace qw {

namespace {

constexpr auto kContext = "VaultUnlocker";

// What the check token encrypts. Only its presence after decryption matters: it proves the key
// is the one the database's secrets were encrypted with.
constexpr QByteArrayView kCheckText("quotawatch-vault-check-v1");

QString checkSettingName()
{
    return QString::fromLatin1(VaultUnlocker::kCheckSetting);
}

// The store reports "<description> cannot be … (detail)"; a store phrased otherwise is wrapped
// so the sentence still reads.
QString unreachableClause(const MasterKeyStore &store, const QString &storeMessage)
{
    const QString description = store.description();
    if (storeMessage.startsWith(description))
        return storeMessage;
    return QCoreApplication::translate(kContext, "%1 cannot be reached (%2)").arg(description, storeMessage);
}

// Both ways out, as the design promises: start a keychain, or set the environment variable.
tl::unexpected<Error> noMasterKey(const MasterKeyStore &store, const QString &storeMessage)
{
    return fail(ErrorCode::MasterKeyUnavailable,
                QCoreApplication::translate(
                    kContext,
                    "No master key: %1 and %2 is not set. Start a keychain (GNOME Keyring, KWallet or "
                    "another Secret Service), or set %2 to a Fernet key, e.g. one made with: "
                    "openssl rand -base64 32 | tr '+/' '-_'")
                    .arg(unreachableClause(store, storeMessage), QLatin1String(VaultUnlocker::kEnvVariable)));
}

// The creation time inside a Fernet token (bytes 1..8 after the version byte), or nullopt.
} // namespace

VaultUnlocker::VaultUnlocker(std::optional<QByteArray> envKey, MasterKeyStore &store)
    : m_envKey(std::move(envKey))
    , m_store(store)
{}

Result<std::optional<SecureBytes>> VaultUnlocker::lookUp()
{
    if (m_envKey) {
        // A trailing newline from `$(cat keyfile)` or an editor is not part of the key.
        SecureBytes key = SecureBytes::copyOf(QByteArrayView(*m_envKey).trimmed());
        if (!Fernet::fromKey(key.view()))
            return fail(ErrorCode::MasterKeyUnavailable,
                        QCoreApplication::translate(
                            kContext, "%1 is not a valid Fernet key (32 bytes in url-safe base64). Set it to "
                                      "the key this database was created with, to a new key made with: "
                                      "openssl rand -base64 32 | tr '+/' '-_', or unset it to use %2.")
                            .arg(QLatin1String(kEnvVariable), m_store.description()));
        return std::optional<SecureBytes>(std::move(key));
    }

    auto stored = m_store.read();
    if (!stored)
        return noMasterKey(m_store, stored.error().message);
    if (!stored->has_value())
        return std::optional<SecureBytes>();

    SecureBytes key = SecureBytes::copyOf((*stored)->view().trimmed());
    stored->reset();
    if (!Fernet::fromKey(key.view()))
        return fail(ErrorCode::MasterKeyUnavailable,
                    QCoreApplication::translate(
                        kContext, "%1 holds an entry that is not a valid Fernet key; nothing was changed. "
                                  "Set %2 to the key this database was created with, or remove the damaged "
                                  "entry if this database holds no secrets yet.")
                        .arg(m_store.description(), QLatin1String(kEnvVariable)));
    return std::optional<SecureBytes>(std::move(key));
}

Result<Vault> VaultUnlocker::openEnrolled(const std::optional<SecureBytes> &key, const QString &check) const
{
    // The database already holds secrets: only the key they were made with may open it, and
    // the store is never written, so a missing entry cannot be "repaired" with a new key.
    if (!key)
        return fail(ErrorCode::MasterKeyUnavailable,
                    QCoreApplication::translate(
                        kContext, "This database holds secrets encrypted with a master key that is not in "
                                  "%1; nothing was changed. Set %2 to that key.")
                        .arg(m_store.description(), QLatin1String(kEnvVariable)));
    auto fernet = Fernet::fromKey(key->view());
    if (!fernet)
        return tl::unexpected(fernet.error());
    Vault vault(std::move(*fernet));
    const auto opened = vault.decrypt(check.toLatin1());
    if (!opened || opened->view() != kCheckText)
        return fail(ErrorCode::MasterKeyMismatch,
                    QCoreApplication::translate(
                        kContext, "The master key does not match the one this database's secrets were "
                                  "encrypted with; nothing was changed. Set %1 to the right key or use "
                                  "the keychain entry that created this database.")
                        .arg(QLatin1String(kEnvVariable)));
    return vault;
}

Result<Vault> VaultUnlocker::unlock(SettingsRepository &settings)
{
    auto found = lookUp();
    if (!found)
        return tl::unexpected(found.error());
    auto check = settings.value(checkSettingName());
    if (!check)
        return tl::unexpected(check.error());
    if (check->has_value())
        return openEnrolled(*found, **check);

    // First use of this database: enroll the key we have, or a new one. The check is inserted
    // only if absent, so of two processes setting up the same database at once exactly one
    // key wins; the loser opens the database with the winner's key or is refused, and never
    // overwrites it.
    const bool createKey = !found->has_value();
    SecureBytes key = createKey ? Fernet::generateKey() : std::move(**found);
    auto fernet = Fernet::fromKey(key.view());
    if (!fernet)
        return tl::unexpected(fernet.error());
    auto token = fernet->encrypt(kCheckText);
    if (!token)
        return tl::unexpected(token.error());
    const QString checkToken = QString::fromLatin1(*token);
    auto inserted = settings.insertIfAbsent(checkSettingName(), checkToken);
    if (!inserted)
        return tl::unexpected(inserted.error());
    if (!*inserted) {
        auto winnerCheck = settings.value(checkSettingName());
        if (!winnerCheck)
            return tl::unexpected(winnerCheck.error());
        auto current = createKey
                           ? lookUp()
                           : Result<std::optional<SecureBytes>>(std::optional<SecureBytes>(std::move(key)));
        if (!current)
            return tl::unexpected(current.error());
        return openEnrolled(*current, winnerCheck->value_or(QString()));
    }
    if (createKey) {
        if (auto written = m_store.write(key); !written) {
            // Nothing was encrypted under the new key yet: take the enrollment back.
            (void)settings.removeIfEquals(checkSettingName(), checkToken);
            return noMasterKey(m_store, written.error().message);
        }
    }
    return Vault(std::move(*fernet));
}

} // namespace qw
