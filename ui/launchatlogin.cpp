#include "ui/launchatlogin.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSettings>
#include <QStandardPaths>

namespace qw::ui {

namespace {

QString defaultProgram()
{
    // An AppImage's own path is where it unpacks to, gone after it exits; APPIMAGE is the file.
    const QString appImage = qEnvironmentVariable("APPIMAGE");
    if (!appImage.isEmpty())
        return appImage;
    return QCoreApplication::applicationFilePath();
}

#if defined(Q_OS_WIN)

const QString kRunKey =
    QStringLiteral("HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run");
const QString kValueName = QStringLiteral("QuotaWatch");

#else

Result<void> writeFile(const QString &path, const QByteArray &content)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return fail(ErrorCode::Io,
                    QStringLiteral("cannot create the folder %1").arg(QFileInfo(path).absolutePath()));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size() || !file.commit())
        return fail(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

Result<void> removeFile(const QString &path)
{
    QFile file(path);
    if (file.exists() && !file.remove())
        return fail(ErrorCode::Io, QStringLiteral("cannot remove %1: %2").arg(path, file.errorString()));
    return {};
}

#endif

#if defined(Q_OS_MACOS)

// The bundle identifier (Info.plist), so the system lists the agent under the app.
const QString kLabel = QStringLiteral("io.github.quotawatch.QuotaWatch");
// Versions before 0.1 used this label; its plist is removed when the setting changes.
const QString kLegacyLabel = QStringLiteral("org.quotawatch.QuotaWatch");

QByteArray plist(const QString &program)
{
    const QString text =
        QStringLiteral(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
            "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
            "<plist version=\"1.0\">\n<dict>\n"
            "    <key>Label</key>\n    <string>%1</string>\n"
            "    <key>ProgramArguments</key>\n    <array>\n        <string>%2</string>\n    </array>\n"
            "    <key>RunAtLoad</key>\n    <true/>\n"
            "    <key>ProcessType</key>\n    <string>Interactive</string>\n"
            "</dict>\n</plist>\n")
            .arg(kLabel, program.toHtmlEscaped());
    return text.toUtf8();
}

#elif !defined(Q_OS_WIN)

// The Exec value of a desktop entry: the program as one quoted argument, with the escapes the
// Desktop Entry Specification asks for (inside quotes: " ` $ \; then string-level \\; and %%).
QString execValue(const QString &program)
{
    QString quoted;
    for (const QChar c : program) {
        if (c == u'"' || c == u'`' || c == u'$' || c == u'\\')
            quoted += u'\\';
        quoted += c;
    }
    quoted = u'"' + quoted + u'"';
    quoted.replace(u'\\', QStringLiteral("\\\\"));
    quoted.replace(u'%', QStringLiteral("%%"));
    return quoted;
}

QByteArray desktopEntry(const QString &program)
{
    const QString text = QStringLiteral("[Desktop Entry]\n"
                                        "Type=Application\n"
                                        "Name=QuotaWatch\n"
                                        "Comment=Watches the balance, credit and quota of AI API keys\n"
                                        "Exec=%1\n"
                                        "Icon=quotawatch\n"
                                        "Terminal=false\n"
                                        "X-GNOME-Autostart-enabled=true\n")
                             .arg(execValue(program));
    return text.toUtf8();
}

#endif

} // namespace

QString LaunchAtLogin::location()
{
#if defined(Q_OS_WIN)
    return kRunKey + u'\\' + kValueName;
#elif defined(Q_OS_MACOS)
    return QDir::homePath() + QStringLiteral("/Library/LaunchAgents/") + kLabel + QStringLiteral(".plist");
#else
    // $XDG_CONFIG_HOME/autostart (~/.config/autostart by default), where session managers look,
    // named like the installed desktop entry: desktops' "startup applications" lists match the
    // two by that file name and show the entry as QuotaWatch with its icon.
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
           QStringLiteral("/autostart/io.github.quotawatch.QuotaWatch.desktop");
#endif
}

#if !defined(Q_OS_WIN)
QString LaunchAtLogin::legacyLocation()
{
#if defined(Q_OS_MACOS)
    return QDir::homePath() + QStringLiteral("/Library/LaunchAgents/") + kLegacyLabel +
           QStringLiteral(".plist");
#else
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
           QStringLiteral("/autostart/quotawatch.desktop");
#endif
}
#endif

bool LaunchAtLogin::isEnabled()
{
#if defined(Q_OS_WIN)
    return QSettings(kRunKey, QSettings::NativeFormat).contains(kValueName);
#elif defined(Q_OS_MACOS)
    return QFileInfo::exists(location()) || QFileInfo::exists(legacyLocation());
#else
    QFile file(QFileInfo::exists(location()) ? location() : legacyLocation());
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return false;
    // A desktop's own autostart settings switch an entry off with either of these.
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray &raw : lines) {
        const QByteArray line = raw.trimmed();
        if (line == "Hidden=true" || line == "X-GNOME-Autostart-enabled=false")
            return false;
    }
    return true;
#endif
}

Result<void> LaunchAtLogin::setEnabled(bool on, const QString &program)
{
    const QString path = program.isEmpty() ? defaultProgram() : program;
    if (on && (path.isEmpty() || path.contains(u'\n') || path.contains(u'\r')))
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("the program path “%1” cannot be started at login").arg(path));
#if defined(Q_OS_WIN)
    QSettings run(kRunKey, QSettings::NativeFormat);
    if (on)
        run.setValue(kValueName, u'"' + QDir::toNativeSeparators(path) + u'"');
    else
        run.remove(kValueName);
    run.sync();
    if (run.status() != QSettings::NoError)
        return fail(ErrorCode::Io, QStringLiteral("cannot change the Windows Run key %1").arg(kRunKey));
    return {};
#else
    // An entry an older version wrote under the old name goes either way: never two entries.
    if (auto removed = removeFile(legacyLocation()); !removed)
        return removed;
#if defined(Q_OS_MACOS)
    return on ? writeFile(location(), plist(path)) : removeFile(location());
#else
    return on ? writeFile(location(), desktopEntry(path)) : removeFile(location());
#endif
#endif
}

} // namespace qw::ui
