// How a key's health (core/analytics/keyhealth.h) looks: its words and its icon, the same in the
// key table, the filters, the history window and the tray.
#pragma once

#include "core/analytics/keyhealth.h"

#include <QCoreApplication>
#include <QIcon>

namespace qw::ui {

class KeyHealthInfo final
{
    Q_DECLARE_TR_FUNCTIONS(KeyHealthInfo)

public:
    // "OK", "Running low", "Empty", "Failing", "Paused", "Not checked yet" (translated).
    [[nodiscard]] static QString label(KeyHealth health);
    // A themed icon with a drawn fallback, so it shows on every platform.
    [[nodiscard]] static QIcon icon(KeyHealth health);
};

} // namespace qw::ui
