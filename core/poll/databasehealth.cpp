#include "core/poll/databasehealth.h"

#include "core/clock.h"
#include "core/storage/database.h"

namespace qw {

DatabaseHealth::DatabaseHealth(Database &db, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_clock(clock)
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, [this] { (void)retryNow(); });
}

void DatabaseHealth::reportFailure(const QString &message)
{
    // While unavailable the retry timer runs already; a ping inside a ping (a failure reported
    // from a slot of ours) would only repeat it.
    if (!isAvailable() || m_pinging)
        return;
    m_pinging = true;
    auto pinged = m_db.ping();
    m_pinging = false;
    if (pinged)
        return; // the statement failed, not the database
    m_downSince = m_clock.nowUtc();
    m_retryMs = kFirstRetryMs;
    m_retry.start(m_retryMs);
    // The ping's message says what is wrong with the database now; the statement's is the fallback.
    emit unavailable(m_downSince, pinged.error().message.isEmpty() ? message : pinged.error().message);
}

bool DatabaseHealth::retryNow()
{
    if (isAvailable())
        return true;
    m_pinging = true;
    const bool ok = m_db.ping().has_value();
    m_pinging = false;
    if (!ok) {
        m_retryMs = std::min(m_retryMs * 2, m_maxRetryMs);
        m_retry.start(m_retryMs);
        return false;
    }
    const QDateTime since = m_downSince;
    m_downSince = QDateTime();
    m_retryMs = kFirstRetryMs;
    m_retry.stop();
    emit available(since, m_clock.nowUtc());
    return true;
}

void DatabaseHealth::stop()
{
    m_retry.stop();
}

} // namespace qw
