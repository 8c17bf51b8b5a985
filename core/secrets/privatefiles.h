// Keeps the files QuotaWatch writes itself (the SQLite database with its -wal and -shm, the
// settings file) and the folders it creates for them readable by their owner only, so another
// account on the machine cannot copy the encrypted keys or the settings. Unix only: on Windows
// every function succeeds without doing anything (see privatefiles.cpp for why).
#pragma once

#include "core/result.h"

#include <QString>

class QSettings;

namespace qw {

class PrivateFiles final
{
public:
    PrivateFiles() = delete;

    // Creates `folder` and every missing folder above it with mode 0700. Folders that exist are
    // left as they are: the user may have made one on purpose (a shared data folder, say).
    [[nodiscard]] static Result<void> makeFolder(const QString &folder);

    // Creates `file` empty with mode 0600 when it does not exist; an existing file is untouched.
    // SQLite gives the -wal and -shm files it makes the mode of the database file, so creating
    // the database this way before SQLite opens it keeps all three private.
    [[nodiscard]] static Result<void> createFile(const QString &file);

    // Takes the group and world permissions away from `file` when it has any (0644 becomes 0600,
    // 0444 becomes 0400). A file that does not exist is fine; failing to change the mode (a file
    // of another account, a file system without modes) is an error the caller decides about.
    [[nodiscard]] static Result<void> restrictToOwner(const QString &file);

    // Saves `settings` now (QSettings::sync) into a file readable by its owner only: the file
    // is made 0600 before its first save (and its folder 0700 when QuotaWatch creates it), and
    // a file left readable by others is tightened after the save. QSettings replaces the file
    // on every save and keeps the mode of the one it replaces. Everything that writes the
    // application's settings goes through this.
    [[nodiscard]] static Result<void> saveSettings(QSettings &settings);

    // The permission bits of `path` (0600, 0755 …), or -1 when it cannot be read. For tests and
    // messages; -1 on Windows as well.
    [[nodiscard]] static int mode(const QString &path);
};

} // namespace qw
