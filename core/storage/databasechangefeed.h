// Tells this process, within a second or so, when another one (the CLI, a second desktop,
// `serve`) changed the keys or the alert settings of the shared database or stored a check, so
// that nobody re-reads everything on a timer. SQLite: `PRAGMA data_version`, read on this
// connection every half second, moves only when another connection committed; cheap fingerprints
// then tell what changed, and total_changes() tells this connection's own writes apart.
// PostgreSQL: LISTEN on the channel that the triggers of migration 5 (keys, checks, settings) and
// the alert engine (alerts) notify; what this connection wrote itself is not reported.
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QSqlDriver>
#include <QTimer>
#include <QVariant>
#include <set>

namespace qw {

class Database;

class DatabaseChangeFeed final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DatabaseChangeFeed)

public:
    // The PostgreSQL channel; payloads are "key:<key id>", "check:<key id>", "alert:<key id>" and
    // "settings".
    static constexpr const char *kChannel = "quotawatch_changes";
    static constexpr int kDefaultPollMs = 500;

    explicit DatabaseChangeFeed(Database &db, QObject *parent = nullptr);
    ~DatabaseChangeFeed() override;

    // Takes what is stored now as known and watches from here on. A database that cannot be read
    // at the moment is tried again at every poll.
    void start();
    void stop();
    [[nodiscard]] bool isRunning() const { return m_running; }
    // SQLite: how often data_version is read. PostgreSQL: how often a lost subscription (the
    // connection was re-established) is noticed.
    void setPollInterval(int ms);
    // This process has just changed keys or settings itself and is about to re-read them: take
    // what is stored now as known, so that it is not reported back as a change from elsewhere.
    void acknowledge();

signals:
    // Keys were added, edited, paused or removed elsewhere. Scheduling bookkeeping (the next
    // check time) is not a change.
    void keysChanged();
    // The database-wide settings (alert limits) changed elsewhere.
    void settingsChanged();
    // Another process stored a check of `keyId`.
    void checkStored(qint64 keyId);
    // Another process raised an alert of `keyId` (its rows are committed: read them).
    void alertRaised(qint64 keyId);

private:
    struct Versions
    {
        qint64 data = -1; // PRAGMA data_version: moves with other connections' commits
        qint64 own = -1;  // total_changes(): rows this connection has written
    };
    struct KeysFingerprint
    {
        qint64 count = -1;
        qint64 maxId = 0;
        qint64 updatedSum = 0;
        bool operator==(const KeysFingerprint &) const = default;
    };

    void poll();
    void pollSqlite();
    void pollPostgres();
    [[nodiscard]] bool takeBaseline();
    [[nodiscard]] Result<KeysFingerprint> readKeys();
    [[nodiscard]] Result<QByteArray> readSettings();
    [[nodiscard]] Result<Versions> readVersions();
    [[nodiscard]] Result<qint64> readLastSnapshotId();
    [[nodiscard]] Result<qint64> readLastAlertId();
    // Adds the keys that got a snapshot since the last one seen and moves past it.
    [[nodiscard]] Result<void> collectNewChecks();
    // The same for alerts.
    [[nodiscard]] Result<void> collectNewAlerts();
    [[nodiscard]] bool listen();
    void onNotification(const QString &name, QSqlDriver::NotificationSource source, const QVariant &payload);
    void scheduleFlush();
    void flush();

    Database &m_db;
    QTimer m_pollTimer;
    QTimer m_flushTimer;
    bool m_running = false;
    bool m_baselined = false;

    // SQLite: what was last seen.
    Versions m_versions;
    KeysFingerprint m_keys;
    QByteArray m_settings;
    qint64 m_lastSnapshotId = 0;
    qint64 m_lastAlertId = 0;

    // PostgreSQL.
    QPointer<QSqlDriver> m_driver;
    bool m_listening = false;
    int m_keepAliveCountdown = 0;

    // Reported together once the current burst is over.
    bool m_keysPending = false;
    bool m_settingsPending = false;
    std::set<qint64> m_checksPending;
    std::set<qint64> m_alertsPending;
};

} // namespace qw
