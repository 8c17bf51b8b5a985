// What the engine is checking right now, for the views: when each key's check started (its row
// says "checking… 12 s"), how far a "Check all" has come, and a line for the tray's tooltip.
// Fed by CheckService::checkStarted/checkFinished and the Scheduler's check-all run.
#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>
#include <optional>

namespace qw {
class CheckService;
class Scheduler;
} // namespace qw

namespace qw::ui {

class CheckActivity final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CheckActivity)

public:
    // Below this a check reads "checking…"; from then on it counts the seconds.
    static constexpr qint64 kQuietMs = 3000;

    CheckActivity(CheckService &checks, Scheduler &scheduler, QObject *parent = nullptr);

    // How long the check of `keyId` has been running; nullopt when it is not being checked.
    [[nodiscard]] std::optional<qint64> runningForMs(qint64 keyId) const;
    // "checking…", or "checking… 12 s" once it takes a while; empty when not being checked.
    [[nodiscard]] QString statusText(qint64 keyId) const;
    [[nodiscard]] int running() const { return int(m_started.size()); }
    // The tray's line: "Checking 3 of 12 keys…" during a check-all, "Checking 2 keys…" while
    // scheduled checks run; empty when nothing runs.
    [[nodiscard]] QString summary() const;
    [[nodiscard]] QList<qint64> runningKeys() const { return m_started.keys(); }

signals:
    // The key's check started or ended.
    void keyChanged(qint64 keyId);
    // Each second while the key's check runs long enough to count: its time moved on.
    void keyTicked(qint64 keyId);
    // summary() may read differently.
    void summaryChanged();

private:
    void onTick();

    Scheduler &m_scheduler;
    QHash<qint64, QElapsedTimer> m_started;
    QTimer m_ticker; // runs while something is being checked
};

} // namespace qw::ui
