// The alerts use case for every front end: the alerts raised, newest first, each with its
// deliveries, and the alert rules' settings (read, checked against their one table of limits,
// saved).
#pragma once

#include "core/alerts/alertsettings.h"
#include "core/model/alert.h"
#include "core/model/outboxentry.h"
#include "core/result.h"

#include <functional>
#include <vector>

namespace qw {

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

    explicit AlertLog(Database &db)
        : m_db(db)
    {}

    // Called after the settings were saved, so the running rules take them up.
    void setSettingsListener(std::function<void()> listener) { m_settingsChanged = std::move(listener); }

    // At most `limit` (1 to kMaxLimit) alerts, of key `keyId` only unless it is 0.
    [[nodiscard]] Result<std::vector<AlertWithDeliveries>> recent(qint64 keyId, int limit);

    [[nodiscard]] Result<AlertSettings> settings();
    // InvalidInput (nothing saved) when a value is outside AlertSettings' ranges.
    [[nodiscard]] Result<void> saveSettings(const AlertSettings &settings);

private:
    Database &m_db;
    std::function<void()> m_settingsChanged;
};

} // namespace qw
