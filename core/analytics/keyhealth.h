// How a key is doing at a glance, from its settings and its latest check: the one judgement the
// key table, the header counts, the tray icon, `keys list` and the REST API share.
#pragma once

#include "core/model/apikey.h"
#include "core/model/snapshot.h"

#include <QString>
#include <optional>

namespace qw {

enum class KeyHealth
{
    Unknown, // never checked
    Ok,
    Low,     // remaining under the key's threshold
    Failing, // the latest check failed
    Paused,  // disabled: not checked on schedule
};

class KeyHealthRules final
{
public:
    [[nodiscard]] static KeyHealth of(const ApiKey &key, const std::optional<Snapshot> &latest);
    // Worse first: Failing, Low, Unknown, Ok, Paused; for the tray's "worst state".
    [[nodiscard]] static int severity(KeyHealth health);
    // "unknown", "ok", "low", "failing", "paused": the JSON and the command line's word.
    [[nodiscard]] static QString toString(KeyHealth health);
};

} // namespace qw
