// Stored API keys. Secrets arrive already encrypted; this class never sees a plaintext secret.
#pragma once

#include "core/model/apikey.h"
#include "core/result.h"

#include <optional>
#include <vector>

namespace qw {

class Database;

class ApiKeyRepository final
{
public:
    explicit ApiKeyRepository(Database &db)
        : m_db(db)
    {}

    // Inserts and returns the new id; createdAt/updatedAt are set to now when null.
    [[nodiscard]] Result<qint64> insert(const ApiKey &key);
    // Inserts all or nothing, in one transaction; the ids in order.
    [[nodiscard]] Result<std::vector<qint64>> insertAll(const std::vector<ApiKey> &keys);
    [[nodiscard]] Result<std::optional<ApiKey>> find(qint64 id);
    // The key `id` only when account `userId` owns it: another account's key is not there.
    [[nodiscard]] Result<std::optional<ApiKey>> findOwnedBy(qint64 id, qint64 userId);
    // Every account's keys (the scheduler, the public /metrics), by id.
    [[nodiscard]] Result<std::vector<ApiKey>> list();
    // The keys of account `userId`, by id.
    [[nodiscard]] Result<std::vector<ApiKey>> listOwnedBy(qint64 userId);
    // Only the id, owner, name and platform of account `userId`'s keys (every account's when
    // nullopt), by id: what a listing by name needs, without decoding the rest of 10,000 rows
    // (options JSON, times, tags) or reading a secret.
    [[nodiscard]] Result<std::vector<ApiKey>> listNames(std::optional<qint64> userId);
    // A page of them by id: those after `afterId` (0: from the first), at most `limit`.
    [[nodiscard]] Result<std::vector<ApiKey>> listOwnedBy(qint64 userId, qint64 afterId, qint64 limit);
    [[nodiscard]] Result<qint64> count();
    // The keys without a single stored check: the scheduler checks them as soon as it sees them.
    [[nodiscard]] Result<std::vector<qint64>> neverChecked();
    // Stores every editable field of an existing key (name, platform, base URL, secret token and
    // hint, options, threshold, interval, enabled, binding) and sets updated_at to now. False when there
    // is no such key of key.userId's.
    [[nodiscard]] Result<bool> update(const ApiKey &key);
    [[nodiscard]] Result<bool> setEnabled(qint64 id, bool enabled);
    // setEnabled() of a key of account `userId` only; false for another account's key.
    [[nodiscard]] Result<bool> setEnabledOwnedBy(qint64 id, qint64 userId, bool enabled);
    // Replaces only the destination binding (BindingMigration binding existing rows once).
    [[nodiscard]] Result<void> setBinding(qint64 id, const QByteArray &binding);
    // Records when the scheduler checks the key next (UTC), so a restart keeps the schedule.
    [[nodiscard]] Result<void> setNextCheckAt(qint64 id, const QDateTime &when);
    // Only the display hint; not a change the user made, so updated_at stays.
    [[nodiscard]] Result<void> setSecretHint(qint64 id, const QString &hint);
    // The clear options and the sealed ones, after option values moved between them.
    [[nodiscard]] Result<void> moveSecretOptions(qint64 id, const QJsonObject &options,
                                                 const QByteArray &secretOptionsEnc);
    // The sealed columns and the binding at once, as a master-key rotation rewrites them; nothing
    // the user changed, so updated_at stays.
    [[nodiscard]] Result<void> reseal(qint64 id, const QByteArray &secretEnc,
                                      const QByteArray &secretOptionsEnc, const QByteArray &binding);
    // False when there was no such key. Its snapshots go with it.
    [[nodiscard]] Result<bool> remove(qint64 id);
    // remove() of a key of account `userId` only; false for another account's key.
    [[nodiscard]] Result<bool> removeOwnedBy(qint64 id, qint64 userId);

private:
    Database &m_db;
};

} // namespace qw
