// quotawatch: the desktop app when started without a command, the command-line tool otherwise.
#include "app/cli/commandline.h"
#include "app/processhardening.h"
#include "app/translations.h"

#include <QCoreApplication>

#ifdef QW_WITH_GUI
#include "ui/desktopapp.h"
#endif

#include <cstdio>

int main(int argc, char *argv[])
{
    // Before anything can hold a secret: no core dumps, no ptrace by other users' processes.
    qw::hardenProcess();

    QStringList args;
    for (int i = 1; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);

    QCoreApplication::setApplicationName(QStringLiteral("QuotaWatch"));
    QCoreApplication::setApplicationVersion(QStringLiteral(QW_VERSION));

    // A bad global option is reported as such, whether a command or the desktop app follows.
    const qw::cli::GlobalOptions global = qw::cli::extractGlobalOptions(args);
    if (global.error) {
        std::fprintf(stderr, "quotawatch: %s\n", qPrintable(*global.error));
        return 2;
    }
    if (!global.commandArgs.isEmpty()) {
        QCoreApplication app(argc, argv);
        qw::installTranslations(app, qw::chosenLanguage(qEnvironmentVariable("QUOTAWATCH_LANGUAGE")));
        return qw::cli::runCommandLine(args);
    }
#ifdef QW_WITH_GUI
    return qw::ui::runDesktopApp(argc, argv, global.db);
#else
    std::fputs("quotawatch: this build has no desktop interface (built with WITH_GUI=OFF).\n"
               "Run “quotawatch --help” for the commands.\n",
               stderr);
    return 2;
#endif
}
