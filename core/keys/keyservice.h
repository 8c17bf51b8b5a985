// The keys use case for every front end: list (with each key's latest check and health), find,
// add, edit, pause and remove. The one path from a plaintext secret to the database: each
// secret is encrypted in the vault, only the token and the hint are stored, and a batch is
// stored whole or not at all. A service belongs to one account: it sees, changes and adds only
// that account's keys, filtered in SQL, and another account's key is NotFound like a missing one
// (so the REST API answers 404, never 403, and does not confirm that the id exists).
#pragma once

#include "core/analytics/keyhealth.h"
#include "core/analytics/timerange.h"
#include "core/crypto/securebytes.h"
#include "core/keys/pendingkey.h"
#include "core/model/snapshot.h"
#include "core/result.h"

#include <functional>
#include <optional>
#include <vector>

namespace qw {

class Database;
class PlatformRegistry;
class Vault;

// A key as a list shows it: its settings, its latest stored check and what they add up to.
struct KeyWithLatest
{
    ApiKey key;
    std::optional<Snapshot> latest;
    KeyHealth health = KeyHealth::Unknown;
};

class KeyService final
{
public:
    // Without a vault (a session opened without the master key) keys can be read, paused and
    // removed, but not added or given a new secret.
    // `ownerId`: the account whose keys this service sees and adds to. `platforms` gives the
    // default address of a key without a base URL, so update() can tell whether its destination
    // moves; without it an empty base URL only equals another empty one.
    KeyService(Database &db, const Vault *vault, qint64 ownerId, const PlatformRegistry *platforms = nullptr);

    // Called after every successful change, so schedulers and views can catch up.
    void setChangeListener(std::function<void()> listener) { m_changed = std::move(listener); }

    [[nodiscard]] Result<std::vector<ApiKey>> list();
    // Every key with its latest check, read in one transaction.
    [[nodiscard]] Result<std::vector<KeyWithLatest>> listWithLatest();
    // One page of them by id (keyset paging, so keys added meanwhile neither repeat nor shift
    // a page): those after `afterId` (0: from the first), at most `limit`; `more` when keys
    // follow the page.
    struct Page
    {
        std::vector<KeyWithLatest> rows;
        bool more = false;
    };
    [[nodiscard]] Result<Page> listWithLatest(qint64 afterId, int limit);
    // NotFound ("no key with id 7") when there is no such key.
    [[nodiscard]] Result<ApiKey> get(qint64 id);
    [[nodiscard]] qint64 ownerId() const { return m_ownerId; }
    [[nodiscard]] Result<KeyWithLatest> getWithLatest(qint64 id);
    // The stored checks of key `id` in `range`, newest first, at most `limit` (1 to
    // kMaxRecentChecks; InvalidInput "limit: ..." otherwise). NotFound like get().
    static constexpr int kMaxRecentChecks = 10'000;
    [[nodiscard]] Result<std::vector<Snapshot>> recentChecks(qint64 id, const TimeRange &range, int limit);

    [[nodiscard]] Result<qint64> add(const PendingKey &pending);
    [[nodiscard]] Result<std::vector<qint64>> addAll(const std::vector<PendingKey> &pending);
    // Stores an edited key (validated, with its id). With a new secret it is encrypted and its
    // hint replaced; without one the stored token is kept. NotFound when the key is gone or
    // another account's. Moving the key to another platform or another origin (scheme, host,
    // port) of its base URL would send the stored secret somewhere its owner never sent it: that
    // needs a new secret or `confirmDestination`, else Conflict (see destinationChangeRefused()).
    // Every write binds the secret to the key's destination anew (DestinationBinding).
    [[nodiscard]] Result<void> update(const ApiKey &key, const SecureBytes *newSecret = nullptr,
                                      bool confirmDestination = false);
    // The stored secret of key `edited.id` in plain text, to test `edited` (an editor's form)
    // without typing it again: only while the stored row's binding holds (Conflict otherwise)
    // and only to the platform and origin it was stored for (Conflict naming the new host).
    [[nodiscard]] Result<SecureBytes> storedSecretFor(const ApiKey &edited);
    // Whether `after` sends its secret to another platform or origin than `before`.
    [[nodiscard]] bool destinationChanges(const ApiKey &before, const ApiKey &after) const;
    // The address a key's requests go to: its base URL, or its platform's default.
    [[nodiscard]] QString effectiveBaseUrl(const ApiKey &key) const;
    [[nodiscard]] Result<void> setEnabled(qint64 id, bool enabled);
    // The key as it was before it went, with its history.
    [[nodiscard]] Result<ApiKey> remove(qint64 id);

    [[nodiscard]] static Error notFound(qint64 id);
    // Conflict naming the host the secret would go to; front ends add how to confirm.
    [[nodiscard]] Error destinationChangeRefused(const ApiKey &after) const;

private:
    [[nodiscard]] Result<ApiKey> seal(const PendingKey &pending) const;
    // Takes the secret options (ApiKey::secretOptionNames()) out of `key.options` and seals
    // them; an empty token when there are none.
    [[nodiscard]] Result<QByteArray> sealOptions(ApiKey &key) const;
    void changed() const;

    Database &m_db;
    const Vault *m_vault;
    qint64 m_ownerId;
    const PlatformRegistry *m_platforms;
    std::function<void()> m_changed;
};

} // namespace qw
