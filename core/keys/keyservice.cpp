#include "core/keys/keyservice.h"

#include "adapters/platformregistry.h"
#include "core/crypto/destinationbinding.h"
#include "core/crypto/sealedoptions.h"
#include "core/crypto/vault.h"
#include "core/keys/keyvalidator.h"
#include "core/secrets/vaultunlocker.h"
#include "core/storage/apikeyrepository.h"
#include "core/storage/database.h"
#include "core/storage/readtransaction.h"
#include "core/storage/settingsrepository.h"
#include "core/storage/snapshotrepository.h"

#include <QUrl>
#include <algorithm>

namespace qw {

namespace {

Error removedMeanwhile()
{
    return Error{ErrorCode::NotFound, QStringLiteral("the key was removed in the meantime")};
}

// Scheme, host and port, with the scheme's default port made explicit: what decides which
// server receives the secret.
QString originOf(const QString &url)
{
    const QUrl parsed(url);
    const QString scheme = parsed.scheme().toLower();
    const int defaultPort = scheme == QLatin1String("https")  ? 443
                            : scheme == QLatin1String("http") ? 80
                                                              : -1;
    return scheme + QStringLiteral("://") + parsed.host().toLower() + u':' +
           QString::number(parsed.port(defaultPort));
}

} // namespace

KeyService::KeyService(Database &db, const Vault *vault, qint64 ownerId, const PlatformRegistry *platforms)
    : m_db(db)
    , m_vault(vault)
    , m_ownerId(ownerId)
    , m_platforms(platforms)
{}

Error KeyService::notFound(qint64 id)
{
    return Error{ErrorCode::NotFound, QStringLiteral("no key with id %1").arg(id)};
}

void KeyService::changed() const
{
    if (m_changed)
        m_changed();
}

Result<std::vector<ApiKey>> KeyService::list()
{
    return ApiKeyRepository(m_db).listOwnedBy(m_ownerId);
}

namespace {

// Joins keys (by id) with the latest checks of some of them (by key id).
std::vector<KeyWithLatest> withLatest(std::vector<ApiKey> &keys, std::vector<Snapshot> &latest)
{
    std::vector<KeyWithLatest> rows;
    rows.reserve(keys.size());
    auto next = latest.begin(); // both by key id
    for (ApiKey &key : keys) {
        while (next != latest.end() && next->keyId < key.id)
            ++next;
        std::optional<Snapshot> snapshot;
        if (next != latest.end() && next->keyId == key.id)
            snapshot = std::move(*next);
        const KeyHealth health = KeyHealthRules::of(key, snapshot);
        rows.push_back(KeyWithLatest{std::move(key), std::move(snapshot), health});
    }
    return rows;
}

} // namespace

Result<std::vector<KeyWithLatest>> KeyService::listWithLatest()
{
    ReadTransaction transaction(m_db);
    auto keys = ApiKeyRepository(m_db).listOwnedBy(m_ownerId);
    if (!keys)
        return tl::unexpected(keys.error());
    // One statement for every key's latest check, not one query per key: this list is what the
    // REST API's busiest route and the key table read.
    auto latest = SnapshotRepository(m_db).latestOfEach(m_ownerId);
    if (!latest)
        return tl::unexpected(latest.error());
    return withLatest(*keys, *latest);
}

Result<KeyService::Page> KeyService::listWithLatest(qint64 afterId, int limit)
{
    ReadTransaction transaction(m_db);
    // One more than the page: whether another page follows, without counting.
    auto keys = ApiKeyRepository(m_db).listOwnedBy(m_ownerId, afterId, qint64(limit) + 1);
    if (!keys)
        return tl::unexpected(keys.error());
    Page page;
    if (keys->size() > std::size_t(std::max(limit, 0))) {
        keys->resize(std::size_t(std::max(limit, 0)));
        page.more = true;
    }
    if (keys->empty())
        return page;
    auto latest = SnapshotRepository(m_db).latestOfEach(m_ownerId, keys->front().id, keys->back().id);
    if (!latest)
        return tl::unexpected(latest.error());
    page.rows = withLatest(*keys, *latest);
    return page;
}

Result<ApiKey> KeyService::get(qint64 id)
{
    auto found = ApiKeyRepository(m_db).findOwnedBy(id, m_ownerId);
    if (!found)
        return tl::unexpected(found.error());
    if (!*found)
        return tl::unexpected(notFound(id));
    return std::move(**found);
}

Result<KeyWithLatest> KeyService::getWithLatest(qint64 id)
{
    ReadTransaction transaction(m_db);
    auto key = get(id);
    if (!key)
        return tl::unexpected(key.error());
    auto latest = SnapshotRepository(m_db).latest(id);
    if (!latest)
        return tl::unexpected(latest.error());
    const KeyHealth health = KeyHealthRules::of(*key, *latest);
    return KeyWithLatest{std::move(*key), std::move(*latest), health};
}

Result<std::vector<Snapshot>> KeyService::recentChecks(qint64 id, const TimeRange &range, int limit)
{
    if (limit < 1 || limit > kMaxRecentChecks)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("limit: must be from 1 to %1").arg(kMaxRecentChecks));
    ReadTransaction transaction(m_db);
    auto key = get(id);
    if (!key)
        return tl::unexpected(key.error());
    return SnapshotRepository(m_db).newest(id, range.from, range.to, limit);
}

Result<QByteArray> KeyService::sealOptions(ApiKey &key) const
{
    QJsonObject secret;
    for (const QString &name : ApiKey::secretOptionNames()) {
        if (key.options.contains(name))
            secret.insert(name, key.options.take(name));
    }
    if (secret.isEmpty())
        return QByteArray();
    if (!m_vault)
        return fail(
            ErrorCode::MasterKeyUnavailable,
            QStringLiteral("storing the key's headers needs the master key, and this session has none"));
    return SealedOptions::seal(secret, *m_vault);
}

Result<ApiKey> KeyService::seal(const PendingKey &pending) const
{
    if (!m_vault)
        return fail(ErrorCode::MasterKeyUnavailable,
                    QStringLiteral("storing a secret needs the master key, and this session has none"));
    if (auto problem = KeyValidator::checkSecret(pending.secret.view()))
        return fail(ErrorCode::InvalidInput, *problem);
    // A key rotated by another instance since this session opened: a secret sealed now would be
    // one nobody else can read.
    SettingsRepository settings(m_db);
    if (auto current = VaultUnlocker::requireCurrent(*m_vault, settings); !current)
        return tl::unexpected(current.error());
    auto token = m_vault->encrypt(pending.secret.view());
    if (!token)
        return tl::unexpected(token.error());
    ApiKey key = pending.key;
    key.userId = m_ownerId;
    key.secretEnc = *token;
    key.secretHint = Vault::hintFor(pending.secret.view());
    auto options = sealOptions(key);
    if (!options)
        return tl::unexpected(options.error());
    key.secretOptionsEnc = *options;
    if (auto bound = DestinationBinding::bind(key, *m_vault); !bound)
        return tl::unexpected(bound.error());
    return key;
}

Result<qint64> KeyService::add(const PendingKey &pending)
{
    auto key = seal(pending);
    if (!key)
        return tl::unexpected(key.error());
    // The vault check is read again after the insert, in its transaction: a rotation elsewhere
    // either waits for this row (and seals it again) or committed first, and then the row, sealed
    // under a key nobody else holds, is taken back.
    Transaction transaction(m_db);
    if (!transaction.started())
        return tl::unexpected(transaction.started().error());
    auto id = ApiKeyRepository(m_db).insert(*key);
    if (!id)
        return id;
    SettingsRepository settings(m_db);
    if (auto current = VaultUnlocker::requireCurrent(*m_vault, settings); !current)
        return tl::unexpected(current.error());
    if (auto committed = transaction.commit(); !committed)
        return tl::unexpected(committed.error());
    changed();
    return id;
}

Result<std::vector<qint64>> KeyService::addAll(const std::vector<PendingKey> &pending)
{
    // Encrypt everything first: a failure then leaves the database untouched.
    std::vector<ApiKey> sealed;
    sealed.reserve(pending.size());
    for (const PendingKey &one : pending) {
        auto key = seal(one);
        if (!key)
            return tl::unexpected(key.error());
        sealed.push_back(std::move(*key));
    }
    auto ids = ApiKeyRepository(m_db).insertAll(sealed);
    if (ids)
        changed();
    return ids;
}

QString KeyService::effectiveBaseUrl(const ApiKey &key) const
{
    if (!key.baseUrl.isEmpty() || !m_platforms)
        return key.baseUrl;
    const Adapter *adapter = m_platforms->find(key.platform);
    return adapter ? adapter->defaultBaseUrl() : QString();
}

bool KeyService::destinationChanges(const ApiKey &before, const ApiKey &after) const
{
    if (before.platform != after.platform)
        return true;
    const QString was = effectiveBaseUrl(before);
    const QString will = effectiveBaseUrl(after);
    if (was.isEmpty() || will.isEmpty())
        return was.isEmpty() != will.isEmpty();
    return originOf(was) != originOf(will);
}

Error KeyService::destinationChangeRefused(const ApiKey &after) const
{
    const QString host = QUrl(effectiveBaseUrl(after)).host();
    return Error{ErrorCode::Conflict,
                 QStringLiteral("this change sends the key's secret to %1; give the secret again or "
                                "confirm the new destination")
                     .arg(host.isEmpty() ? after.platform : host)};
}

Result<SecureBytes> KeyService::storedSecretFor(const ApiKey &edited)
{
    if (!m_vault)
        return fail(
            ErrorCode::MasterKeyUnavailable,
            QStringLiteral("reading a stored secret needs the master key, and this session has none"));
    auto stored = get(edited.id);
    if (!stored)
        return tl::unexpected(stored.error());
    if (!DestinationBinding::holds(*stored, *m_vault))
        return fail(ErrorCode::Conflict, DestinationBinding::keyFailure());
    if (destinationChanges(*stored, edited))
        return tl::unexpected(destinationChangeRefused(edited));
    return m_vault->decrypt(stored->secretEnc);
}

Result<void> KeyService::update(const ApiKey &key, const SecureBytes *newSecret, bool confirmDestination)
{
    ApiKeyRepository keys(m_db);
    auto stored = keys.findOwnedBy(key.id, m_ownerId);
    if (!stored)
        return tl::unexpected(stored.error());
    if (!*stored)
        return tl::unexpected(notFound(key.id)); // gone, or another account's: not there for us
    const bool withSecret = newSecret && !newSecret->isEmpty();
    if (!m_vault) {
        // Name, threshold, interval and tags need no binding; anything bound needs the key.
        ApiKey kept = key;
        kept.userId = (*stored)->userId;
        kept.secretEnc = (*stored)->secretEnc;
        if (withSecret || DestinationBinding::canonical(kept) != DestinationBinding::canonical(**stored))
            return fail(ErrorCode::MasterKeyUnavailable,
                        QStringLiteral("changing where a key's secret goes needs the master key, and this "
                                       "session has none"));
    } else if (!withSecret && !DestinationBinding::holds(**stored, *m_vault)) {
        // Re-binding it now would approve whatever was written into the row behind our back.
        return fail(ErrorCode::Conflict, DestinationBinding::keyFailure());
    }
    if (!withSecret && !confirmDestination && destinationChanges(**stored, key))
        return tl::unexpected(destinationChangeRefused(key));
    ApiKey updated = key;
    updated.userId = (*stored)->userId;
    updated.secretEnc = (*stored)->secretEnc;
    updated.secretHint = (*stored)->secretHint;
    // Sealed options the edit does not give again stay (an editor or PATCH never sees them), as
    // long as the key stays on its platform: they are that platform's options.
    const QStringList secretOptions = ApiKey::secretOptionNames();
    const bool givesSecretOptions =
        std::any_of(secretOptions.begin(), secretOptions.end(),
                    [&](const QString &name) { return key.options.contains(name); });
    if (givesSecretOptions) {
        auto options = sealOptions(updated);
        if (!options)
            return tl::unexpected(options.error());
        updated.secretOptionsEnc = *options;
    } else {
        updated.secretOptionsEnc =
            key.platform == (*stored)->platform ? (*stored)->secretOptionsEnc : QByteArray();
    }
    if (withSecret) {
        auto sealed = seal(PendingKey{key, SecureBytes::copyOf(newSecret->view())});
        if (!sealed)
            return tl::unexpected(sealed.error());
        updated.secretEnc = sealed->secretEnc;
        updated.secretHint = sealed->secretHint;
        if (givesSecretOptions)
            updated.secretOptionsEnc = sealed->secretOptionsEnc;
    }
    updated.binding = (*stored)->binding;
    if (m_vault) {
        if (auto bound = DestinationBinding::bind(updated, *m_vault); !bound)
            return tl::unexpected(bound.error());
    }
    auto done = keys.update(updated);
    if (!done)
        return tl::unexpected(done.error());
    if (!*done)
        return tl::unexpected(removedMeanwhile());
    changed();
    return {};
}

Result<void> KeyService::setEnabled(qint64 id, bool enabled)
{
    auto done = ApiKeyRepository(m_db).setEnabledOwnedBy(id, m_ownerId, enabled);
    if (!done)
        return tl::unexpected(done.error());
    if (!*done)
        return tl::unexpected(notFound(id));
    changed();
    return {};
}

Result<ApiKey> KeyService::remove(qint64 id)
{
    auto existing = get(id);
    if (!existing)
        return existing;
    auto removed = ApiKeyRepository(m_db).removeOwnedBy(id, m_ownerId);
    if (!removed)
        return tl::unexpected(removed.error());
    if (!*removed)
        return tl::unexpected(notFound(id));
    changed();
    return existing;
}

} // namespace qw
