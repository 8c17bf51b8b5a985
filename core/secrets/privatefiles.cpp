#include "core/secrets/privatefiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QStringList>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

// On Windows these are no-ops on purpose: a file's access there is decided by its ACL, which it
// inherits from its folder, and the per-user application-data folder where the database lives
// by default is already private to the user; QSettings writes to the user's own registry hive.
// POSIX mode bits have no meaning there (Qt maps them onto the read-only attribute only).

namespace qw {

#ifdef Q_OS_UNIX

namespace {

constexpr mode_t kFolderMode = S_IRWXU;           // 0700
constexpr mode_t kFileMode = S_IRUSR | S_IWUSR;   // 0600
constexpr mode_t kOthersBits = S_IRWXG | S_IRWXO; // 077

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

} // namespace

Result<void> PrivateFiles::makeFolder(const QString &folder)
{
    // The folders that are missing, outermost first; QDir::mkpath would create them with the
    // umask's mode (0755 usually).
    QStringList missing;
    QString path = QDir::cleanPath(QFileInfo(folder).absoluteFilePath());
    while (!QFileInfo::exists(path)) {
        missing.prepend(path);
        const QString parent = QFileInfo(path).absolutePath();
        if (parent == path)
            break;
        path = parent;
    }
    for (const QString &dir : std::as_const(missing)) {
        // The umask can only take bits away from 0700, so the folder is never wider than that.
        // EEXIST: another process made it in the meantime; it is theirs to set.
        if (::mkdir(QFile::encodeName(dir).constData(), kFolderMode) != 0 && errno != EEXIST)
            return fail(ErrorCode::Io, QStringLiteral("cannot create the folder %1: %2")
                                           .arg(QDir::toNativeSeparators(dir), systemError(errno)));
    }
    if (!QFileInfo(folder).isDir())
        return fail(ErrorCode::Io,
                    QStringLiteral("%1 is not a folder").arg(QDir::toNativeSeparators(folder)));
    return {};
}

Result<void> PrivateFiles::createFile(const QString &file)
{
    // O_EXCL: an existing file (or a symbolic link, even a dangling one) is never replaced.
    const int fd =
        ::open(QFile::encodeName(file).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, kFileMode);
    if (fd < 0) {
        if (errno == EEXIST)
            return {};
        return fail(
            ErrorCode::Io,
            QStringLiteral("cannot create %1: %2").arg(QDir::toNativeSeparators(file), systemError(errno)));
    }
    ::close(fd);
    return {};
}

Result<void> PrivateFiles::restrictToOwner(const QString &file)
{
    const QByteArray native = QFile::encodeName(file);
    struct stat info = {};
    if (::stat(native.constData(), &info) != 0) {
        if (errno == ENOENT)
            return {};
        return fail(ErrorCode::Io, QStringLiteral("cannot read the permissions of %1: %2")
                                       .arg(QDir::toNativeSeparators(file), systemError(errno)));
    }
    if (!S_ISREG(info.st_mode) || (info.st_mode & kOthersBits) == 0)
        return {};
    if (::chmod(native.constData(), info.st_mode & kFileMode) != 0)
        return fail(ErrorCode::Io, QStringLiteral("%1 can be read by other accounts and its permissions "
                                                  "cannot be changed (%2); run chmod 600 on it")
                                       .arg(QDir::toNativeSeparators(file), systemError(errno)));
    return {};
}

Result<void> PrivateFiles::saveSettings(QSettings &settings)
{
    const QString file = settings.fileName();
#ifdef Q_OS_DARWIN
    // The native format is a property list that cfprefsd writes, in ~/Library/Preferences,
    // which is private to the user already; an empty file made here would not be a valid one.
    const bool ownFile = settings.format() != QSettings::NativeFormat;
#else
    const bool ownFile = true;
#endif
    if (ownFile) {
        if (auto folder = makeFolder(QFileInfo(file).absolutePath()); !folder)
            return folder;
        if (auto created = createFile(file); !created)
            return created;
    }
    settings.sync();
    if (settings.status() != QSettings::NoError)
        return fail(ErrorCode::Io,
                    QStringLiteral("cannot save the settings to %1").arg(QDir::toNativeSeparators(file)));
    return ownFile ? restrictToOwner(file) : Result<void>{};
}

int PrivateFiles::mode(const QString &path)
{
    struct stat info = {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return int(info.st_mode & 07777);
}

#else // not Q_OS_UNIX: see the comment at the top

Result<void> PrivateFiles::makeFolder(const QString &folder)
{
    if (!QDir().mkpath(folder))
        return fail(ErrorCode::Io,
                    QStringLiteral("cannot create the folder %1").arg(QDir::toNativeSeparators(folder)));
    return {};
}

Result<void> PrivateFiles::createFile(const QString &)
{
    return {};
}

Result<void> PrivateFiles::restrictToOwner(const QString &)
{
    return {};
}

Result<void> PrivateFiles::saveSettings(QSettings &settings)
{
    settings.sync();
    if (settings.status() != QSettings::NoError)
        return fail(ErrorCode::Io, QStringLiteral("cannot save the settings to %1")
                                       .arg(QDir::toNativeSeparators(settings.fileName())));
    return {};
}

int PrivateFiles::mode(const QString &)
{
    return -1;
}

#endif

} // namespace qw
