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

// Which stored secret failed, for the message: where it is, never what it holds.
QString describe(const SealedTokenRepository::Sealed &sample)
{
    switch (sample.place) {
    case SealedTokenRepository::Place::ApiKeySecret:
        return QCoreApplication::translate(kContext, "the secret of API key %1").arg(sample.rowId);
    case SealedTokenRepository::Place::ApiKeyOptions:
        return QCoreApplication::translate(kContext, "the sealed options of API key %1").arg(sample.rowId);
    case SealedTokenRepository::Place::ChannelSecrets:
        return QCoreApplication::translate(kContext, "the secrets of alert channel %1").arg(sample.rowId);
    case SealedTokenRepository::Place::Setting:
        break;
    }
    return QCoreApplication::translate(kContext, "the setting %1").arg(sample.settingName);
}

// Enrolls `vault`'s key by storing a check token made with it. The check is inserted only if
// absent, so of two processes setting up the same database at once exactly one key wins; the
// loser opens the database with the winner's key or is refused, and never overwrites it.
// The token stored, or nullopt when another process's check was there first.
Result<std::optional<QString>> storeCheck(const Vault &vault, SettingsRepository &settings)
{
    auto token = vault.encrypt(kCheckText);
    if (!token)
        return tl::unexpected(token.error());
    const QString checkToken = QString::fromLatin1(*token);
    auto inserted = settings.insertIfAbsent(checkSettingName(), checkToken);
    if (!inserted)
        return tl::unexpected(inserted.error());
    if (!*inserted)
        return std::optional<QString>();
    return std::optional<QString>(checkToken);
}

} // namespace

VaultUnlocker::VaultUnlocker(std::optional<QByteArray> envKey, MasterKeyStore &store)
    : m_envKey(std::move(envKey))
    , m_store(store)
{}

Result<QString> VaultUnlocker::checkTokenFor(const Vault &vault)
{
    auto token = vault.encrypt(kCheckText);
    if (!token)
        return tl::unexpected(token.error());
    return QString::fromLatin1(*token);
}

Result<bool> VaultUnlocker::opensCheck(const Vault &vault, SettingsRepository &settings)
{
    auto check = settings.value(checkSettingName());
    if (!check)
        return tl::unexpected(check.error());
    if (!check->has_value())
        return true;
    const auto opened = vault.decrypt((*check)->toLatin1());
    return opened && opened->view() == kCheckText;
}

Result<void> VaultUnlocker::requireCurrent(const Vault &vault, SettingsRepository &settings)
{
    auto current = opensCheck(vault, settings);
    if (!current)
        return tl::unexpected(current.error());
    if (!*current)
        return fail(ErrorCode::MasterKeyMismatch, replacedElsewhereMessage());
    return {};
}

QString VaultUnlocker::replacedElsewhereMessage()
{
    return QCoreApplication::translate(
               kContext,
               "The master key of this database was replaced (rotated by another instance); this "
               "instance's key no longer opens its secrets, so it stopped checking and writing. Get the "
               "new key where it works (“quotawatch master-key export”), then here run “quotawatch "
               "master-key import --replace” or set %1 to it, and start again.")
        .arg(QLatin1String(kEnvVariable));
}

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

Result<Vault> VaultUnlocker::unlock(SettingsRepository &settings, SealedTokenRepository &sealed)
{
    auto found = lookUp();
    if (!found)
        return tl::unexpected(found.error());
    auto check = settings.value(checkSettingName());
    if (!check)
        return tl::unexpected(check.error());
    if (check->has_value())
        return openEnrolled(*found, **check);

    // No check yet. Whether this is a first use depends on the secrets, not on the check alone:
    // a restored or imported database may hold secrets under a key we must not replace.
    auto samples = sealed.sample(kSamplePerEnd);
    if (!samples)
        return tl::unexpected(samples.error());
    if (!samples->empty())
        return adoptSealed(*found, *samples, settings);
    return enrollFirst(std::move(*found), settings);
}

QString VaultUnlocker::keySource() const
{
    if (m_envKey)
        return QCoreApplication::translate(kContext, "from %1").arg(QLatin1String(kEnvVariable));
    return QCoreApplication::translate(kContext, "in %1").arg(m_store.description());
}

Result<Vault> VaultUnlocker::adoptSealed(const std::optional<SecureBytes> &found,
                                         const std::vector<SealedTokenRepository::Sealed> &samples,
                                         SettingsRepository &settings)
{
    // Creating a key here would seal new secrets under a second key: refuse, write nothing.
    if (!found)
        return fail(ErrorCode::MasterKeyUnavailable,
                    QCoreApplication::translate(
                        kContext, "This database holds encrypted secrets but no record of their master key, "
                                  "and %1 has no key; nothing was changed. Set %2 to the key that "
                                  "encrypted them.")
                        .arg(m_store.description(), QLatin1String(kEnvVariable)));
    auto fernet = Fernet::fromKey(found->view());
    if (!fernet)
        return tl::unexpected(fernet.error());
    Vault vault(std::move(*fernet));
    for (const SealedTokenRepository::Sealed &sample : samples) {
        if (vault.decrypt(sample.token))
            continue;
        return fail(ErrorCode::MasterKeyMismatch,
                    QCoreApplication::translate(
                        kContext, "The master key %1 does not match the one this database's secrets were "
                                  "encrypted with (%2 does not decrypt); nothing was changed. Set %3 to "
                                  "the key that encrypted them.")
                        .arg(keySource(), describe(sample), QLatin1String(kEnvVariable)));
    }

    auto stored = storeCheck(vault, settings);
    if (!stored)
        return tl::unexpected(stored.error());
    if (!*stored) // another process enrolled first: its check decides
        return openCurrentCheck(found, settings);
    return vault;
}

Result<Vault> VaultUnlocker::enrollFirst(std::optional<SecureBytes> found, SettingsRepository &settings)
{
    const bool createKey = !found.has_value();
    SecureBytes key = createKey ? Fernet::generateKey() : std::move(*found);
    auto fernet = Fernet::fromKey(key.view());
    if (!fernet)
        return tl::unexpected(fernet.error());
    Vault vault(std::move(*fernet));
    auto stored = storeCheck(vault, settings);
    if (!stored)
        return tl::unexpected(stored.error());
    if (!*stored) {
        // Another process enrolled first. A key we just made is dropped unused; the keychain
        // may now hold the winner's.
        auto current = createKey
                           ? lookUp()
                           : Result<std::optional<SecureBytes>>(std::optional<SecureBytes>(std::move(key)));
        if (!current)
            return tl::unexpected(current.error());
        return openCurrentCheck(*current, settings);
    }
    if (createKey) {
        if (auto written = m_store.write(key); !written) {
            // Nothing was encrypted under the new key yet: take the enrollment back.
            (void)settings.removeIfEquals(checkSettingName(), **stored);
            return noMasterKey(m_store, written.error().message);
        }
    }
    return vault;
}

Result<Vault> VaultUnlocker::openCurrentCheck(const std::optional<SecureBytes> &key,
                                              SettingsRepository &settings) const
{
    auto check = settings.value(checkSettingName());
    if (!check)
        return tl::unexpected(check.error());
    return openEnrolled(key, check->value_or(QString()));
}

} // namespace qw
