// Runs the alert rules after every stored check and makes their decisions durable: the alerts,
// one outbox row per channel that wants them, and the rules' memory of the key are written in
// one transaction, so an alert is never half-raised and a restart never raises it twice. Then
// it tells the desktop (tray) and the outbox dispatcher.
#pragma once

#include "core/alerts/alertnotice.h"
#include "core/alerts/alertsettings.h"
#include "core/model/apikey.h"
#include "core/model/balancepoint.h"
#include "core/model/snapshot.h"
#include "core/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <optional>
#include <unordered_map>
#include <utility>
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
    // Reads what evaluate() will need for the stored checks `checks` (key id and snapshot), for
    // all of them in two statements instead of two per check: each key's rule state and its
    // history. Each key's next evaluate() takes its part, once (for the check it was read for);
    // any other evaluation, and anything that failed to read, reads as usual. What is not taken
    // is dropped by the next call, or by forgetReadAhead().
    void readAhead(const std::vector<std::pair<qint64, const Snapshot *>> &checks);
    void forgetReadAhead() { m_readAhead.clear(); }

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

    // What readAhead() read for one check.
    struct ReadAhead
    {
        QJsonObject state;
        QDateTime checkedAt;                              // of the check it was read for
        std::optional<std::vector<BalancePoint>> history; // when that check needs one
    };
    // The history evaluate() reads for `snapshot` (none unless it is a successful reading).
    [[nodiscard]] static bool needsHistory(const Snapshot &snapshot);

    Database &m_db;
    const PlatformRegistry &m_platforms;
    AlertSettings m_settings;
    std::unordered_map<qint64, ReadAhead> m_readAhead; // key id ->
};

} // namespace qw
