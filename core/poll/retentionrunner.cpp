#include "core/poll/retentionrunner.h"

#include <QLoggingCategory>

namespace qw {

namespace {

Q_LOGGING_CATEGORY(lcRetention, "quotawatch.retention")

} // namespace

RetentionRunner::RetentionRunner(Database &db, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_service(db, clock)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &RetentionRunner::runSlice);
}

void RetentionRunner::start()
{
    m_rolledThisPass = 0;
    m_timer.start(m_timing.startDelayMs);
}

void RetentionRunner::stop()
{
    m_timer.stop();
}

void RetentionRunner::runSlice()
{
    auto progress = m_service.rollUp(std::chrono::milliseconds(m_timing.sliceMs));
    if (!progress) {
        // The message names the statement, never a value (Database::queryError).
        qCWarning(lcRetention).noquote() << "roll-up paused until the next pass:" << progress.error().message;
        m_rolledThisPass = 0;
        m_timer.start(m_timing.periodMs);
        emit failed(progress.error());
        return;
    }
    m_rolledThisPass += progress->checksRolled;
    if (!progress->finished) {
        m_timer.start(m_timing.pauseMs);
        return;
    }
    const qint64 rolled = m_rolledThisPass;
    m_rolledThisPass = 0;
    m_timer.start(m_timing.periodMs);
    emit passFinished(rolled);
}

} // namespace qw
