#include "ui/models/checkactivity.h"

#include "core/poll/checkservice.h"
#include "core/poll/scheduler.h"

namespace qw::ui {

CheckActivity::CheckActivity(CheckService &checks, Scheduler &scheduler, QObject *parent)
    : QObject(parent)
    , m_scheduler(scheduler)
{
    m_ticker.setInterval(1000);
    connect(&m_ticker, &QTimer::timeout, this, &CheckActivity::onTick);
    connect(&checks, &CheckService::checkStarted, this, [this](qint64 keyId) {
        QElapsedTimer &since = m_started[keyId];
        // A second check of a key already running (a "check now" on top of the schedule) does
        // not reset its time: the row tells how long the key has not answered.
        if (!since.isValid())
            since.start();
        if (!m_ticker.isActive())
            m_ticker.start();
        emit keyChanged(keyId);
        emit summaryChanged();
    });
    connect(&checks, &CheckService::checkFinished, this, [this](qint64 keyId) {
        if (m_started.remove(keyId) == 0)
            return;
        if (m_started.isEmpty())
            m_ticker.stop();
        emit keyChanged(keyId);
        emit summaryChanged();
    });
    connect(&scheduler, &Scheduler::checkAllProgress, this, &CheckActivity::summaryChanged);
    connect(&scheduler, &Scheduler::checkAllEnded, this, &CheckActivity::summaryChanged);
}

std::optional<qint64> CheckActivity::runningForMs(qint64 keyId) const
{
    const auto it = m_started.constFind(keyId);
    if (it == m_started.cend())
        return std::nullopt;
    return it->elapsed();
}

QString CheckActivity::statusText(qint64 keyId) const
{
    const std::optional<qint64> ms = runningForMs(keyId);
    if (!ms)
        return {};
    if (*ms < kQuietMs)
        return tr("checking…");
    return tr("checking… %1 s").arg(*ms / 1000);
}

QString CheckActivity::summary() const
{
    if (m_scheduler.checkAllRunning()) {
        const int total = m_scheduler.checkAllTotal();
        // The one being worked on, counting from 1: "1 of 12" while the first runs.
        return tr("Checking %1 of %2 keys…").arg(std::min(m_scheduler.checkAllDone() + 1, total)).arg(total);
    }
    if (!m_started.isEmpty())
        return tr("Checking %n key(s)…", nullptr, int(m_started.size()));
    return {};
}

void CheckActivity::onTick()
{
    for (auto it = m_started.cbegin(); it != m_started.cend(); ++it)
        if (it->elapsed() >= kQuietMs - 1000)
            emit keyTicked(it.key());
}

} // namespace qw::ui
