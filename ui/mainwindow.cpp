#include "ui/mainwindow.h"

#include "core/crypto/securebytes.h"
#include "core/keys/keyimporter.h"
#include "core/keys/keyvalidator.h"
#include "core/secrets/environmentmasterkey.h"
#include "core/session/session.h"
#include "ui/alerts/alertsview.h"
#include "ui/alerts/alerttablemodel.h"
#include "ui/desktoprestserver.h"
#include "ui/dialogs/keyeditordialog.h"
#include "ui/dialogs/settingsdialog.h"
#include "ui/format/displayformat.h"
#include "ui/format/teamtext.h"
#include "ui/history/keydetailwindow.h"
#include "ui/models/checkactivity.h"
#include "ui/models/keyfilterproxy.h"
#include "ui/models/keylistcsv.h"
#include "ui/models/keytablemodel.h"
#include "ui/preferences.h"
#include "ui/translator.h"
#include "ui/tray/appicon.h"
#include "ui/tray/attentionlist.h"
#include "ui/tray/trayicon.h"
#include "ui/widgets/balancebardelegate.h"
#include "ui/widgets/checkallprogress.h"
#include "ui/widgets/emptystate.h"
#include "ui/widgets/sparklinedelegate.h"
#include "ui/widgets/summaryheader.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QScreen>
#include <QShortcut>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

namespace qw::ui {

MainWindow::MainWindow(Session &session, QWidget *parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_model(new KeyTableModel(session, this))
    , m_proxy(new KeyFilterProxy(this))
    , m_alertsModel(new AlertTableModel(session, this))
{
    setWindowIcon(AppIcon::make());
    // Roomy where there is room, never larger than the screen (a 1440×900 one at 2× scale is
    // 720×450 here); restoreLayout() puts back the size the user left it at.
    QSize size(1180, 720);
    if (const QScreen *screen = QGuiApplication::primaryScreen())
        size = size.boundedTo(screen->availableGeometry().size() * 9 / 10);
    resize(size);
    m_proxy->setSourceModel(m_model);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(8, 8, 8, 4);
    m_databaseBanner = new QLabel(central);
    m_databaseBanner->setObjectName(QStringLiteral("databaseBanner"));
    m_databaseBanner->setWordWrap(true);
    m_databaseBanner->setTextFormat(Qt::PlainText); // the reason is the driver's text
    m_databaseBanner->setStyleSheet(QStringLiteral(
        "QLabel { background: #fff4ce; color: #5c4400; border: 1px solid #e0c060; padding: 6px; }"));
    m_databaseBanner->hide();
    layout->addWidget(m_databaseBanner);
    m_header = new SummaryHeader(central);
    layout->addWidget(m_header);
    buildFilters(central);

    m_table = new QTableView(central);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(KeyTableModel::Name, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    // Tab moves on to the next control, as everywhere else; arrows move within the table.
    m_table->setTabKeyNavigation(false);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->horizontalHeader()->setSectionsMovable(true);
    m_table->horizontalHeader()->setObjectName(QStringLiteral("keyTableHeader"));
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setSectionResizeMode(KeyTableModel::Name, QHeaderView::Stretch);
    m_table->setItemDelegateForColumn(KeyTableModel::Bar, new BalanceBarDelegate(m_table));
    m_table->setItemDelegateForColumn(KeyTableModel::Trend, new SparklineDelegate(m_table));
    m_table->setColumnWidth(KeyTableModel::Bar, 110);
    m_table->setColumnWidth(KeyTableModel::Trend, 130);
    fitColumnWidths();
    m_table->viewport()->installEventFilter(this);
    // Until there is a key, the table gives way to a word on what QuotaWatch does and how to start.
    m_emptyState = new EmptyState(central);
    m_stack = new QStackedWidget(central);
    m_stack->addWidget(m_table);
    m_stack->addWidget(m_emptyState);
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);
    connect(m_emptyState, &EmptyState::addKeyRequested, this, &MainWindow::addKey);
    connect(m_emptyState, &EmptyState::importRequested, this, &MainWindow::importCsvInteractively);

    // Double-click, or Enter on the selected row.
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        openDetail(index.data(KeyTableModel::KeyIdRole).toLongLong());
    });
    connect(m_table, &QTableView::customContextMenuRequested, this, &MainWindow::showContextMenu);

    buildActions();
    buildMenus();
    buildToolBar();

    // Deleting waits kUndoMs for an undo: nothing is written before, so nothing needs restoring.
    m_deleteTimer = new QTimer(this);
    m_deleteTimer->setSingleShot(true);
    m_deleteTimer->setInterval(kUndoMs);
    connect(m_deleteTimer, &QTimer::timeout, this, &MainWindow::finishPendingDelete);
    m_undoBar = new QWidget(this);
    m_undoBar->setObjectName(QStringLiteral("undoBar"));
    auto *undoLayout = new QHBoxLayout(m_undoBar);
    undoLayout->setContentsMargins(0, 0, 0, 0);
    m_undoLabel = new QLabel(m_undoBar);
    m_undoLabel->setTextFormat(Qt::PlainText);
    m_undoButton = new QPushButton(m_undoBar);
    m_undoButton->setObjectName(QStringLiteral("undoDelete"));
    m_undoButton->setShortcut(QKeySequence::Undo);
    connect(m_undoButton, &QPushButton::clicked, this, &MainWindow::undoDelete);
    undoLayout->addWidget(m_undoLabel);
    undoLayout->addWidget(m_undoButton);
    statusBar()->addPermanentWidget(m_undoBar);
    m_undoBar->hide();

    if (TrayIcon::available()) {
        m_tray = new TrayIcon(this);
        connect(m_tray, &TrayIcon::openRequested, this, &MainWindow::bringToFront);
        connect(m_tray, &TrayIcon::checkAllRequested, this, &MainWindow::checkAll);
        connect(m_tray, &TrayIcon::keyRequested, this, &MainWindow::openDetail);
        connect(m_tray, &TrayIcon::pauseToggled, this, [this](bool paused) { setPolling(!paused); });
        connect(m_tray, &TrayIcon::quitRequested, this, [this] {
            m_quitting = true;
            qApp->quit();
        });
        m_tray->show();
        CheckActivity &activity = m_model->activity();
        connect(&activity, &CheckActivity::summaryChanged, m_tray,
                [this, &activity] { m_tray->setActivity(activity.summary()); });
    }
    // "Check all": done / total and Cancel in the status bar while it runs.
    Scheduler &scheduler = m_session.engine().scheduler();
    m_checkAllProgress = new CheckAllProgress(scheduler, this);
    statusBar()->addPermanentWidget(m_checkAllProgress);
    connect(m_checkAllProgress, &CheckAllProgress::ended, this, [this](bool cancelled) {
        statusBar()->showMessage(cancelled ? tr("Check all cancelled; the checks already running were kept.")
                                           : tr("Every key checked."),
                                 8000);
    });
    // The header's "next check" follows the scheduler: it moves when a check is planned, starts
    // or ends, not only on the 30 s tick (a key just added read "No check planned" until then).
    // Coalesced, as thousands of checks ending in a row each move it.
    auto *summarySoon = new QTimer(this);
    summarySoon->setSingleShot(true);
    summarySoon->setInterval(100);
    connect(summarySoon, &QTimer::timeout, this, &MainWindow::refreshSummary);
    connect(&scheduler, &Scheduler::nextDueChanged, summarySoon, qOverload<>(&QTimer::start));

    connect(m_model, &KeyTableModel::summaryChanged, this, &MainWindow::refreshSummary);
    connect(m_model, &KeyTableModel::trendsFailed, this, [this](const QString &message) {
        statusBar()->showMessage(tr("The 7-day trends cannot be read: %1").arg(message));
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        refreshSummary();
        refreshFilterChoices();
        showEmptyStateIfEmpty();
    });
    connect(&m_session.engine().alerts(), &AlertEngine::alertRaised, this, &MainWindow::onAlert);
    // A team on one PostgreSQL: an alert another instance raised shows here too, within a second.
    connect(&m_session.engine(), &Engine::alertRaisedElsewhere, this, &MainWindow::onAlert);
    DatabaseHealth &health = m_session.engine().databaseHealth();
    connect(&health, &DatabaseHealth::unavailable, this,
            [this](const QDateTime &since, const QString &reason) {
                m_databaseBanner->setText(
                    tr("The database is unreachable since %1 (%2). Checks are paused and "
                       "resume on their own when it answers again.")
                        .arg(QLocale().toString(since.toLocalTime(), QLocale::ShortFormat), reason));
                m_databaseBanner->show();
            });
    connect(&health, &DatabaseHealth::available, this, [this](const QDateTime &, const QDateTime &) {
        m_databaseBanner->hide();
        statusBar()->showMessage(tr("The database is reachable again; checks resume."), 15000);
    });
    // Another instance rotated the master key: this window's key opens nothing any more, so the
    // engine stops (nothing is checked or written) and the banner asks for the new key.
    connect(&m_session.engine().checks(), &CheckService::masterKeyReplaced, this,
            [this](const QString &message) {
                m_session.engine().stop();
                m_databaseBanner->setText(message);
                m_databaseBanner->show();
            });
    // Keys changed by another process reach the model through Session::keysChanged, checks
    // stored elsewhere through CheckService::snapshotStored. The header's "next check" moves on with the
    // scheduler.
    auto *tick = new QTimer(this);
    connect(tick, &QTimer::timeout, this, &MainWindow::refreshSummary);
    // Team mode: who else shares the database changes without any event here (an instance
    // starts or dies), so it is read again on the same tick.
    if (m_session.team().isTeamMode()) {
        m_teamStatus = new QLabel(this);
        m_teamStatus->setObjectName(QStringLiteral("teamStatus"));
        m_teamStatus->setTextFormat(Qt::PlainText);
        statusBar()->addPermanentWidget(m_teamStatus);
        connect(tick, &QTimer::timeout, this, &MainWindow::refreshTeam);
    }
    tick->start(30'000);

    connect(m_alertsModel, &AlertTableModel::failingCountChanged, this, &MainWindow::refreshAlertsBadge);
    retranslate();
    if (auto loaded = m_alertsModel->reload(); !loaded)
        statusBar()->showMessage(tr("The alerts cannot be read: %1").arg(loaded.error().message));
    if (auto loaded = m_model->reload(); !loaded)
        statusBar()->showMessage(tr("The keys cannot be read: %1").arg(loaded.error().message));
    refreshFilterChoices();
    refreshSummary();
    showEmptyStateIfEmpty();
    restoreLayout();
}

MainWindow::~MainWindow()
{
    // Quitting within the undo time still deletes what the user deleted.
    finishPendingDelete();
    saveLayout();
}

bool MainWindow::showsEmptyState() const
{
    return m_stack->currentWidget() == m_emptyState;
}

void MainWindow::showEmptyStateIfEmpty()
{
    const bool empty = m_model->rowCount() == 0;
    m_stack->setCurrentWidget(empty ? static_cast<QWidget *>(m_emptyState) : m_table);
    // Nothing to sum, search or filter yet: the first minute shows only what to do.
    m_header->setVisible(!empty);
    m_filterBar->setVisible(!empty);
}

void MainWindow::buildActions()
{
    m_addAction = new QAction(QIcon::fromTheme(QStringLiteral("list-add")), QString(), this);
    m_addAction->setShortcut(QKeySequence::New);
    connect(m_addAction, &QAction::triggered, this, &MainWindow::addKey);
    m_checkAllAction = new QAction(QIcon::fromTheme(QStringLiteral("view-refresh")), QString(), this);
    m_checkAllAction->setShortcut(QKeySequence::Refresh);
    connect(m_checkAllAction, &QAction::triggered, this, &MainWindow::checkAll);
    m_pauseAction = new QAction(QIcon::fromTheme(QStringLiteral("media-playback-pause")), QString(), this);
    m_pauseAction->setCheckable(true);
    m_pauseAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    connect(m_pauseAction, &QAction::toggled, this, [this](bool paused) { setPolling(!paused); });
    m_settingsAction = new QAction(QIcon::fromTheme(QStringLiteral("preferences-system")), QString(), this);
    // The platform's Preferences key where it has one (Cmd+, on macOS), and Ctrl+, everywhere.
    QList<QKeySequence> settingsKeys = QKeySequence::keyBindings(QKeySequence::Preferences);
    if (!settingsKeys.contains(QKeySequence(Qt::CTRL | Qt::Key_Comma)))
        settingsKeys << QKeySequence(Qt::CTRL | Qt::Key_Comma);
    m_settingsAction->setShortcuts(settingsKeys);
    m_settingsAction->setMenuRole(QAction::PreferencesRole);
    connect(m_settingsAction, &QAction::triggered, this, &MainWindow::openSettings);
    m_exportAction = new QAction(QIcon::fromTheme(QStringLiteral("document-save-as")), QString(), this);
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(m_exportAction, &QAction::triggered, this, &MainWindow::exportCsvInteractively);
    m_importAction = new QAction(QIcon::fromTheme(QStringLiteral("document-open")), QString(), this);
    connect(m_importAction, &QAction::triggered, this, &MainWindow::importCsvInteractively);
    m_quitAction = new QAction(QIcon::fromTheme(QStringLiteral("application-exit")), QString(), this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, [this] {
        m_quitting = true;
        qApp->quit();
    });
    m_alertsAction = new QAction(AlertsView::badgeIcon(0), QString(), this);
    connect(m_alertsAction, &QAction::triggered, this, &MainWindow::openAlerts);
    m_aboutAction = new QAction(QString(), this);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
    m_shortcutsAction = new QAction(QString(), this);
    m_shortcutsAction->setShortcut(QKeySequence::HelpContents);
    connect(m_shortcutsAction, &QAction::triggered, this, &MainWindow::showShortcuts);

    // On the table only: Delete in the search box deletes a character, not a key.
    m_deleteAction = new QAction(QIcon::fromTheme(QStringLiteral("edit-delete")), QString(), this);
    m_deleteAction->setShortcut(QKeySequence::Delete);
    m_deleteAction->setShortcutContext(Qt::WidgetShortcut);
    connect(m_deleteAction, &QAction::triggered, this, [this] { deleteKeys(selectedKeyIds()); });
    m_table->addAction(m_deleteAction);
    m_editAction = new QAction(QIcon::fromTheme(QStringLiteral("document-edit")), QString(), this);
    m_editAction->setShortcut(QKeySequence(Qt::Key_F2));
    m_editAction->setShortcutContext(Qt::WidgetShortcut);
    connect(m_editAction, &QAction::triggered, this, [this] { editKey(currentKeyId()); });
    m_table->addAction(m_editAction);
}

void MainWindow::buildMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(m_addAction);
    m_fileMenu->addAction(m_importAction);
    m_fileMenu->addAction(m_exportAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_settingsAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quitAction);
    m_keysMenu = menuBar()->addMenu(QString());
    m_keysMenu->addAction(m_checkAllAction);
    m_keysMenu->addAction(m_pauseAction);
    m_keysMenu->addSeparator();
    m_keysMenu->addAction(m_editAction);
    m_keysMenu->addAction(m_deleteAction);
    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->addAction(m_alertsAction);
    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(m_shortcutsAction);
    m_helpMenu->addAction(m_aboutAction);
}

void MainWindow::buildToolBar()
{
    m_toolBar = addToolBar(QString());
    m_toolBar->setObjectName(QStringLiteral("mainToolBar"));
    m_toolBar->setMovable(false);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->addAction(m_addAction);
    m_toolBar->addAction(m_checkAllAction);
    m_toolBar->addAction(m_pauseAction);
    m_toolBar->addAction(m_alertsAction);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_settingsAction);
    m_toolBar->addAction(m_exportAction);
}

void MainWindow::buildFilters(QWidget *central)
{
    // In a widget of its own, hidden with the table while there are no keys.
    m_filterBar = new QWidget(central);
    QWidget *parent = m_filterBar;
    auto *row = new QHBoxLayout(m_filterBar);
    row->setContentsMargins(0, 0, 0, 0);
    m_search = new QLineEdit(parent);
    m_search->setClearButtonEnabled(true);
    // Escape empties the search box (QLineEdit leaves Escape to its dialog, and there is none).
    new QShortcut(QKeySequence(Qt::Key_Escape), m_search, m_search, &QLineEdit::clear, Qt::WidgetShortcut);
    connect(m_search, &QLineEdit::textChanged, m_proxy, &KeyFilterProxy::setSearchText);
    row->addWidget(m_search, 3);
    m_platformFilter = new QComboBox(parent);
    connect(m_platformFilter, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setPlatformFilter(m_platformFilter->currentData().toString()); });
    row->addWidget(m_platformFilter, 1);
    m_healthFilter = new QComboBox(parent);
    connect(m_healthFilter, &QComboBox::currentIndexChanged, this, [this] {
        const QVariant health = m_healthFilter->currentData();
        m_proxy->setHealthFilter(health.isValid() ? std::optional<KeyHealth>(KeyHealth(health.toInt()))
                                                  : std::nullopt);
    });
    row->addWidget(m_healthFilter, 1);
    m_tagFilter = new QComboBox(parent);
    connect(m_tagFilter, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setTagFilter(m_tagFilter->currentData().toString()); });
    row->addWidget(m_tagFilter, 1);
    static_cast<QVBoxLayout *>(central->layout())->addWidget(m_filterBar);
    // Ctrl+F jumps to the search box.
    auto *find = new QAction(this);
    find->setShortcut(QKeySequence::Find);
    connect(find, &QAction::triggered, this, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
    addAction(find);
}

void MainWindow::fitColumnWidths()
{
    // From the font, not from the rows: sizing to contents would read every row (slow with a
    // thousand keys) and the widest texts are known: the status words and amounts.
    const QFontMetrics metrics(m_table->font());
    int status = 0;
    for (KeyHealth state : KeyHealthRules::kWorstFirst)
        status = std::max(status, metrics.horizontalAdvance(KeyHealthInfo::label(state)));
    const int padding = metrics.height() * 2;
    m_table->setColumnWidth(KeyTableModel::Status, status + padding + metrics.height());
    // The longest platform name, within reason: the key's own name keeps the most room.
    int platform = 0;
    const auto &adapters = m_session.platforms().all();
    for (const auto &adapter : adapters)
        platform = std::max(platform, metrics.horizontalAdvance(adapter->name()));
    m_table->setColumnWidth(KeyTableModel::Platform,
                            std::min(platform, metrics.horizontalAdvance(QStringLiteral("M")) * 16) +
                                padding);
    m_table->setColumnWidth(KeyTableModel::Remaining,
                            metrics.horizontalAdvance(QStringLiteral("100,000.00 characters")) + padding / 2);
    m_table->setColumnWidth(KeyTableModel::DaysLeft,
                            std::max(metrics.horizontalAdvance(tr("999 days")),
                                     metrics.horizontalAdvance(KeyTableModel::tr("Too early"))) +
                                padding);
    m_table->setColumnWidth(KeyTableModel::LastCheck, metrics.horizontalAdvance(tr("59 min ago")) + padding);
}

void MainWindow::fitColumnsToWidth()
{
    const int room = m_table->viewport()->width();
    if (m_layoutFrozen || room <= 0)
        return;
    QHeaderView *header = m_table->horizontalHeader();
    // Enough of the key's name to recognise it.
    const int nameRoom = m_table->fontMetrics().horizontalAdvance(QLatin1Char('x')) * 14;
    static constexpr int kLeastImportantFirst[] = {KeyTableModel::Trend, KeyTableModel::Bar,
                                                   KeyTableModel::Platform, KeyTableModel::LastCheck,
                                                   KeyTableModel::DaysLeft};
    const auto needed = [&] {
        int width = nameRoom;
        for (int column = 0; column < KeyTableModel::ColumnCount; ++column)
            if (column != KeyTableModel::Name && !header->isSectionHidden(column))
                width += header->sectionSize(column);
        return width;
    };
    // Back, most important first, while they fit.
    for (auto it = std::rbegin(kLeastImportantFirst); it != std::rend(kLeastImportantFirst); ++it) {
        if (!m_squeezedColumns.contains(*it))
            continue;
        const int width = m_squeezedColumns.value(*it);
        if (needed() + width > room)
            break;
        m_squeezedColumns.remove(*it);
        header->showSection(*it);
        header->resizeSection(*it, width);
    }
    for (int column : kLeastImportantFirst) {
        if (needed() <= room)
            break;
        if (header->isSectionHidden(column))
            continue;
        m_squeezedColumns.insert(column, header->sectionSize(column));
        header->hideSection(column);
    }
}

void MainWindow::restoreLayout()
{
    QHeaderView *header = m_table->horizontalHeader();
    if (const QByteArray state = Preferences::keyTableState();
        !state.isEmpty() && header->restoreState(state))
        // restoreState() shows the sort indicator without sorting by it.
        m_table->sortByColumn(header->sortIndicatorSection(), header->sortIndicatorOrder());
    if (const QByteArray geometry = Preferences::mainWindowGeometry(); !geometry.isEmpty())
        restoreGeometry(geometry);
    fitColumnsToWidth();
}

void MainWindow::saveLayout()
{
    QHeaderView *header = m_table->horizontalHeader();
    // Saved as the user left them: columns hidden for a narrow window come back in a wider one.
    m_layoutFrozen = true;
    for (auto it = m_squeezedColumns.cbegin(); it != m_squeezedColumns.cend(); ++it) {
        header->showSection(it.key());
        header->resizeSection(it.key(), it.value());
    }
    Preferences::setKeyTableState(header->saveState());
    for (auto it = m_squeezedColumns.cbegin(); it != m_squeezedColumns.cend(); ++it)
        header->hideSection(it.key());
    m_layoutFrozen = false;
    Preferences::setMainWindowGeometry(saveGeometry());
}

void MainWindow::retranslate()
{
    refreshRestStatus();
    setWindowTitle(tr("QuotaWatch"));
    m_addAction->setText(tr("&Add key…"));
    m_addAction->setToolTip(
        tr("Add a key to watch (%1)").arg(m_addAction->shortcut().toString(QKeySequence::NativeText)));
    m_checkAllAction->setText(tr("&Check all"));
    retranslatePause();
    m_settingsAction->setText(tr("&Settings…"));
    m_exportAction->setText(tr("&Export CSV…"));
    m_importAction->setText(tr("&Import keys from CSV…"));
    m_quitAction->setText(tr("&Quit"));
    m_aboutAction->setText(tr("&About QuotaWatch"));
    m_shortcutsAction->setText(tr("&Keyboard shortcuts"));
    m_deleteAction->setText(tr("&Delete…"));
    m_editAction->setText(tr("&Edit…"));
    m_undoButton->setText(tr("&Undo"));
    // Toolbar buttons show short words without accelerators: Qt strips "&" but not the
    // Chinese-style "(&A)" of a translated menu text.
    m_addAction->setIconText(tr("Add key"));
    m_checkAllAction->setIconText(tr("Check all"));
    m_settingsAction->setIconText(tr("Settings"));
    m_exportAction->setIconText(tr("Export"));
    m_fileMenu->setTitle(tr("&File"));
    m_keysMenu->setTitle(tr("&Keys"));
    m_viewMenu->setTitle(tr("&View"));
    m_helpMenu->setTitle(tr("&Help"));
    refreshAlertsBadge();
    m_toolBar->setWindowTitle(tr("Toolbar"));
    m_search->setPlaceholderText(tr("Search name, platform, tag…"));
    fitColumnWidths();
    if (m_tray)
        m_tray->retranslate();
    if (m_checkAllProgress)
        m_checkAllProgress->retranslate();
    refreshFilterChoices();
    refreshTeam();
    statusBar()->showMessage(tr("Database: %1").arg(m_session.databaseDescription()));
}

void MainWindow::refreshTeam()
{
    if (!m_teamStatus)
        return;
    auto others = m_session.team().otherInstances();
    if (!others) {
        m_teamStatus->setText(tr("Team: the other instances cannot be read"));
        m_teamStatus->setToolTip(DisplayFormat::literal(others.error().message));
        return;
    }
    m_teamStatus->setText(TeamText::connected(*others));
    m_teamStatus->setToolTip(DisplayFormat::literal(TeamText::connectedDetails(*others)));
}

void MainWindow::refreshFilterChoices()
{
    if (!m_platformFilter)
        return;
    const QString platform = m_platformFilter->currentData().toString();
    const QString tag = m_tagFilter->currentData().toString();
    const QVariant health = m_healthFilter->currentData();
    QSet<QString> platforms;
    QSet<QString> tags;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (const ApiKey *key = m_model->keyAt(row)) {
            platforms.insert(key->platform);
            for (const QString &one : key->tags)
                tags.insert(one);
        }
    }
    const QSignalBlocker blockPlatform(m_platformFilter);
    const QSignalBlocker blockTag(m_tagFilter);
    const QSignalBlocker blockHealth(m_healthFilter);
    m_platformFilter->clear();
    m_platformFilter->addItem(tr("All platforms"), QString());
    QStringList sortedPlatforms(platforms.begin(), platforms.end());
    sortedPlatforms.sort();
    for (const QString &id : sortedPlatforms) {
        const Adapter *adapter = m_session.platforms().find(id);
        m_platformFilter->addItem(adapter ? adapter->name() : id, id);
    }
    m_platformFilter->setCurrentIndex(std::max(0, m_platformFilter->findData(platform)));
    m_tagFilter->clear();
    m_tagFilter->addItem(tr("All tags"), QString());
    QStringList sortedTags(tags.begin(), tags.end());
    sortedTags.sort(Qt::CaseInsensitive);
    for (const QString &one : sortedTags)
        m_tagFilter->addItem(one, one);
    m_tagFilter->setCurrentIndex(std::max(0, m_tagFilter->findData(tag)));
    m_healthFilter->clear();
    m_healthFilter->addItem(tr("Any status"), QVariant());
    for (KeyHealth state : KeyHealthRules::kWorstFirst)
        m_healthFilter->addItem(KeyHealthInfo::icon(state), KeyHealthInfo::label(state), int(state));
    m_healthFilter->setCurrentIndex(health.isValid() ? std::max(0, m_healthFilter->findData(health)) : 0);
}

void MainWindow::refreshSummary()
{
    // Keys deleted a moment ago are gone from the table, so from its totals too, while Undo shows.
    const QSet<qint64> &leaving = m_proxy->hiddenKeys();
    const Overview overview = m_model->overview(leaving);
    HeaderFigures figures;
    for (const auto &[unit, amount] : overview.perUnit())
        figures.perUnit.insert(unit, amount.toDouble());
    figures.total = overview.total();
    figures.low = overview.count(KeyHealth::Low);
    figures.empty = overview.count(KeyHealth::Empty);
    figures.failing = overview.count(KeyHealth::Failing);
    figures.paused = overview.count(KeyHealth::Paused);
    figures.polling = !m_session.engine().scheduler().isPaused();
    figures.nextCheck = m_session.engine().scheduler().nextDue();
    figures.checking = m_session.engine().scheduler().inFlight() > 0;
    m_header->setFigures(figures);
    if (m_tray) {
        QStringList summary{SummaryHeader::keyCount(figures.total)};
        if (figures.empty > 0)
            summary << tr("%1 empty").arg(figures.empty);
        if (figures.failing > 0)
            summary << tr("%1 failing").arg(figures.failing);
        if (figures.low > 0)
            summary << tr("%1 running low").arg(figures.low);
        // The totals in the header's words, one currency a line.
        QStringList lines{summary.join(QStringLiteral(", "))};
        for (auto it = figures.perUnit.cbegin(); it != figures.perUnit.cend(); ++it)
            lines << DisplayFormat::amount(it.value(), it.key());
        m_tray->setState(overview.worst(), lines.join(u'\n'));
        m_tray->setAttention(AttentionList::of(*m_model, leaving));
    }
}

void MainWindow::refreshAlertsBadge()
{
    const int failing = m_alertsModel->failingCount();
    m_alertsAction->setText(failing > 0 ? tr("&Alerts (%1 failing)").arg(failing) : tr("&Alerts"));
    m_alertsAction->setIconText(failing > 0 ? tr("Alerts (%1 failing)").arg(failing) : tr("Alerts"));
    m_alertsAction->setToolTip(
        failing > 0 ? tr("%n alert deliveries failing: see where and why, and retry", nullptr, failing)
                    : tr("Every alert raised and where it was delivered"));
    m_alertsAction->setIcon(AlertsView::badgeIcon(failing));
    if (m_tray)
        m_tray->setFailingDeliveries(failing);
}

void MainWindow::openAlerts()
{
    if (!m_alertsView) {
        m_alertsView = new AlertsView(*m_alertsModel, this);
        // Kept when closed: reopening shows it at once, where it was.
    }
    m_alertsView->show();
    m_alertsView->raise();
    m_alertsView->activateWindow();
}

void MainWindow::addKey()
{
    KeyEditorDialog dialog(m_session, std::nullopt, this);
    if (dialog.exec() == QDialog::Accepted) {
        const qint64 id = dialog.savedKeyId();
        if (id > 0)
            m_session.engine().scheduler().checkNow(id);
    }
}

void MainWindow::editKey(qint64 keyId)
{
    if (keyId <= 0)
        return;
    KeyEditorDialog dialog(m_session, keyId, this);
    dialog.exec();
}

void MainWindow::openDetail(qint64 keyId)
{
    if (keyId <= 0)
        return;
    auto *window = new KeyDetailWindow(m_session, keyId, this);
    window->show();
}

void MainWindow::checkAll()
{
    m_session.engine().scheduler().checkAll();
}

void MainWindow::bringToFront()
{
    showNormal();
    raise();
    activateWindow();
}

void MainWindow::setPolling(bool on)
{
    m_session.engine().scheduler().setPaused(!on);
    {
        const QSignalBlocker blocker(m_pauseAction);
        m_pauseAction->setChecked(!on);
    }
    if (m_tray)
        m_tray->setPaused(!on);
    retranslatePause();
    refreshSummary();
}

void MainWindow::retranslatePause()
{
    // The action says what a click does: "Resume" while paused.
    const bool paused = m_pauseAction->isChecked();
    m_pauseAction->setText(paused ? tr("&Resume checks") : tr("&Pause checks"));
    m_pauseAction->setIconText(paused ? tr("Resume") : tr("Pause"));
    m_pauseAction->setIcon(QIcon::fromTheme(paused ? QStringLiteral("media-playback-start")
                                                   : QStringLiteral("media-playback-pause")));
}

void MainWindow::setRestServer(DesktopRestServer *server)
{
    m_restServer = server;
    if (!m_restStatus) {
        m_restStatus = new QLabel(this);
        m_restStatus->setObjectName(QStringLiteral("restStatus"));
        m_restStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
        statusBar()->addPermanentWidget(m_restStatus);
    }
    if (server)
        connect(server, &DesktopRestServer::stateChanged, this, &MainWindow::refreshRestStatus);
    refreshRestStatus();
}

void MainWindow::refreshRestStatus()
{
    if (!m_restStatus)
        return;
    const QString text = m_restServer ? m_restServer->statusText() : QString();
    m_restStatus->setText(text);
    m_restStatus->setVisible(!text.isEmpty());
}

void MainWindow::openSettings()
{
    SettingsDialog dialog(m_session, m_restServer, this);
    connect(&dialog, &SettingsDialog::languageChanged, this, [this](const QString &language) {
        if (m_translator)
            m_translator->setLanguage(language);
    });
    dialog.exec();
    refreshSummary();
}

qint64 MainWindow::currentKeyId() const
{
    const QModelIndex index = m_table->currentIndex();
    return index.isValid() ? index.data(KeyTableModel::KeyIdRole).toLongLong() : 0;
}

void MainWindow::showContextMenu(const QPoint &position)
{
    const QModelIndex index = m_table->indexAt(position);
    if (!index.isValid())
        return;
    const qint64 keyId = index.data(KeyTableModel::KeyIdRole).toLongLong();
    const int sourceRow = m_proxy->mapToSource(index).row();
    const ApiKey *key = m_model->keyAt(sourceRow);
    if (!key)
        return;
    QMenu menu(this);
    menu.addAction(tr("Check &now"), this, [this, keyId] { m_session.engine().scheduler().checkNow(keyId); });
    menu.addAction(tr("&History…"), this, [this, keyId] { openDetail(keyId); });
    menu.addAction(tr("&Edit…"), this, [this, keyId] { editKey(keyId); });
    menu.addAction(key->enabled ? tr("&Pause") : tr("&Resume"), this, [this, keyId] { togglePaused(keyId); });
    const QString hint = key->secretHint;
    menu.addAction(tr("&Copy hint"), this, [hint] { QApplication::clipboard()->setText(hint); });
    menu.addSeparator();
    menu.addAction(tr("&Delete…"), this, [this, keyId] { removeKey(keyId); });
    menu.exec(m_table->viewport()->mapToGlobal(position));
}

void MainWindow::togglePaused(qint64 keyId)
{
    const int row = m_model->rowOfKey(keyId);
    const ApiKey *key = row >= 0 ? m_model->keyAt(row) : nullptr;
    if (!key)
        return;
    if (auto done = m_session.keys().setEnabled(keyId, !key->enabled); !done)
        QMessageBox::warning(this, tr("QuotaWatch"), DisplayFormat::literal(done.error().message));
}

void MainWindow::removeKey(qint64 keyId)
{
    deleteKeys({keyId});
}

QList<qint64> MainWindow::selectedKeyIds() const
{
    QList<qint64> ids;
    QModelIndexList rows = m_table->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    for (const QModelIndex &index : rows)
        ids << index.data(KeyTableModel::KeyIdRole).toLongLong();
    if (ids.isEmpty() && currentKeyId() > 0)
        ids << currentKeyId();
    return ids;
}

void MainWindow::deleteKeys(const QList<qint64> &keyIds)
{
    QStringList names;
    QList<qint64> ids;
    for (qint64 id : keyIds) {
        const int row = m_model->rowOfKey(id);
        if (const ApiKey *key = row >= 0 ? m_model->keyAt(row) : nullptr;
            key && !m_pendingDeletes.contains(id)) {
            ids << id;
            names << key->name;
        }
    }
    if (ids.isEmpty())
        return;
    QMessageBox box(QMessageBox::Question, tr("Delete key"),
                    ids.size() == 1
                        ? tr("Delete “%1” and its whole history? The key itself stays valid at the "
                             "provider.")
                              .arg(names.constFirst())
                        : tr("Delete %1 keys and their whole history? The keys themselves stay valid "
                             "at the provider.")
                              .arg(ids.size()),
                    QMessageBox::NoButton, this);
    box.setObjectName(QStringLiteral("confirmDelete"));
    box.setTextFormat(Qt::PlainText); // key names as typed
    if (ids.size() > 1)
        box.setDetailedText(names.join(u'\n'));
    // The button says what it does (not "Yes"); Cancel is the default for a slip of Enter.
    QPushButton *remove = box.addButton(tr("&Delete"), QMessageBox::DestructiveRole);
    remove->setObjectName(QStringLiteral("deleteButton"));
    QPushButton *cancel = box.addButton(tr("Cancel"), QMessageBox::RejectRole);
    box.setDefaultButton(cancel);
    box.setEscapeButton(cancel);
    box.exec();
    if (box.clickedButton() != remove)
        return;
    // One undo at a time: an older deletion is done now.
    finishPendingDelete();
    m_pendingDeletes = ids;
    m_proxy->setHiddenKeys(QSet<qint64>(ids.cbegin(), ids.cend()));
    m_undoLabel->setText(ids.size() == 1 ? tr("“%1” deleted").arg(names.constFirst())
                                         : tr("%1 keys deleted").arg(ids.size()));
    m_undoBar->show();
    m_deleteTimer->start();
    refreshSummary();
}

void MainWindow::undoDelete()
{
    m_deleteTimer->stop();
    m_pendingDeletes.clear();
    m_proxy->setHiddenKeys({});
    m_undoBar->hide();
    refreshSummary();
    statusBar()->showMessage(tr("Deletion undone."), 5000);
}

void MainWindow::finishPendingDelete()
{
    m_deleteTimer->stop();
    if (m_pendingDeletes.isEmpty())
        return;
    const QList<qint64> ids = std::exchange(m_pendingDeletes, {});
    m_undoBar->hide();
    QStringList failures;
    for (qint64 id : ids)
        if (auto removed = m_session.keys().remove(id); !removed)
            failures << removed.error().message;
    m_proxy->setHiddenKeys({});
    // From a timer, so no dialog: the status bar says what could not be deleted (the key shows
    // again, and counts again).
    if (!failures.isEmpty()) {
        refreshSummary();
        statusBar()->showMessage(
            tr("Could not delete: %1").arg(DisplayFormat::literal(failures.join(QStringLiteral("; ")))),
            15000);
    }
}

void MainWindow::onAlert(const AlertNotice &notice)
{
    if (m_tray && m_tray->isVisible())
        m_tray->showAlert(notice);
    else
        statusBar()->showMessage(notice.alert.title + QStringLiteral(" — ") + notice.alert.message, 15000);
}

bool MainWindow::exportCsv(const QString &path, QString *error) const
{
    auto written = KeyListCsv::write(path, *m_model, *m_proxy);
    if (!written && error)
        *error = written.error().message;
    return written.has_value();
}

void MainWindow::exportCsvInteractively()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export keys as CSV"),
        QDir(Preferences::exportFolder()).filePath(QStringLiteral("quotawatch-keys.csv")),
        tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    Preferences::setExportFolder(QFileInfo(path).absolutePath());
    QString error;
    if (!exportCsv(path, &error))
        QMessageBox::warning(this, tr("Export failed"), tr("%1 cannot be written: %2").arg(path, error));
    else
        statusBar()->showMessage(
            tr("Exported %1 to %2").arg(SummaryHeader::keyCount(m_proxy->rowCount()), path), 8000);
}

Result<int> MainWindow::importCsv(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, file.errorString());
    // The file holds every secret in plain text: wiped when this returns.
    const SecureBytes content(file.readAll());
    auto pending = KeyImporter(KeyValidator(m_session.platforms())).parse(content.view());
    if (!pending)
        return tl::unexpected(pending.error());
    auto ids = m_session.keys().addAll(*pending);
    if (!ids)
        return tl::unexpected(ids.error());
    // New keys have nothing to show yet.
    for (qint64 id : *ids)
        m_session.engine().scheduler().checkNow(id);
    return int(ids->size());
}

void MainWindow::importCsvInteractively()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import keys from CSV"), QString(),
                                                      tr("CSV files (*.csv);;All files (*)"));
    if (path.isEmpty())
        return;
    const auto imported = importCsv(path);
    if (!imported) {
        QMessageBox::warning(
            this, tr("Import failed"),
            DisplayFormat::literal(tr("%1 cannot be imported: %2\n\nNothing was imported.")
                                       .arg(QDir::toNativeSeparators(path), imported.error().message)));
        return;
    }
    statusBar()->showMessage(tr("Imported %1 from %2").arg(SummaryHeader::keyCount(*imported), path), 8000);
}

QString MainWindow::aboutText() const
{
    // Where this session's master key really came from, not where it usually does: Session::open
    // took it from this process's environment in this order, else from the keychain.
    QString source;
    switch (EnvironmentMasterKey::source(QProcessEnvironment::systemEnvironment())) {
    case MasterKeySource::Keychain:
        source = tr("kept in your system's keychain");
        break;
    case MasterKeySource::EnvironmentVariable:
        source = tr("given in the environment variable %1").arg(QStringLiteral("QUOTAWATCH_MASTER_KEY"));
        break;
    case MasterKeySource::KeyFile:
        source = tr("read from the key file named by %1").arg(QStringLiteral("QUOTAWATCH_MASTER_KEY_FILE"));
        break;
    case MasterKeySource::SystemdCredential:
        source = tr("read from the systemd credential %1").arg(QStringLiteral("master-key"));
        break;
    }
    return tr("<h3>QuotaWatch %1</h3><p>Watches the balance, credit and quota of your AI API keys, "
              "keeps their history and warns you before one runs dry.</p><p>API keys are stored "
              "encrypted under a master key %2.</p>")
        .arg(QCoreApplication::applicationVersion().toHtmlEscaped(), source.toHtmlEscaped());
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About QuotaWatch"), aboutText());
}

QList<QPair<QString, QString>> MainWindow::shortcutList() const
{
    // Read from the actions themselves, so the list cannot drift from what the keys do.
    const auto keys = [](const QAction *action) {
        QStringList all;
        for (const QKeySequence &sequence : action->shortcuts())
            all << sequence.toString(QKeySequence::NativeText);
        return all.join(QStringLiteral(", "));
    };
    const auto plain = [](const QAction *action) {
        // Without the accelerator: "&Add key…", and the Chinese-style "添加密钥(&A)…".
        static const QRegularExpression accelerator(QStringLiteral("\\(&.\\)|&"));
        return action->text().remove(accelerator).remove(QChar(0x2026));
    };
    QList<QPair<QString, QString>> list;
    for (const QAction *action : {m_addAction, m_checkAllAction, m_pauseAction, m_settingsAction,
                                  m_exportAction, m_quitAction, m_shortcutsAction})
        list.append({keys(action), plain(action)});
    list.append({QKeySequence(QKeySequence::Find).toString(QKeySequence::NativeText), tr("Search the keys")});
    list.append({tr("Enter"), tr("Open the selected key's history")});
    list.append({keys(m_editAction), tr("Edit the selected key")});
    list.append({keys(m_deleteAction), tr("Delete the selected keys (with undo)")});
    list.append({QKeySequence(QKeySequence::Undo).toString(QKeySequence::NativeText),
                 tr("Undo a deletion while the Undo button shows")});
    list.append({tr("Esc"), tr("Clear the search box; close a history window")});
    list.append({tr("Tab"), tr("Move to the next control (out of the table)")});
    return list;
}

void MainWindow::showShortcuts()
{
    QString rows;
    for (const auto &[keys, what] : shortcutList())
        rows += QStringLiteral("<tr><td style=\"padding-right:16px\"><b>%1</b></td><td>%2</td></tr>")
                    .arg(keys.toHtmlEscaped(), what.toHtmlEscaped());
    QMessageBox box(QMessageBox::NoIcon, tr("Keyboard shortcuts"),
                    QStringLiteral("<table>%1</table>").arg(rows), QMessageBox::Close, this);
    box.setObjectName(QStringLiteral("shortcutsBox"));
    box.setTextFormat(Qt::RichText);
    box.exec();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    if (!m_quitting && m_tray && m_tray->isVisible() && Preferences::closeToTray()) {
        hide();
        if (!Preferences::trayHintShown()) {
            m_tray->showMessage(tr("QuotaWatch is still running"),
                                tr("It keeps checking your keys in the tray. Quit from the tray menu."));
            Preferences::setTrayHintShown(true);
        }
        event->ignore();
        return;
    }
    event->accept();
    qApp->quit();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange && m_addAction)
        retranslate();
    QMainWindow::changeEvent(event);
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table->viewport() && event->type() == QEvent::Resize)
        fitColumnsToWidth();
    if (!m_painted && watched == m_table->viewport() && event->type() == QEvent::Paint) {
        m_painted = true;
        // After this paint has finished: then the dashboard is on screen.
        QTimer::singleShot(0, this, [this] {
            emit firstPainted();
            m_model->loadTrendsInBackground();
        });
    }
    return QMainWindow::eventFilter(watched, event);
}

} // namespace qw::ui
