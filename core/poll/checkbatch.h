// "Check these keys now" for every front end: each key goes through the CheckService, so its
// result is stored and its alerts are evaluated exactly as on schedule, and `done` gets every
// result at once when the last check ended. Deletes itself afterwards. At most kMaxStarted checks
// are started at a time (the next when one ends): 10,000 keys started at once held 10,000
// decrypted secrets and queued requests in memory, where the HTTP client only ever runs a few
// hundred at once.
#pragma once

#include "core/model/snapshot.h"

#include <QObject>
#include <functional>
#include <map>
#include <set>
#include <vector>

namespace qw {

class CheckService;

class CheckBatch final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CheckBatch)

public:
    // One key's check: what it found, and whether that is now in the database. A result that
    // could not be stored (the database went away) is not the provider's failure; front ends
    // say so instead of presenting the snapshot's status as the whole story.
    struct Result
    {
        Snapshot snapshot;
        bool stored = false;
    };
    // The results in the order of the ids given (taken by value, so a caller may keep them
    // without a copy).
    using Done = std::function<void(std::vector<Result> results)>;
    // Twice the most checks in flight any configuration allows (Configuration::kMaxChecksInFlight),
    // so the HTTP client never waits for the batch.
    static constexpr std::size_t kMaxStarted = 512;

    // Starts the checks; `done` is called later, on the event loop, exactly once (at once for
    // an empty list), unless the CheckService goes away first.
    static void start(CheckService &checks, std::vector<qint64> keyIds, Done done);

private:
    CheckBatch(CheckService &checks, std::vector<qint64> keyIds, Done done);
    void onFinished(qint64 keyId, const Snapshot &snapshot, bool stored);
    // Starts checks until kMaxStarted are running or none is left to start.
    void startMore();

    CheckService &m_checks;
    std::vector<qint64> m_keyIds;  // as given, for the order of the results
    std::vector<qint64> m_toStart; // distinct ids not started yet, the next at the back
    std::set<qint64> m_running;    // started and not finished yet
    std::map<qint64, Result> m_results;
    Done m_done;
};

} // namespace qw
