// The channels use case for every front end: list, add, edit, pause, remove, and send one test
// notification. Secrets are sealed in the vault on the way in and never leave it in a listing.
#pragma once

#include "core/alerts/alertnotice.h"
#include "core/alerts/channelconfig.h"
#include "core/model/channel.h"
#include "core/result.h"

#include <functional>
#include <vector>

namespace qw {

class Clock;
class Database;
class NotificationSender;
class Vault;

class ChannelService final
{
public:
    // Without a vault and a sender (a session opened without the master key) channels can be
    // read, paused and removed, but not added, edited or tested.
    ChannelService(Database &db, const Vault *vault, NotificationSender *sender, const Clock &clock,
                   qint64 ownerId);

    [[nodiscard]] Result<std::vector<Channel>> list();
    // NotFound ("no channel with id 3") when there is no such channel.
    [[nodiscard]] Result<Channel> get(qint64 id);
    // Checks the draft, seals its secrets and stores it; the new id.
    [[nodiscard]] Result<qint64> add(const ChannelDraft &draft);
    // Replaces channel `id` with the draft (its owner and creation time stay).
    [[nodiscard]] Result<void> update(qint64 id, const ChannelDraft &draft, bool enabled = true);
    [[nodiscard]] Result<void> setEnabled(qint64 id, bool enabled);
    // The channel as it was before it went, with its undelivered alerts.
    [[nodiscard]] Result<Channel> remove(qint64 id);

    // The draft checked and sealed, not stored: what an editor tests before saving.
    [[nodiscard]] Result<Channel> seal(const ChannelDraft &draft) const;
    // The channel's secrets in plain text, for an editor that shows them on request.
    [[nodiscard]] Result<QJsonObject> openSecrets(const Channel &channel) const;

    // The one test notification, stamped with the clock's time.
    [[nodiscard]] AlertNotice testNotice(const QString &channelName) const;
    // Sends testNotice() through `channel` (stored or only sealed); `done` once, later.
    void sendTest(const Channel &channel, std::function<void(Result<void>)> done);

    [[nodiscard]] static Error notFound(qint64 id);

private:
    [[nodiscard]] Result<void> requireVault() const;
    // requireVault(), and the vault still opens the database's check (no rotation elsewhere).
    [[nodiscard]] Result<void> requireCurrentKey() const;

    Database &m_db;
    const Vault *m_vault;
    NotificationSender *m_sender;
    const Clock &m_clock;
    qint64 m_ownerId;
};

} // namespace qw
