// The alerts use case for every front end: the alerts raised, newest first, each with its
// deliveries (how many are failing, and "retry now" for one), and the alert rules' settings (read, checked
// against their one table of limits, saved).
#pragma once

#include "core/alerts/alertsettings.h"
#include "core/model/alert.h"
#include "core/model/outboxentry.h"
#include "core/result.h"

#include <functional>
#include <vector>

namespace qw {

class Clock;
class Database;

struct AlertWithDeliveries
{
    Alert alert;
    std::vector<OutboxEntry> deliveries;
};

class AlertLog final
{
public:
    static constexpr int kMaxLimit = 100'000;

    AlertLog(Database &db, const Clock &clock)
        : m_db(db)
        , m_clock(clock)
    {}

    // Called after the settings were saved, so the running rules take them up.
    void setSettingsListener(std::function<void()> listener) { m_settingsChanged = std::move(listener); }
    // Called after a delivery was made due by retryDelivery(), so a running dispatcher sends it
    // now rather than on its next poll.
    void setRetryListener(std::function<void()> listener) { m_retried = std::move(listener); }

    // At most `limit` (1 to kMaxLimit) alerts, of key `keyId` only unless it is 0.
    [[nodiscard]] Result<std::vector<AlertWithDeliveries>> recent(qint64 keyId, int limit);

    // How many deliveries are failing now: given up, or waiting for a retry after a failed attempt.
    [[nodiscard]] Result<int> failingDeliveries();
    // "Retry now" for delivery `outboxId` (an OutboxEntry's id): due at once, and one more attempt
    // if it had been given up. NotFound when there is no such delivery; InvalidInput when it was
    // delivered already or is being sent at this moment.
    [[nodiscard]] Result<void> retryDelivery(qint64 outboxId);

    [[nodiscard]] Result<AlertSettings> settings();
    // InvalidInput (nothing saved) when a value is outside AlertSettings' ranges.
    [[nodiscard]] Result<void> saveSettings(const AlertSettings &settings);

private:
    Database &m_db;
    const Clock &m_clock;
    std::function<void()> m_settingsChanged;
    std::function<void()> m_retried;
};

} // namespace qw
