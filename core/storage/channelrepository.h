// Stored notification channels. Secrets arrive already encrypted; this class never sees them
// in plain text.
#pragma once

#include "core/model/channel.h"
#include "core/result.h"

#include <optional>
#include <vector>

namespace qw {

class Database;

class ChannelRepository final
{
public:
    explicit ChannelRepository(Database &db)
        : m_db(db)
    {}

    // Inserts and returns the new id; createdAt is set to now when null.
    [[nodiscard]] Result<qint64> insert(const Channel &channel);
    [[nodiscard]] Result<std::optional<Channel>> find(qint64 id);
    [[nodiscard]] Result<std::vector<Channel>> list();
    [[nodiscard]] Result<std::vector<qint64>> enabledIds();
    [[nodiscard]] Result<void> setEnabled(qint64 id, bool enabled);
    // Rewrites kind, name, settings, sealed secrets, binding and enabled of channel.id (its owner and
    // creation time stay). False when there was no such channel.
    [[nodiscard]] Result<bool> update(const Channel &channel);
    // Replaces only the destination binding (BindingMigration binding existing rows once).
    [[nodiscard]] Result<void> setBinding(qint64 id, const QByteArray &binding);
    // False when there was no such channel. Its pending deliveries go with it.
    // The sealed secrets and the binding at once, as a master-key rotation rewrites them.
    [[nodiscard]] Result<void> reseal(qint64 id, const QByteArray &secretsEnc, const QByteArray &binding);
    [[nodiscard]] Result<bool> remove(qint64 id);

private:
    Database &m_db;
};

} // namespace qw
