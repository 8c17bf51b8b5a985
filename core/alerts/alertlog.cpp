#include "core/alerts/alertlog.h"

#include "core/alerts/outboxdispatcher.h"
#include "core/clock.h"
#include "core/storage/alertrepository.h"
#include "core/storage/outboxrepository.h"
#include "core/storage/readtransaction.h"
#include "core/storage/settingsrepository.h"

#include <unordered_map>

namespace qw {

Result<std::vector<AlertWithDeliveries>> AlertLog::recent(qint64 keyId, int limit)
{
    if (limit < 1 || limit > kMaxLimit)
        return fail(ErrorCode::InvalidInput, QStringLiteral("the limit must be from 1 to %1").arg(kMaxLimit));
    ReadTransaction transaction(m_db);
    auto alerts = AlertRepository(m_db).recent(keyId, limit);
    if (!alerts)
        return tl::unexpected(alerts.error());
    std::vector<qint64> ids;
    ids.reserve(alerts->size());
    for (const Alert &alert : *alerts)
        ids.push_back(alert.id);
    auto deliveries = OutboxRepository(m_db).forAlerts(ids);
    if (!deliveries)
        return tl::unexpected(deliveries.error());
    std::unordered_map<qint64, std::vector<OutboxEntry>> byAlert;
    for (OutboxEntry &delivery : *deliveries)
        byAlert[delivery.alertId].push_back(std::move(delivery));
    std::vector<AlertWithDeliveries> result;
    result.reserve(alerts->size());
    for (Alert &alert : *alerts) {
        auto found = byAlert.find(alert.id);
        result.push_back(AlertWithDeliveries{std::move(alert), found != byAlert.end()
                                                                   ? std::move(found->second)
                                                                   : std::vector<OutboxEntry>()});
    }
    return result;
}

Result<int> AlertLog::failingDeliveries()
{
    return OutboxRepository(m_db).failingCount();
}

Result<void> AlertLog::retryDelivery(qint64 outboxId)
{
    OutboxRepository outbox(m_db);
    auto retried = outbox.retryNow(outboxId, m_clock.nowUtc(), OutboxDispatcher::kMaxAttempts);
    if (!retried)
        return tl::unexpected(retried.error());
    if (!*retried) {
        auto entry = outbox.find(outboxId);
        if (!entry)
            return tl::unexpected(entry.error());
        if (!*entry)
            return fail(ErrorCode::NotFound, QStringLiteral("no delivery with id %1").arg(outboxId));
        return fail(ErrorCode::InvalidInput, (*entry)->status == OutboxEntry::Status::Sent
                                                 ? QStringLiteral("this alert was delivered already")
                                                 : QStringLiteral("this alert is being sent right now"));
    }
    if (m_retried)
        m_retried();
    return {};
}

Result<AlertSettings> AlertLog::settings()
{
    SettingsRepository repository(m_db);
    return AlertSettings::load(repository);
}

Result<void> AlertLog::saveSettings(const AlertSettings &settings)
{
    SettingsRepository repository(m_db);
    if (auto saved = settings.save(repository); !saved)
        return saved;
    if (m_settingsChanged)
        m_settingsChanged();
    return {};
}

} // namespace qw
