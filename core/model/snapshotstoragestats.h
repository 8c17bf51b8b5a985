// How the history is stored: raw checks, the rolled-up runs that replaced older ones, and their
// oldest times. Read by RetentionService for `db stats` and Settings.
#pragma once

#include <QtGlobal>
#include <optional>

namespace qw {

struct SnapshotStorageStats
{
    qint64 rawChecks = 0;
    qint64 hourlyRuns = 0;
    qint64 dailyRuns = 0;
    qint64 rolledChecks = 0;              // raw checks the runs stand for
    std::optional<qint64> oldestRawMs;    // the oldest raw check, UTC milliseconds
    std::optional<qint64> oldestRolledMs; // the oldest rolled run's first check
};

} // namespace qw
