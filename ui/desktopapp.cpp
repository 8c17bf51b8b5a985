#include "ui/desktopapp.h"

#include "core/storage/databaseurl.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QMessageBox>
#include <QSettings>

namespace qw::ui {

int runDesktopApp(int &argc, char **argv, const QString &dbOption)
{
    QApplication app(argc, argv);
    QApplication::setApplicationDisplayName(QStringLiteral("QuotaWatch"));

    // The same precedence as the command line: --db, QUOTAWATCH_DB, then the saved setting.
    QString configured = dbOption;
    if (configured.isEmpty())
        configured = qEnvironmentVariable("QUOTAWATCH_DB");
    if (configured.isEmpty())
        configured = QSettings().value(QStringLiteral("database/url")).toString();
    DatabaseUrl url = DatabaseUrl::defaultLocation();
    if (!configured.isEmpty()) {
        auto parsed = DatabaseUrl::parse(configured);
        if (!parsed) {
            QMessageBox::critical(
                nullptr, QObject::tr("QuotaWatch"),
                QObject::tr("The configured database URL cannot be used: %1").arg(parsed.error().message));
            return 4;
        }
        url = *parsed;
    }

    MainWindow window(url);
    window.show();
    return app.exec();
}

} // namespace qw::ui
