#include "core/storage/databasechangefeed.h"

#include "core/storage/database.h"

#include <QCryptographicHash>
#include <QSqlQuery>
#include <algorithm>
#include <utility>

namespace qw {

namespace {

// PostgreSQL: a connection the server dropped delivers nothing and nobody may notice for a long
// while; a trivial statement now and then lets Database reconnect it (and us listen again).
constexpr int kKeepAliveMs = 10'000;

const QString &channel()
{
    static const QString name = QLatin1String(DatabaseChangeFeed::kChannel);
    return name;
}

} // namespace

DatabaseChangeFeed::DatabaseChangeFeed(Database &db, QObject *parent)
    : QObject(parent)
    , m_db(db)
{
    m_pollTimer.setInterval(kDefaultPollMs);
    connect(&m_pollTimer, &QTimer::timeout, this, &DatabaseChangeFeed::poll);
    // A burst of changes (an import of a hundred keys) is reported once.
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(0);
    connect(&m_flushTimer, &QTimer::timeout, this, &DatabaseChangeFeed::flush);
}

DatabaseChangeFeed::~DatabaseChangeFeed()
{
    stop();
}

void DatabaseChangeFeed::start()
{
    if (m_running)
        return;
    m_running = true;
    m_baselined = takeBaseline();
    m_pollTimer.start();
}

void DatabaseChangeFeed::stop()
{
    if (!m_running)
        return;
    m_running = false;
    m_pollTimer.stop();
    m_flushTimer.stop();
    m_keysPending = m_settingsPending = false;
    m_checksPending.clear();
    m_alertsPending.clear();
    if (m_driver) {
        disconnect(m_driver, &QSqlDriver::notification, this, &DatabaseChangeFeed::onNotification);
        if (m_listening && m_driver->isOpen())
            m_driver->unsubscribeFromNotification(channel());
        m_driver = nullptr;
    }
    m_listening = false;
    m_baselined = false;
}

void DatabaseChangeFeed::setPollInterval(int ms)
{
    m_pollTimer.setInterval(std::max(1, ms));
}

void DatabaseChangeFeed::acknowledge()
{
    if (!m_running || !m_baselined || m_db.backend() != DatabaseUrl::Backend::Sqlite)
        return; // PostgreSQL tells our own writes apart by the notifying connection
    auto keys = readKeys();
    auto settings = readSettings();
    if (keys && settings) {
        m_keys = *keys;
        m_settings = *settings;
    }
}

bool DatabaseChangeFeed::takeBaseline()
{
    if (m_db.backend() == DatabaseUrl::Backend::Postgres)
        return listen();
    auto versions = readVersions();
    auto keys = readKeys();
    auto settings = readSettings();
    auto lastSnapshot = readLastSnapshotId();
    auto lastAlert = readLastAlertId();
    if (!versions || !keys || !settings || !lastSnapshot || !lastAlert)
        return false;
    m_versions = *versions;
    m_keys = *keys;
    m_settings = *settings;
    m_lastSnapshotId = *lastSnapshot;
    m_lastAlertId = *lastAlert;
    return true;
}

void DatabaseChangeFeed::poll()
{
    // Timers do not fire inside a synchronous transaction, but a caller's event loop might.
    if (!m_running || m_db.inTransaction())
        return;
    if (!m_baselined) {
        m_baselined = takeBaseline();
        if (!m_baselined)
            return;
        // Whatever happened while the database could not be read is unknown: re-read it all.
        m_keysPending = m_settingsPending = true;
        scheduleFlush();
        return;
    }
    if (m_db.backend() == DatabaseUrl::Backend::Sqlite)
        pollSqlite();
    else
        pollPostgres();
}

void DatabaseChangeFeed::pollSqlite()
{
    auto versions = readVersions();
    if (!versions || (versions->data == m_versions.data && versions->own == m_versions.own))
        return;
    if (versions->data == m_versions.data) {
        // Only this connection wrote (its own checks, mostly): nothing to report, but its
        // snapshots must not pass for news when another process next commits. Key and setting
        // edits made here are taken in by acknowledge().
        auto last = readLastSnapshotId();
        auto lastAlert = readLastAlertId();
        if (last && lastAlert) {
            m_lastSnapshotId = *last;
            m_lastAlertId = *lastAlert;
            m_versions = *versions;
        }
        return;
    }
    auto keys = readKeys();
    auto settings = readSettings();
    if (!keys || !settings)
        return; // busy or gone for now: the version stays unseen, so the next poll tries again
    if (auto checks = collectNewChecks(); !checks)
        return;
    if (auto alerts = collectNewAlerts(); !alerts)
        return;
    m_versions = *versions;
    if (*keys != m_keys) {
        m_keys = *keys;
        m_keysPending = true;
    }
    if (*settings != m_settings) {
        m_settings = std::move(*settings);
        m_settingsPending = true;
    }
    scheduleFlush();
}

void DatabaseChangeFeed::pollPostgres()
{
    // Database re-establishes a dropped connection on the next statement, and the driver forgets
    // its subscriptions then: listen again, and re-read everything, since notifications of the
    // gap are lost.
    if (!m_driver || !m_driver->subscribedToNotifications().contains(channel())) {
        m_listening = false;
        if (listen()) {
            m_keysPending = m_settingsPending = true;
            scheduleFlush();
        }
        return;
    }
    m_keepAliveCountdown -= m_pollTimer.interval();
    if (m_keepAliveCountdown <= 0) {
        m_keepAliveCountdown = kKeepAliveMs;
        (void)m_db.run(QStringLiteral("SELECT 1"));
    }
}

bool DatabaseChangeFeed::listen()
{
    QSqlDriver *driver = m_db.handle().driver();
    if (!driver || !driver->isOpen())
        return false;
    if (driver != m_driver) {
        if (m_driver)
            disconnect(m_driver, &QSqlDriver::notification, this, &DatabaseChangeFeed::onNotification);
        m_driver = driver;
        connect(driver, &QSqlDriver::notification, this, &DatabaseChangeFeed::onNotification);
    }
    m_listening =
        driver->subscribedToNotifications().contains(channel()) || driver->subscribeToNotification(channel());
    m_keepAliveCountdown = kKeepAliveMs;
    return m_listening;
}

void DatabaseChangeFeed::onNotification(const QString &name, QSqlDriver::NotificationSource source,
                                        const QVariant &payload)
{
    // Our own writes: whoever made them has already told this process.
    if (!m_running || name != channel() || source == QSqlDriver::SelfSource)
        return;
    const QString text = payload.toString();
    const qsizetype colon = text.indexOf(u':');
    const QStringView kind = colon < 0 ? QStringView(text) : QStringView(text).left(colon);
    if (kind == QLatin1String("check") || kind == QLatin1String("alert")) {
        bool ok = false;
        const qint64 keyId = QStringView(text).mid(colon + 1).toLongLong(&ok);
        if (!ok)
            return;
        (kind == QLatin1String("check") ? m_checksPending : m_alertsPending).insert(keyId);
    } else if (kind == QLatin1String("key")) {
        m_keysPending = true;
    } else if (kind == QLatin1String("settings")) {
        m_settingsPending = true;
    } else {
        return;
    }
    scheduleFlush();
}

void DatabaseChangeFeed::scheduleFlush()
{
    if ((m_keysPending || m_settingsPending || !m_checksPending.empty() || !m_alertsPending.empty()) &&
        !m_flushTimer.isActive())
        m_flushTimer.start();
}

void DatabaseChangeFeed::flush()
{
    // Taken out first: a listener may read the database, and that may queue more.
    const bool keys = std::exchange(m_keysPending, false);
    const bool settings = std::exchange(m_settingsPending, false);
    const std::set<qint64> checks = std::exchange(m_checksPending, {});
    const std::set<qint64> alerts = std::exchange(m_alertsPending, {});
    QPointer<DatabaseChangeFeed> self(this);
    if (keys)
        emit keysChanged();
    if (settings && self)
        emit settingsChanged();
    for (qint64 keyId : checks) {
        if (!self)
            return;
        emit checkStored(keyId);
    }
    // After the checks: a listener refreshing a key's reading first shows the alert on it.
    for (qint64 keyId : alerts) {
        if (!self)
            return;
        emit alertRaised(keyId);
    }
}

Result<DatabaseChangeFeed::Versions> DatabaseChangeFeed::readVersions()
{
    // Both per connection and without touching a table: this is all an idle poll costs.
    auto query =
        m_db.run(QStringLiteral("SELECT v.data_version, total_changes() FROM pragma_data_version() AS v"));
    if (!query)
        return tl::unexpected(query.error());
    if (!query->next())
        return Versions{};
    return Versions{query->value(0).toLongLong(), query->value(1).toLongLong()};
}

Result<DatabaseChangeFeed::KeysFingerprint> DatabaseChangeFeed::readKeys()
{
    // Every edit sets updated_at to now and every removal lowers the count, while the scheduler's
    // next_check_at writes touch neither: one indexed pass over a small table.
    auto query = m_db.run(
        QStringLiteral("SELECT COUNT(*), COALESCE(MAX(id), 0), COALESCE(SUM(updated_at), 0) FROM api_keys"));
    if (!query)
        return tl::unexpected(query.error());
    if (!query->next())
        return KeysFingerprint{};
    return KeysFingerprint{query->value(0).toLongLong(), query->value(1).toLongLong(),
                           query->value(2).toLongLong()};
}

Result<QByteArray> DatabaseChangeFeed::readSettings()
{
    // A handful of rows; a digest rather than the values, which need not linger in memory.
    auto query = m_db.run(QStringLiteral("SELECT key, value FROM settings ORDER BY key"));
    if (!query)
        return tl::unexpected(query.error());
    QCryptographicHash digest(QCryptographicHash::Sha256);
    while (query->next()) {
        digest.addData(query->value(0).toString().toUtf8());
        digest.addData(QByteArrayView("\0", 1));
        digest.addData(query->value(1).toString().toUtf8());
        digest.addData(QByteArrayView("\0", 1));
    }
    return digest.result();
}

Result<qint64> DatabaseChangeFeed::readLastSnapshotId()
{
    auto query = m_db.run(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM snapshots"));
    if (!query)
        return tl::unexpected(query.error());
    return query->next() ? query->value(0).toLongLong() : 0;
}

Result<qint64> DatabaseChangeFeed::readLastAlertId()
{
    auto query = m_db.run(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM alerts"));
    if (!query)
        return tl::unexpected(query.error());
    return query->next() ? query->value(0).toLongLong() : 0;
}

Result<void> DatabaseChangeFeed::collectNewAlerts()
{
    auto last = readLastAlertId();
    if (!last)
        return tl::unexpected(last.error());
    if (*last > m_lastAlertId) {
        auto query = m_db.run(QStringLiteral("SELECT DISTINCT key_id FROM alerts WHERE id > ? AND id <= ?"),
                              {m_lastAlertId, *last});
        if (!query)
            return tl::unexpected(query.error());
        while (query->next())
            m_alertsPending.insert(query->value(0).toLongLong());
    }
    // alerts.id never goes back ({serial}: AUTOINCREMENT), but keep it in step all the same.
    m_lastAlertId = *last;
    return {};
}

Result<void> DatabaseChangeFeed::collectNewChecks()
{
    auto last = readLastSnapshotId();
    if (!last)
        return tl::unexpected(last.error());
    if (*last > m_lastSnapshotId) {
        // The snapshots' primary key: a range read of only what is new.
        auto query =
            m_db.run(QStringLiteral("SELECT DISTINCT key_id FROM snapshots WHERE id > ? AND id <= ?"),
                     {m_lastSnapshotId, *last});
        if (!query)
            return tl::unexpected(query.error());
        while (query->next())
            m_checksPending.insert(query->value(0).toLongLong());
    }
    // Lower too when the newest rows went with their key: SQLite hands those ids out again.
    m_lastSnapshotId = *last;
    return {};
}

} // namespace qw
