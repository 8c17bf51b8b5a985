// The main window: the list of watched keys and where they are stored.
#pragma once

#include "core/storage/databaseurl.h"

#include <QMainWindow>

class QLabel;
class QTableView;

namespace qw::ui {

class KeyTableModel;

class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(DatabaseUrl url, QWidget *parent = nullptr);

    // Reads the keys again; shows the error in the window when the database cannot be read.
    void reload();

private:
    DatabaseUrl m_url;
    KeyTableModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_summary = nullptr;
};

} // namespace qw::ui
