// How a key is doing at a glance, from its settings and its latest check: the one judgement the
// key table, the header counts, the tray icon, `keys list` and the REST API share.
#pragma once

#include "core/model/apikey.h"
#include "core/model/snapshot.h"

#include <QString>
#include <array>
#include <optional>

namespace qw {

// The values are stored as ints by the front ends (filters, model roles): new states go last.
enum class KeyHealth
{
    Unknown, // never checked
    Ok,
    Low,     // remaining under the key's threshold
    Failing, // the latest check failed
    Paused,  // disabled: not checked on schedule
    Empty,   // nothing left: a balance at or below zero, a quota used up, or out of credit (402)
};

class KeyHealthRules final
{
public:
    // Every state, worst first: the order of lists, filters and a sort by status.
    static constexpr std::array<KeyHealth, 6> kWorstFirst{KeyHealth::Empty, KeyHealth::Failing,
                                                          KeyHealth::Low,   KeyHealth::Unknown,
                                                          KeyHealth::Ok,    KeyHealth::Paused};

    [[nodiscard]] static KeyHealth of(const ApiKey &key, const std::optional<Snapshot> &latest);
    // Worse is higher: Empty, Failing, Low, Unknown, Ok, Paused; for the tray's "worst state".
    // Empty sits just above Failing: an empty key refuses every request for certain, where a
    // failed check may be a passing network fault. Unknown is above Ok: a key never checked may
    // be anything. Paused is last: nobody expects news of it.
    [[nodiscard]] static int severity(KeyHealth health);
    // "unknown", "ok", "low", "empty", "failing", "paused": the JSON and the command line's word.
    [[nodiscard]] static QString toString(KeyHealth health);
    // A successful reading that says nothing is left: the headline at or below zero, the used
    // part of a limit at or past it, or the provider's "out of credit".
    [[nodiscard]] static bool isEmpty(const Snapshot &snapshot);
};

} // namespace qw
