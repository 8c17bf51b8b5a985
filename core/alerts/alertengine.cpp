#include "core/alerts/alertengine.h"

#include "adapters/adapter.h"
#include "adapters/platformregistry.h"
#include "core/alerts/alertrules.h"
#include "core/storage/alertrepository.h"
#include "core/storage/channelrepository.h"
#include "core/storage/database.h"
#include "core/storage/outboxrepository.h"
#include "core/storage/settingsrepository.h"
#include "core/storage/snapshotrepository.h"

#include <QJsonArray>

namespace qw {

AlertEngine::AlertEngine(Database &db, const PlatformRegistry &platforms, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_platforms(platforms)
{}

QString AlertEngine::platformName(const QString &platformId) const
{
    const Adapter *adapter = m_platforms.find(platformId);
    return adapter ? adapter->name() : platformId;
}

Result<void> AlertEngine::reloadSettings()
{
    SettingsRepository settings(m_db);
    auto loaded = AlertSettings::load(settings);
    if (!loaded)
        return tl::unexpected(loaded.error());
    m_settings = *loaded;
    return {};
}

bool AlertEngine::channelWants(const QJsonObject &channelSettings, AlertKind kind)
{
    const QJsonArray events = channelSettings.value(QLatin1String("events")).toArray();
    return events.isEmpty() || events.contains(QJsonValue(toString(kind)));
}

bool AlertEngine::needsHistory(const Snapshot &snapshot)
{
    return snapshot.status == CheckStatus::Ok && snapshot.remaining.has_value();
}

void AlertEngine::readAhead(const std::vector<std::pair<qint64, const Snapshot *>> &checks)
{
    // A key checked twice in the batch is read for its last check; evaluate() takes a key's part
    // once, so whichever of its checks comes second reads afresh and sees what the first wrote.
    m_readAhead.clear();
    std::vector<qint64> withHistory;
    QDateTime earliest;
    QDateTime latest;
    for (const auto &[keyId, snapshot] : checks) {
        auto entry = m_readAhead.try_emplace(keyId).first;
        entry->second.checkedAt = snapshot->checkedAt;
        if (needsHistory(*snapshot))
            entry->second.history.emplace();
        else
            entry->second.history.reset();
    }
    for (const auto &[keyId, ahead] : m_readAhead) {
        if (!ahead.history)
            continue;
        withHistory.push_back(keyId);
        if (!earliest.isValid() || ahead.checkedAt < earliest)
            earliest = ahead.checkedAt;
        if (!latest.isValid() || ahead.checkedAt > latest)
            latest = ahead.checkedAt;
    }
    if (m_readAhead.size() < 2) {
        m_readAhead.clear(); // one check reads as fast on its own
        return;
    }
    std::vector<qint64> keyIds;
    keyIds.reserve(m_readAhead.size());
    for (const auto &[keyId, ahead] : m_readAhead)
        keyIds.push_back(keyId);
    auto states = AlertRepository(m_db).ruleStates(keyIds);
    if (!states) {
        m_readAhead.clear();
        return;
    }
    for (auto &[keyId, ahead] : m_readAhead)
        ahead.state = states->value(keyId);
    if (withHistory.empty())
        return;
    // One window around every check's own; each check keeps the part that is its window.
    auto points = SnapshotRepository(m_db).balanceSeriesOfEach(
        withHistory, earliest.addMSecs(-AlertRules::kHistoryMs), latest.addMSecs(1));
    if (!points) {
        m_readAhead.clear();
        return;
    }
    for (const auto &[keyId, point] : *points) {
        ReadAhead &ahead = m_readAhead[keyId];
        const qint64 checkedMs = ahead.checkedAt.toMSecsSinceEpoch();
        if (ahead.history && point.atMs >= checkedMs - AlertRules::kHistoryMs && point.atMs <= checkedMs)
            ahead.history->push_back(point);
    }
}

Result<std::vector<Alert>> AlertEngine::evaluate(const ApiKey &key, const Snapshot &snapshot)
{
    std::optional<ReadAhead> ahead;
    if (auto node = m_readAhead.extract(key.id);
        !node.empty() && node.mapped().checkedAt == snapshot.checkedAt &&
        (node.mapped().history.has_value() || !needsHistory(snapshot)))
        ahead = std::move(node.mapped());

    AlertRepository alerts(m_db);
    Result<QJsonObject> stored = ahead ? Result<QJsonObject>(ahead->state) : alerts.ruleState(key.id);
    if (!stored)
        return tl::unexpected(stored.error());
    KeyAlertState state = KeyAlertState::fromJson(*stored);

    std::vector<BalancePoint> history;
    if (ahead && ahead->history) {
        history = std::move(*ahead->history);
    } else if (needsHistory(snapshot)) {
        // The bound is exclusive: one past the check so that it is the newest point.
        auto series = SnapshotRepository(m_db).balanceSeries(
            key.id, snapshot.checkedAt.addMSecs(-AlertRules::kHistoryMs), snapshot.checkedAt.addMSecs(1));
        if (!series)
            return tl::unexpected(series.error());
        history = std::move(*series);
    }
    const QString name = platformName(key.platform);
    std::vector<Alert> raised = AlertRules::evaluate(key, snapshot, history, m_settings, state, name);
    // Most checks change nothing the rules remember: then there is nothing to write, and no
    // write transaction to hold other writers up (SQLite) on every check.
    QJsonObject newState = state.toJson();
    if (raised.empty() && newState == *stored)
        return raised;

    Transaction transaction(m_db);
    if (!transaction.started())
        return tl::unexpected(transaction.started().error());
    if (m_db.backend() == DatabaseUrl::Backend::Postgres) {
        // Other instances on the database may be evaluating checks of this key right now: lock
        // the key's rule state and decide again on it as locked, so a crossing raises one alert
        // for the whole team, not one per instance that saw it.
        auto locked = alerts.lockRuleState(key.id);
        if (!locked)
            return tl::unexpected(locked.error());
        if (*locked != *stored) {
            state = KeyAlertState::fromJson(*locked);
            raised = AlertRules::evaluate(key, snapshot, history, m_settings, state, name);
            newState = state.toJson();
            if (raised.empty() && newState == *locked) {
                if (auto committed = transaction.commit(); !committed)
                    return tl::unexpected(committed.error());
                return raised;
            }
        }
    }

    std::vector<Channel> channels;
    if (!raised.empty()) {
        auto listed = ChannelRepository(m_db).list();
        if (!listed)
            return tl::unexpected(listed.error());
        channels = std::move(*listed);
    }

    OutboxRepository outbox(m_db);
    bool queued = false;
    for (Alert &alert : raised) {
        auto id = alerts.insert(alert);
        if (!id)
            return tl::unexpected(id.error());
        alert.id = *id;
        std::vector<qint64> targets;
        for (const Channel &channel : channels) {
            // Only the key owner's channels: another user must not hear about this key.
            if (channel.enabled && channel.userId == key.userId && channelWants(channel.settings, alert.kind))
                targets.push_back(channel.id);
        }
        if (auto enqueued = outbox.enqueue(alert.id, targets, alert.createdAt); !enqueued)
            return tl::unexpected(enqueued.error());
        queued = queued || !targets.empty();
    }
    if (auto saved = alerts.setRuleState(key.id, newState); !saved)
        return tl::unexpected(saved.error());
    // The other instances' desktops show it too (DatabaseChangeFeed::alertRaised); SQLite has no
    // NOTIFY, and its feed sees the new rows instead.
    if (!raised.empty() && m_db.backend() == DatabaseUrl::Backend::Postgres) {
        if (auto announced = alerts.announceRaised(key.id); !announced)
            return tl::unexpected(announced.error());
    }
    if (auto committed = transaction.commit(); !committed)
        return tl::unexpected(committed.error());

    for (const Alert &alert : raised)
        emit alertRaised(AlertNotice{alert, key.name, key.platform});
    if (queued)
        emit deliveriesQueued();
    return raised;
}

} // namespace qw
