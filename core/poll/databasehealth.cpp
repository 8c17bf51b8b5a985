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

void DatabaseHealth::reportFailure(const Error &error)
{
    // While down the retry timer runs already; a ping inside a ping (a failure reported from a
    // slot of ours) would only repeat it.
    if (m_state == State::Down || m_pinging)
        return;
    if (error.code == ErrorCode::DatabaseUnavailable) {
        m_refusedWrites = true;
        goDown(error.message);
        return;
    }
    m_pinging = true;
    auto pinged = m_db.ping();
    m_pinging = false;
    if (pinged)
        return; // the statement failed, not the database
    m_refusedWrites = false;
    // The ping's message says what is wrong with the database now; the statement's is the fallback.
    goDown(pinged.error().message.isEmpty() ? error.message : pinged.error().message);
}

void DatabaseHealth::goDown(const QString &reason)
{
    const bool relapse = m_state == State::WriteTrial;
    m_state = State::Down;
    emit writableChanged(false);
    if (relapse) {
        // The write that was to end the outage failed too: the same outage goes on.
        m_retryMs = std::min(m_retryMs * 2, m_maxRetryMs);
        scheduleRetry();
        return;
    }
    m_downSince = m_clock.nowUtc();
    m_retryMs = kFirstRetryMs;
    scheduleRetry();
    emit unavailable(m_downSince, reason);
}

void DatabaseHealth::scheduleRetry()
{
    m_retry.start(m_retryMs);
}

void DatabaseHealth::reportWrite()
{
    if (m_state != State::WriteTrial)
        return;
    const QDateTime since = m_downSince;
    m_state = State::Available;
    m_downSince = QDateTime();
    m_refusedWrites = false;
    m_retryMs = kFirstRetryMs;
    emit available(since, m_clock.nowUtc());
}

bool DatabaseHealth::retryNow()
{
    if (m_state != State::Down)
        return true;
    m_pinging = true;
    const bool ok = m_db.ping().has_value();
    m_pinging = false;
    if (!ok) {
        m_retryMs = std::min(m_retryMs * 2, m_maxRetryMs);
        scheduleRetry();
        return false;
    }
    m_retry.stop();
    if (m_refusedWrites) {
        m_state = State::WriteTrial;
        emit writableChanged(true);
        return true;
    }
    const QDateTime since = m_downSince;
    m_state = State::Available;
    m_downSince = QDateTime();
    m_retryMs = kFirstRetryMs;
    emit writableChanged(true);
    emit available(since, m_clock.nowUtc());
    return true;
}

void DatabaseHealth::stop()
{
    m_retry.stop();
}

} // namespace qw
