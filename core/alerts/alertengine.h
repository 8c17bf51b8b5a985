// Runs the alert rules after every stored check and makes their decisions durable: the alerts,
// one outbox row per channel that wants them, and the rules' memory of the key are written in
// one transaction, so an alert is never half-raised and a restart never raises it twice. Then
// it tells the desktop (tray) and the outbox dispatcher.
#pragma once

#include "core/alerts/alertnotice.h"
#include "core/alerts/alertsettings.h"
#include "core/model/apikey.h"
#include "core/model/snapshot.h"
#include "core/result.h"

#include <QObject>
#include <vector>

namespace qw {

class Database;
class PlatformRegistry;

class AlertEngine final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlertEngine)

public:
    // Messages name the platform as `platforms` does ("OpenRouter"), or by its id when `platforms`
    // does not know it; `platforms` must outlive the engine.
    AlertEngine(Database &db, const PlatformRegistry &platforms, QObject *parent = nullptr);

    void setSettings(const AlertSettings &settings) { m_settings = settings; }
    [[nodiscard]] const AlertSettings &settings() const { return m_settings; }
    // Reads the settings from the database (call after another client may have changed them).
    [[nodiscard]] Result<void> reloadSettings();

    // `snapshot` must already be stored. The alerts raised, as stored (with ids).
    [[nodiscard]] Result<std::vector<Alert>> evaluate(const ApiKey &key, const Snapshot &snapshot);

    // Whether a channel with these settings wants alerts of `kind`: its "events" list, when it
    // has one, else every kind.
    [[nodiscard]] static bool channelWants(const QJsonObject &channelSettings, AlertKind kind);

signals:
    // One per raised alert, after it is committed: the tray shows it.
    void alertRaised(const qw::AlertNotice &notice);
    // New outbox rows are waiting.
    void deliveriesQueued();

private:
    [[nodiscard]] QString platformName(const QString &platformId) const;

    Database &m_db;
    const PlatformRegistry &m_platforms;
    AlertSettings m_settings;
};

} // namespace qw
