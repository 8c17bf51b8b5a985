#include "core/alerts/channelservice.h"

#include "core/alerts/alertmessages.h"
#include "core/alerts/notificationsender.h"
#include "core/clock.h"
#include "core/secrets/vaultunlocker.h"
#include "core/storage/channelrepository.h"
#include "core/storage/settingsrepository.h"

namespace qw {

ChannelService::ChannelService(Database &db, const Vault *vault, NotificationSender *sender,
                               const Clock &clock, qint64 ownerId)
    : m_db(db)
    , m_vault(vault)
    , m_sender(sender)
    , m_clock(clock)
    , m_ownerId(ownerId)
{}

Error ChannelService::notFound(qint64 id)
{
    return Error{ErrorCode::NotFound, QStringLiteral("no channel with id %1").arg(id)};
}

Result<void> ChannelService::requireVault() const
{
    if (!m_vault || !m_sender)
        return fail(ErrorCode::MasterKeyUnavailable,
                    QStringLiteral("channel secrets need the master key, and this session has none"));
    return {};
}

Result<std::vector<Channel>> ChannelService::list()
{
    return ChannelRepository(m_db).list();
}

Result<Channel> ChannelService::get(qint64 id)
{
    auto found = ChannelRepository(m_db).find(id);
    if (!found)
        return tl::unexpected(found.error());
    if (!*found)
        return tl::unexpected(notFound(id));
    return std::move(**found);
}

Result<void> ChannelService::requireCurrentKey() const
{
    if (auto ready = requireVault(); !ready)
        return ready;
    // A key rotated by another instance since this session opened: secrets sealed now would be
    // ones nobody else can read.
    SettingsRepository settings(m_db);
    if (auto current = VaultUnlocker::requireCurrent(*m_vault, settings); !current)
        return tl::unexpected(current.error());
    return {};
}

Result<Channel> ChannelService::seal(const ChannelDraft &draft) const
{
    if (auto ready = requireCurrentKey(); !ready)
        return tl::unexpected(ready.error());
    return ChannelConfig::seal(draft, *m_vault, m_ownerId);
}

Result<QJsonObject> ChannelService::openSecrets(const Channel &channel) const
{
    if (auto ready = requireVault(); !ready)
        return tl::unexpected(ready.error());
    return ChannelConfig::openSecrets(channel, *m_vault);
}

Result<qint64> ChannelService::add(const ChannelDraft &draft)
{
    auto channel = seal(draft);
    if (!channel)
        return tl::unexpected(channel.error());
    return ChannelRepository(m_db).insert(*channel);
}

Result<void> ChannelService::update(qint64 id, const ChannelDraft &draft, bool enabled)
{
    if (auto ready = requireCurrentKey(); !ready)
        return tl::unexpected(ready.error());
    auto stored = get(id);
    if (!stored)
        return tl::unexpected(stored.error());
    // Bound to the account that owns the row, which the update keeps.
    auto channel = ChannelConfig::seal(draft, *m_vault, stored->userId);
    if (!channel)
        return tl::unexpected(channel.error());
    channel->id = id;
    channel->enabled = enabled;
    auto done = ChannelRepository(m_db).update(*channel);
    if (!done)
        return tl::unexpected(done.error());
    if (!*done)
        return tl::unexpected(notFound(id));
    return {};
}

Result<void> ChannelService::setEnabled(qint64 id, bool enabled)
{
    if (auto existing = get(id); !existing)
        return tl::unexpected(existing.error());
    return ChannelRepository(m_db).setEnabled(id, enabled);
}

Result<Channel> ChannelService::remove(qint64 id)
{
    auto existing = get(id);
    if (!existing)
        return existing;
    auto removed = ChannelRepository(m_db).remove(id);
    if (!removed)
        return tl::unexpected(removed.error());
    if (!*removed)
        return tl::unexpected(notFound(id));
    return existing;
}

AlertNotice ChannelService::testNotice(const QString &channelName) const
{
    AlertNotice notice;
    notice.alert.kind = AlertKind::Test;
    notice.alert.createdAt = m_clock.nowUtc();
    // About no key: no key id (0 is no key's), name or platform goes out; the words say it is
    // a test from QuotaWatch.
    AlertMessages::test(notice.alert, channelName);
    return notice;
}

void ChannelService::sendTest(const Channel &channel, std::function<void(Result<void>)> done)
{
    if (auto ready = requireVault(); !ready) {
        done(ready);
        return;
    }
    const AlertNotice notice = testNotice(channel.name);
    m_sender->send(channel, notice, notice.alert.createdAt, std::move(done));
}

} // namespace qw
