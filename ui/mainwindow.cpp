#include "ui/mainwindow.h"

#include "core/storage/apikeyrepository.h"
#include "core/storage/database.h"
#include "ui/keytablemodel.h"

#include <QAction>
#include <QApplication>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>
#include <QTableView>
#include <QVBoxLayout>

namespace qw::ui {

MainWindow::MainWindow(DatabaseUrl url, QWidget *parent)
    : QMainWindow(parent)
    , m_url(std::move(url))
    , m_model(new KeyTableModel(this))
{
    setWindowTitle(tr("QuotaWatch"));
    resize(960, 600);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    m_summary = new QLabel(central);
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);

    m_table = new QTableView(central);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(KeyTableModel::Name, QHeaderView::Stretch);
    layout->addWidget(m_table);
    setCentralWidget(central);

    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    QAction *reloadAction = fileMenu->addAction(tr("&Reload"), this, &MainWindow::reload);
    reloadAction->setShortcut(QKeySequence::Refresh);
    fileMenu->addSeparator();
    QAction *quitAction = fileMenu->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quitAction->setShortcut(QKeySequence::Quit);

    statusBar()->showMessage(tr("Database: %1").arg(m_url.redacted()));
    reload();
}

void MainWindow::reload()
{
    auto db = Database::open(m_url, QStringLiteral("ui"));
    if (!db) {
        m_model->setKeys({});
        m_summary->setText(tr("The database cannot be opened: %1").arg(db.error().message));
        return;
    }
    auto keys = ApiKeyRepository(**db).list();
    if (!keys) {
        m_summary->setText(tr("The keys cannot be read: %1").arg(keys.error().message));
        return;
    }
    const int count = int(keys->size());
    m_model->setKeys(std::move(*keys));
    m_summary->setText(count == 0 ? tr("No keys yet. Add one with “quotawatch keys add” on the command line.")
                                  : tr("Watching %n key(s).", nullptr, count));
    m_table->resizeColumnsToContents();
}

} // namespace qw::ui
