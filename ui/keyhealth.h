// How a key is doing at a glance, from its settings and its latest check: the one judgement the
// key table, the header counts and the tray icon share.
#pragma once

#include "core/model/apikey.h"
#include "core/model/snapshot.h"

#include <QCoreApplication>
#include <QIcon>
#include <optional>

namespace qw::ui {

enum class KeyHealth
{
    Unknown, // never checked
    Ok,
    Low,     // remaining under the key's threshold
    Failing, // the latest check failed
    Paused,  // disabled: not checked on schedule
};

class KeyHealthInfo final
{
    Q_DECLARE_TR_FUNCTIONS(KeyHealthInfo)

public:
    [[nodiscard]] static KeyHealth of(const ApiKey &key, const std::optional<Snapshot> &latest);
    // "OK", "Running low", "Failing", "Paused", "Not checked yet" (translated).
    [[nodiscard]] static QString label(KeyHealth health);
    // A themed icon with a drawn fallback, so it shows on every platform.
    [[nodiscard]] static QIcon icon(KeyHealth health);
    // Worse first: Failing, Low, Unknown, Ok, Paused; for the tray's "worst state".
    [[nodiscard]] static int severity(KeyHealth health);
};

} // namespace qw::ui
