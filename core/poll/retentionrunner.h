// Runs the retention roll-up in the background of the engine: a while after start, then every
// hour, in slices of a few milliseconds with pauses between them, so checks (which share the
// thread and the database) are never held up by more than one small transaction.
#pragma once

#include "core/analytics/retentionservice.h"

#include <QObject>
#include <QTimer>

namespace qw {

class RetentionRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RetentionRunner)

public:
    struct Timing
    {
        int startDelayMs = 2 * 60 * 1000; // after start: let the first round of checks go first
        int sliceMs = 15;                 // work per slice (one bucket is one transaction)
        int pauseMs = 50;                 // between slices: the event loop and the checks run
        int periodMs = 60 * 60 * 1000;    // between passes
    };

    RetentionRunner(Database &db, const Clock &clock, QObject *parent = nullptr);

    void start();
    void stop();
    void setTiming(const Timing &timing) { m_timing = timing; }
    [[nodiscard]] bool isActive() const { return m_timer.isActive(); }

signals:
    // A pass rolled everything older than the retention; `checksRolled` raw checks went into runs.
    void passFinished(qint64 checksRolled);
    // A step failed (a busy or unreachable database); the next pass tries again.
    void failed(const qw::Error &error);

private:
    void runSlice();

    RetentionService m_service;
    QTimer m_timer;
    Timing m_timing;
    qint64 m_rolledThisPass = 0;
};

} // namespace qw
