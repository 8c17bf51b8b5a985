#include "core/secrets/masterkeyservice.h"

#include "core/crypto/destinationbinding.h"
#include "core/crypto/fernet.h"
#include "core/crypto/vault.h"
#include "core/secrets/bindingmigration.h"
#include "core/secrets/environmentmasterkey.h"
#include "core/secrets/masterkeystore.h"
#include "core/secrets/vaultunlocker.h"
#include "core/storage/apikeyrepository.h"
#include "core/storage/channelrepository.h"
#include "core/storage/database.h"
#include "core/storage/sealedtokenrepository.h"
#include "core/storage/settingsrepository.h"

#include <QCoreApplication>

namespace qw {

namespace {

constexpr auto kContext = "MasterKeyService";

QString checkSettingName()
{
    return QString::fromLatin1(VaultUnlocker::kCheckSetting);
}

// `token` sealed again under `to`, when `from` opens it; nullopt when it does not (a damaged
// token stays as it is: no key can open it anyway). An empty token stays empty.
Result<std::optional<QByteArray>> resealed(const QByteArray &token, const Vault &from, const Vault &to)
{
    if (token.isEmpty())
        return std::optional<QByteArray>(QByteArray());
    auto plaintext = from.decrypt(token);
    if (!plaintext)
        return std::optional<QByteArray>();
    auto sealed = to.encrypt(plaintext->view());
    if (!sealed)
        return tl::unexpected(sealed.error());
    return std::optional<QByteArray>(std::move(*sealed));
}

Error rotatedMeanwhile()
{
    return Error{ErrorCode::MasterKeyMismatch,
                 QCoreApplication::translate(kContext,
                                             "Another instance replaced the master key of this database "
                                             "while this one was starting to; nothing was changed. Get "
                                             "the new key with “quotawatch master-key export” where it "
                                             "works.")};
}

// Seals every key's secret and sealed options again and binds the row under `to`.
Result<void> resealKeys(Database &db, const Vault &from, const Vault &to,
                        MasterKeyService::Rotation &rotation)
{
    ApiKeyRepository repository(db);
    auto keys = repository.list();
    if (!keys)
        return tl::unexpected(keys.error());
    for (ApiKey &key : *keys) {
        const bool bound = DestinationBinding::holds(key, from);
        auto secret = resealed(key.secretEnc, from, to);
        if (!secret)
            return tl::unexpected(secret.error());
        auto options = resealed(key.secretOptionsEnc, from, to);
        if (!options)
            return tl::unexpected(options.error());
        if (*secret)
            key.secretEnc = **secret;
        if (*options)
            key.secretOptionsEnc = **options;
        QByteArray binding;
        if (bound && *secret && *options) {
            if (auto made = DestinationBinding::bind(key, to); !made)
                return tl::unexpected(made.error());
            binding = key.binding;
            ++rotation.keys;
        } else {
            ++rotation.unreadable;
        }
        if (auto stored = repository.reseal(key.id, key.secretEnc, key.secretOptionsEnc, binding); !stored)
            return stored;
    }
    return {};
}

Result<void> resealChannels(Database &db, const Vault &from, const Vault &to,
                            MasterKeyService::Rotation &rotation)
{
    ChannelRepository repository(db);
    auto channels = repository.list();
    if (!channels)
        return tl::unexpected(channels.error());
    for (Channel &channel : *channels) {
        const bool bound = DestinationBinding::holds(channel, from);
        auto secrets = resealed(channel.secretsEnc, from, to);
        if (!secrets)
            return tl::unexpected(secrets.error());
        if (*secrets)
            channel.secretsEnc = **secrets;
        QByteArray binding;
        if (bound && *secrets) {
            if (auto made = DestinationBinding::bind(channel, to); !made)
                return tl::unexpected(made.error());
            binding = channel.binding;
            ++rotation.channels;
        } else {
            ++rotation.unreadable;
        }
        if (auto stored = repository.reseal(channel.id, channel.secretsEnc, binding); !stored)
            return stored;
    }
    return {};
}

Result<void> resealSettings(Database &db, const Vault &from, const Vault &to,
                            MasterKeyService::Rotation &rotation)
{
    SettingsRepository settings(db);
    for (const QString &name : SealedTokenRepository::sealedSettings()) {
        auto value = settings.value(name);
        if (!value)
            return tl::unexpected(value.error());
        if (!*value || (*value)->isEmpty())
            continue;
        auto sealed = resealed((*value)->toLatin1(), from, to);
        if (!sealed)
            return tl::unexpected(sealed.error());
        if (!*sealed) {
            ++rotation.unreadable;
            continue;
        }
        if (auto stored = settings.setValue(name, QString::fromLatin1(**sealed)); !stored)
            return stored;
        ++rotation.settings;
    }
    auto check = VaultUnlocker::checkTokenFor(to);
    if (!check)
        return tl::unexpected(check.error());
    return settings.setValue(checkSettingName(), *check);
}

} // namespace

MasterKeyService::MasterKeyService(DatabaseUrl url, QString connectionName, MasterKeyStore &store,
                                   std::optional<QByteArray> envKey)
    : m_url(std::move(url))
    , m_connectionName(std::move(connectionName))
    , m_store(store)
    , m_envKey(std::move(envKey))
{}

Result<std::optional<QByteArray>> MasterKeyService::environmentKey()
{
    return EnvironmentMasterKey::read();
}

Result<SecureBytes> MasterKeyService::exportKey()
{
    VaultUnlocker unlocker(m_envKey, m_store);
    auto found = unlocker.lookUp();
    if (!found)
        return tl::unexpected(found.error());
    if (!*found)
        return fail(ErrorCode::MasterKeyUnavailable,
                    QCoreApplication::translate(kContext,
                                                "There is no master key to export: %1 holds none and %2 "
                                                "is not set.")
                        .arg(m_store.description(), QLatin1String(VaultUnlocker::kEnvVariable)));
    auto db = Database::open(m_url, m_connectionName);
    if (!db)
        return tl::unexpected(db.error());
    SettingsRepository settings(**db);
    SealedTokenRepository sealed(**db);
    // Proves the key opens this database (enrolling it when the database holds nothing yet).
    if (auto vault = unlocker.unlock(settings, sealed); !vault)
        return tl::unexpected(vault.error());
    return std::move(**found);
}

Result<MasterKeyService::Imported> MasterKeyService::importKey(const SecureBytes &key, bool replace)
{
    const SecureBytes trimmed = SecureBytes::copyOf(key.view().trimmed());
    const QString unchanged =
        QCoreApplication::translate(kContext, "%1 was not changed.").arg(m_store.description());
    if (trimmed.size() == 0 || !Fernet::fromKey(trimmed.view()))
        return fail(ErrorCode::MasterKeyMismatch,
                    QCoreApplication::translate(kContext,
                                                "The key read from standard input is not a master key (a "
                                                "Fernet key: 32 bytes in url-safe base64); %1")
                        .arg(unchanged));
    auto db = Database::open(m_url, m_connectionName);
    if (!db)
        return tl::unexpected(db.error());
    SettingsRepository settings(**db);
    SealedTokenRepository sealed(**db);
    VaultUnlocker unlocker(QByteArray(trimmed.view().data(), trimmed.size()), m_store);
    auto vault = unlocker.unlock(settings, sealed);
    if (!vault) {
        if (vault.error().code == ErrorCode::MasterKeyMismatch)
            return fail(ErrorCode::MasterKeyMismatch,
                        QCoreApplication::translate(kContext,
                                                    "The key read from standard input does not open the "
                                                    "secrets of this database; %1 Use the key that "
                                                    "“quotawatch master-key export” prints where this "
                                                    "database works.")
                            .arg(unchanged));
        return tl::unexpected(vault.error());
    }

    auto existing = m_store.read();
    if (!existing)
        return fail(ErrorCode::MasterKeyUnavailable, existing.error().message);
    if (existing->has_value()) {
        if ((*existing)->view().trimmed() == trimmed.view())
            return Imported::AlreadyThere;
        if (!replace)
            return fail(ErrorCode::Conflict,
                        QCoreApplication::translate(kContext,
                                                    "%1 already holds a different master key; it was not "
                                                    "changed. Run “quotawatch master-key import "
                                                    "--replace” to replace it, once nothing else needs "
                                                    "that key.")
                            .arg(m_store.description()));
    }
    if (auto written = m_store.write(trimmed); !written)
        return fail(ErrorCode::MasterKeyUnavailable, written.error().message);
    return Imported::Stored;
}

Result<MasterKeyService::Rotation> MasterKeyService::rotate()
{
    VaultUnlocker unlocker(m_envKey, m_store);
    auto db = Database::open(m_url, m_connectionName);
    if (!db)
        return tl::unexpected(db.error());
    SettingsRepository settings(**db);
    SealedTokenRepository sealed(**db);
    // The key in use must open the database first: only then are its secrets ours to re-seal.
    auto current = unlocker.unlock(settings, sealed);
    if (!current)
        return tl::unexpected(current.error());
    // Rows of an older database are bound once first, so that every row has a binding to judge.
    if (auto bound = BindingMigration::run(**db, *current); !bound)
        return tl::unexpected(bound.error());

    Rotation rotation;
    rotation.newKey = Fernet::generateKey();
    auto fernet = Fernet::fromKey(rotation.newKey.view());
    if (!fernet)
        return tl::unexpected(fernet.error());
    const Vault next(std::move(*fernet));

    Transaction transaction(**db);
    if (!transaction.started())
        return tl::unexpected(transaction.started().error());
    if (auto locked = sealed.lockForResealing(); !locked)
        return tl::unexpected(locked.error());
    // Another rotation may have committed while this one waited for the lock.
    auto opens = VaultUnlocker::opensCheck(*current, settings);
    if (!opens)
        return tl::unexpected(opens.error());
    if (!*opens)
        return tl::unexpected(rotatedMeanwhile());
    if (auto done = resealKeys(**db, *current, next, rotation); !done)
        return tl::unexpected(done.error());
    if (auto done = resealChannels(**db, *current, next, rotation); !done)
        return tl::unexpected(done.error());
    if (auto done = resealSettings(**db, *current, next, rotation); !done)
        return tl::unexpected(done.error());
    if (auto committed = transaction.commit(); !committed)
        return tl::unexpected(committed.error());

    // Only now: a key written before the commit would be lost with a failed transaction.
    if (m_envKey) {
        rotation.fromEnvironment = true;
    } else if (auto written = m_store.write(rotation.newKey); !written) {
        rotation.storeError = written.error();
    }
    return rotation;
}

} // namespace qw
