// quotawatch: the desktop app when started without a command, the command-line tool otherwise.
#include "app/cli/commandline.h"
#include "app/processhardening.h"
#include "app/translations.h"
#include "core/session/configuration.h"
#include "core/session/exitcode.h"

#include <QCoreApplication>

#ifdef QW_WITH_GUI
#include "ui/desktopapp.h"
#endif

#include <cstdio>

namespace {

// Qt's own GUI options (-geometry 800x600, -style fusion, …) start the desktop app like no
// arguments at all; QApplication consumes them.
bool onlyQtOptions(const QStringList &args)
{
    static const QStringList withValue{QStringLiteral("-geometry"),     QStringLiteral("-qwindowgeometry"),
                                       QStringLiteral("-style"),        QStringLiteral("-stylesheet"),
                                       QStringLiteral("-platform"),     QStringLiteral("-display"),
                                       QStringLiteral("-qwindowtitle"), QStringLiteral("-qwindowicon"),
                                       QStringLiteral("-session"),      QStringLiteral("-name")};
    static const QStringList flags{QStringLiteral("-reverse"), QStringLiteral("-nograb"),
                                   QStringLiteral("-dograb"), QStringLiteral("-sync")};
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (withValue.contains(args[i]))
            ++i;
        else if (!flags.contains(args[i]))
            return false;
    }
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    // Before anything can hold a secret: no core dumps, no ptrace by other users' processes.
    qw::hardenProcess();

    QStringList args;
    for (int i = 1; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);

    // Preferences go to <config>/QuotaWatch/QuotaWatch.conf (the Windows registry under QuotaWatch).
    QCoreApplication::setOrganizationName(QStringLiteral("QuotaWatch"));
    QCoreApplication::setApplicationName(QStringLiteral("QuotaWatch"));
    QCoreApplication::setApplicationVersion(QStringLiteral(QW_VERSION));

    // A bad global option is reported as such, whether a command or the desktop app follows.
    const qw::cli::GlobalOptions global = qw::cli::extractGlobalOptions(args);
    if (global.error) {
        std::fprintf(stderr, "quotawatch: %s\n", qPrintable(*global.error));
        return qw::kExitUsage;
    }
    if (!global.commandArgs.isEmpty() && !onlyQtOptions(global.commandArgs)) {
        QCoreApplication app(argc, argv);
        // QUOTAWATCH_LANGUAGE, else the language chosen in the desktop's settings, else the system's.
        qw::installTranslations(app, qw::chosenLanguage(qw::Configuration().language()));
        return qw::cli::runCommandLine(args);
    }
#ifdef QW_WITH_GUI
    return qw::ui::runDesktopApp(argc, argv, global.db);
#else
    std::fputs("quotawatch: this build has no desktop interface (built with WITH_GUI=OFF).\n"
               "Run “quotawatch --help” for the commands.\n",
               stderr);
    return qw::kExitUsage;
#endif
}
