// "Check these keys now" for every front end: each key goes through the CheckService, so its
// result is stored and its alerts are evaluated exactly as on schedule, and `done` gets every
// result at once when the last check ended. Deletes itself afterwards.
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
    // The results in the order of the ids given.
    using Done = std::function<void(const std::vector<Result> &results)>;

    // Starts the checks; `done` is called later, on the event loop, exactly once (at once for
    // an empty list), unless the CheckService goes away first.
    static void start(CheckService &checks, std::vector<qint64> keyIds, Done done);

private:
    CheckBatch(CheckService &checks, std::vector<qint64> keyIds, Done done);
    void onFinished(qint64 keyId, const Snapshot &snapshot, bool stored);

    std::vector<qint64> m_keyIds; // as given, for the order of the results
    std::set<qint64> m_pending;   // not finished yet
    std::map<qint64, Result> m_results;
    Done m_done;
};

} // namespace qw
