// What a failed check says to a person, in one place for the key table's status tooltip, the
// history window, the key editor's test result and the tray: one sentence that names the trouble
// once, in the user's language, and never the stored status code (`auth_error`).
#pragma once

#include "adapters/balancereading.h"

#include <QCoreApplication>
#include <QString>

namespace qw {
struct Snapshot;
}

namespace qw::ui {

class CheckErrorText final
{
    Q_DECLARE_TR_FUNCTIONS(CheckErrorText)

public:
    // A sentence for a status when the check left no words of its own, e.g. "The provider
    // refused the key."
    [[nodiscard]] static QString sentence(CheckStatus status);
    // The check's own message, capitalised ("The provider refused the key (HTTP 401): invalid
    // key; …"), led by the status in the user's language where that is not English; the status
    // sentence alone when the message is empty. Plain text: callers make it literal for tooltips.
    [[nodiscard]] static QString describe(CheckStatus status, const QString &error);
    [[nodiscard]] static QString describe(const Snapshot &snapshot);
};

} // namespace qw::ui
