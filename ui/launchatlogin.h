// Starts QuotaWatch when the user logs in: an XDG autostart entry on Linux and other Unix
// desktops, the HKCU Run key on Windows, a LaunchAgents plist on macOS. Per user, no admin rights.
#pragma once

#include "core/result.h"

#include <QString>

namespace qw::ui {

class LaunchAtLogin final
{
public:
    // Whether this user's login starts QuotaWatch (an entry of ours exists).
    [[nodiscard]] static bool isEnabled();
    // Writes or removes the entry, which starts `program` (default: this executable, or the
    // AppImage it runs from). Removing an entry that is not there succeeds.
    [[nodiscard]] static Result<void> setEnabled(bool on, const QString &program = {});
    // Where the entry lives: the autostart file, the plist, or the registry key and value name.
    [[nodiscard]] static QString location();
#if !defined(Q_OS_WIN)
    // Where versions before 0.1 kept the entry (quotawatch.desktop, the org.quotawatch plist):
    // still read by isEnabled(), removed by setEnabled().
    [[nodiscard]] static QString legacyLocation();
#endif
};

} // namespace qw::ui
