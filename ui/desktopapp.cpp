#include "ui/desktopapp.h"

#include "core/secrets/keychainmasterkeystore.h"
#include "core/session/configuration.h"
#include "core/session/exitcode.h"
#include "core/session/instancelock.h"
#include "core/session/session.h"
#include "ui/desktoprestserver.h"
#include "ui/mainwindow.h"
#include "ui/models/keytablemodel.h"
#include "ui/preferences.h"
#include "ui/theme.h"
#include "ui/translator.h"
#include "ui/tray/appicon.h"
#include "ui/tray/trayicon.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QTimer>
#include <cstdio>

namespace qw::ui {

namespace {

// What to tell the user when the session cannot start, in plain words, with the ways out.
struct StartProblem
{
    QString title;
    QString text;
    QString details;
};

StartProblem describe(const Error &error)
{
    switch (error.code) {
    case ErrorCode::MasterKeyUnavailable:
        return {QObject::tr("No keychain available"),
                QObject::tr(
                    "QuotaWatch keeps the master key that encrypts your API keys in your system's keychain, "
                    "and none could be reached.\n\nYou can:\n• start your desktop's keyring (GNOME Keyring, "
                    "KWallet, macOS Keychain, Windows Credential Manager) and press Retry, or\n• start "
                    "QuotaWatch with the environment variable QUOTAWATCH_MASTER_KEY set to a master key you "
                    "keep safe yourself (for servers and portable setups)."),
                error.message};
    case ErrorCode::MasterKeyMismatch:
        return {QObject::tr("Wrong master key"),
                QObject::tr(
                    "The master key found does not open the API keys stored in this database. Nothing was "
                    "changed.\n\nUse the master key this database was created with (restore it into the "
                    "keychain or set QUOTAWATCH_MASTER_KEY), or choose another database."),
                error.message};
    case ErrorCode::SchemaTooNew:
        return {QObject::tr("Database from a newer QuotaWatch"),
                QObject::tr("This database was written by a newer version of QuotaWatch. Install the newer "
                            "version; the database was left untouched."),
                error.message};
    default:
        return {QObject::tr("The database cannot be opened"),
                QObject::tr("QuotaWatch cannot open its database. Check the location in the settings, the "
                            "--db option or QUOTAWATCH_DB, and that a PostgreSQL server is reachable."),
                error.message};
    }
}

} // namespace

int runDesktopApp(int &argc, char **argv, const QString &dbOption)
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    QApplication app(argc, argv);
    QApplication::setApplicationDisplayName(QStringLiteral("QuotaWatch"));
    QApplication::setWindowIcon(AppIcon::make());
    QApplication::setQuitOnLastWindowClosed(false); // the tray keeps running
    // One order for every setting, as on the command line: --db, the environment, the saved
    // choice, the default.
    const Configuration configuration(ConfigurationFlags{.db = dbOption});
    UiTranslator translator;
    translator.setLanguage(configuration.language());

    const auto url = configuration.databaseUrl();
    if (!url) {
        QMessageBox::critical(
            nullptr, QObject::tr("QuotaWatch"),
            QObject::tr("The configured database URL cannot be used: %1").arg(url.error().message));
        return kExitDatabase;
    }
    // One desktop per user and database: a second start raises the first window (also from the
    // tray) and leaves before it opens anything, so there is never a second tray icon or a second
    // round of checks and alerts. `serve` on the same SQLite file refuses this start, and the
    // other way round.
    std::unique_ptr<InstanceLock> instanceLock;
    if (auto acquired = InstanceLock::acquire(*url, InstanceLock::Kind::Desktop); !acquired) {
        // The runtime folder cannot be written: start anyway rather than not at all.
        std::fprintf(stderr, "quotawatch: %s\n", qPrintable(acquired.error().message));
    } else if (const auto *holder = std::get_if<InstanceLock::Holder>(&*acquired)) {
        if (holder->raised)
            return kExitOk;
        const QString refusal = InstanceLock::refusal(*url, *holder);
        std::fprintf(stderr, "quotawatch: %s\n", qPrintable(refusal));
        QMessageBox::critical(nullptr, QObject::tr("QuotaWatch"), refusal);
        return kExitDatabase;
    } else {
        instanceLock = std::move(std::get<std::unique_ptr<InstanceLock>>(*acquired));
    }
    if (auto limits = configuration.limits(); !limits) {
        QMessageBox::critical(
            nullptr, QObject::tr("QuotaWatch"),
            QObject::tr("The configuration cannot be used: %1").arg(limits.error().message));
        return kExitUsage;
    }

    // First run creates the master key in the keychain and the owner account; a missing keychain
    // is explained, with a Retry, instead of failing.
    KeychainMasterKeyStore keychain;
    std::unique_ptr<Session> session;
    for (;;) {
        auto opened = Session::open(configuration, keychain, QStringLiteral("desktop"));
        if (opened) {
            session = std::move(*opened);
            break;
        }
        const StartProblem problem = describe(opened.error());
        QMessageBox box(QMessageBox::Warning, problem.title, problem.text);
        box.setDetailedText(problem.details);
        QPushButton *retry = box.addButton(QObject::tr("Retry"), QMessageBox::AcceptRole);
        box.addButton(QObject::tr("Quit"), QMessageBox::RejectRole);
        box.exec();
        if (box.clickedButton() != retry)
            return exitCodeFor(opened.error().code);
    }

    // Before the window, so the window (which points at it) goes first at the end.
    DesktopRestServer restServer(*session, configuration);
    // Before the first window: light or dark as the setting or the system says.
    Theme::applySaved();
    MainWindow window(*session);
    window.setTranslator(&translator);
    window.setRestServer(&restServer);
    if (instanceLock)
        QObject::connect(instanceLock.get(), &InstanceLock::raiseRequested, &window,
                         &MainWindow::bringToFront);
    // For the start-up benchmark (tests/bench/startup_bench.sh): report and leave once the
    // dashboard is on screen.
    if (qEnvironmentVariable("QUOTAWATCH_EXIT_AFTER_FIRST_PAINT") == QLatin1String("1")) {
        QObject::connect(&window, &MainWindow::firstPainted, &app, [&sinceStart] {
            std::printf("first_paint_ms=%lld\n", static_cast<long long>(sinceStart.elapsed()));
            std::fflush(stdout);
        });
        // Leaves once the trends are in too, so the peak memory measured is the steady one.
        QObject::connect(&window.model(), &KeyTableModel::trendsReady, &app, [&sinceStart] {
            std::printf("trends_loaded_ms=%lld\n", static_cast<long long>(sinceStart.elapsed()));
            std::fflush(stdout);
            QTimer::singleShot(0, qApp, &QCoreApplication::quit);
        });
    }
    const bool toTray = Preferences::startMinimized() && window.tray();
    // The engine starts once the dashboard is on screen and its trends are in: reading every
    // key's schedule (about half a second with 10,000 keys) would otherwise delay the first
    // paint, then take a core from the threads reading the trends, and the stored checks are
    // what the window shows first anyway. Without a table to paint (in the tray, no keys yet) it
    // starts on the first turn of the event loop; the timer is the fallback for a window that is
    // never exposed or trends that take long.
    bool engineStarted = false;
    const auto startEngine = [&engineStarted, &session, &window] {
        if (engineStarted)
            return;
        engineStarted = true;
        if (auto started = session->engine().start(); !started)
            window.statusBar()->showMessage(started.error().message);
    };
    QObject::connect(&window.model(), &KeyTableModel::trendsReady, &app, startEngine);
    QObject::connect(&window.model(), &KeyTableModel::trendsFailed, &app, startEngine);
    QTimer::singleShot(toTray || window.showsEmptyState() ? 0 : 5000, &app, startEngine);
    if (!toTray)
        window.show();
    if (!TrayIcon::available())
        window.statusBar()->showMessage(
            QObject::tr("No system tray here: closing the window quits QuotaWatch."), 15000);
    // Once the window is up: a port in use or a bad TLS file shows in the status bar, never
    // delays or stops the start.
    QTimer::singleShot(0, &restServer, &DesktopRestServer::applySettings);
    const int code = app.exec();
    restServer.stop();
    session->engine().stop();
    return code;
}

} // namespace qw::ui
