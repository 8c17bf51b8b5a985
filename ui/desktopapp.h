// Starts the desktop application: QApplication, the database location, the main window.
#pragma once

#include <QString>

namespace qw::ui {

// `dbOption` is the --db value, empty when not given.
int runDesktopApp(int &argc, char **argv, const QString &dbOption);

} // namespace qw::ui
