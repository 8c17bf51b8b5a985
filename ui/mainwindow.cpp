#include "ui/mainwindow.h"

#include "core/crypto/securebytes.h"
#include "core/keys/keyimporter.h"
#include "core/keys/keyvalidator.h"
#include "core/model/snapshotcsv.h"
#include "core/session/session.h"
#include "ui/desktoprestserver.h"
#include "ui/dialogs/keyeditordialog.h"
#include "ui/dialogs/settingsdialog.h"
#include "ui/format/displayformat.h"
#include "ui/format/teamtext.h"
#include "ui/history/keydetailwindow.h"
#include "ui/models/checkactivity.h"
#include "ui/models/keyfilterproxy.h"
#include "ui/models/keytablemodel.h"
#include "ui/preferences.h"
#include "ui/translator.h"
#include "ui/tray/appicon.h"
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
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSaveFile>
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
{
    setWindowIcon(AppIcon::make());
    resize(1180, 720);
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
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setHighlightSections(false);
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

    if (TrayIcon::available()) {
        m_tray = new TrayIcon(this);
        connect(m_tray, &TrayIcon::openRequested, this, &MainWindow::bringToFront);
        connect(m_tray, &TrayIcon::checkAllRequested, this, &MainWindow::checkAll);
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

    retranslate();
    if (auto loaded = m_model->reload(); !loaded)
        statusBar()->showMessage(tr("The keys cannot be read: %1").arg(loaded.error().message));
    refreshFilterChoices();
    refreshSummary();
    showEmptyStateIfEmpty();
}

MainWindow::~MainWindow() = default;

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
    m_aboutAction = new QAction(QString(), this);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
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
    m_helpMenu = menuBar()->addMenu(QString());
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
    for (KeyHealth state :
         {KeyHealth::Ok, KeyHealth::Low, KeyHealth::Failing, KeyHealth::Paused, KeyHealth::Unknown})
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
    m_table->setColumnWidth(KeyTableModel::DaysLeft, metrics.horizontalAdvance(tr("999 days")) + padding);
    m_table->setColumnWidth(KeyTableModel::LastCheck, metrics.horizontalAdvance(tr("59 min ago")) + padding);
}

void MainWindow::retranslate()
{
    refreshRestStatus();
    setWindowTitle(tr("QuotaWatch"));
    m_addAction->setText(tr("&Add key…"));
    m_addAction->setToolTip(
        tr("Add a key to watch (%1)").arg(m_addAction->shortcut().toString(QKeySequence::NativeText)));
    m_checkAllAction->setText(tr("&Check all"));
    m_pauseAction->setText(tr("&Pause checks"));
    m_settingsAction->setText(tr("&Settings…"));
    m_exportAction->setText(tr("&Export CSV…"));
    m_importAction->setText(tr("&Import keys from CSV…"));
    m_quitAction->setText(tr("&Quit"));
    m_aboutAction->setText(tr("&About QuotaWatch"));
    // Toolbar buttons show short words without accelerators: Qt strips "&" but not the
    // Chinese-style "(&A)" of a translated menu text.
    m_addAction->setIconText(tr("Add key"));
    m_checkAllAction->setIconText(tr("Check all"));
    m_pauseAction->setIconText(tr("Pause"));
    m_settingsAction->setIconText(tr("Settings"));
    m_exportAction->setIconText(tr("Export"));
    m_fileMenu->setTitle(tr("&File"));
    m_keysMenu->setTitle(tr("&Keys"));
    m_helpMenu->setTitle(tr("&Help"));
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
    for (KeyHealth state :
         {KeyHealth::Ok, KeyHealth::Low, KeyHealth::Failing, KeyHealth::Paused, KeyHealth::Unknown})
        m_healthFilter->addItem(KeyHealthInfo::icon(state), KeyHealthInfo::label(state), int(state));
    m_healthFilter->setCurrentIndex(health.isValid() ? std::max(0, m_healthFilter->findData(health)) : 0);
}

void MainWindow::refreshSummary()
{
    const Overview overview = m_model->overview();
    HeaderFigures figures;
    for (const auto &[unit, amount] : overview.perUnit())
        figures.perUnit.insert(unit, amount.toDouble());
    figures.total = overview.total();
    figures.low = overview.count(KeyHealth::Low);
    figures.failing = overview.count(KeyHealth::Failing);
    figures.paused = overview.count(KeyHealth::Paused);
    figures.polling = !m_session.engine().scheduler().isPaused();
    figures.nextCheck = m_session.engine().scheduler().nextDue();
    figures.checking = m_session.engine().scheduler().inFlight() > 0;
    m_header->setFigures(figures);
    if (m_tray) {
        QStringList summary{SummaryHeader::keyCount(figures.total)};
        if (figures.low > 0)
            summary << tr("%1 running low").arg(figures.low);
        if (figures.failing > 0)
            summary << tr("%1 failing").arg(figures.failing);
        // The totals in the header's words, one currency a line.
        QStringList lines{summary.join(QStringLiteral(", "))};
        for (auto it = figures.perUnit.cbegin(); it != figures.perUnit.cend(); ++it)
            lines << DisplayFormat::amount(it.value(), it.key());
        m_tray->setState(overview.worst(), lines.join(u'\n'));
    }
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
    refreshSummary();
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
    const int row = m_model->rowOfKey(keyId);
    const ApiKey *key = row >= 0 ? m_model->keyAt(row) : nullptr;
    if (!key)
        return;
    const auto answer = QMessageBox::question(
        this, tr("Delete key"),
        tr("Delete “%1” and its whole history? The key itself stays valid at the provider.").arg(key->name),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    if (auto removed = m_session.keys().remove(keyId); !removed)
        QMessageBox::warning(this, tr("QuotaWatch"), DisplayFormat::literal(removed.error().message));
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
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    QStringList header;
    const QList<int> columns{KeyTableModel::Name,     KeyTableModel::Platform,  KeyTableModel::Remaining,
                             KeyTableModel::DaysLeft, KeyTableModel::LastCheck, KeyTableModel::Status};
    for (int column : columns)
        header << SnapshotCsv::field(m_model->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString());
    QByteArray out = header.join(u',').toUtf8() + "\r\n";
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        QStringList fields;
        for (int column : columns)
            fields << SnapshotCsv::field(m_proxy->index(row, column).data(Qt::DisplayRole).toString());
        out += fields.join(u',').toUtf8() + "\r\n";
    }
    file.write(out);
    if (!file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

void MainWindow::exportCsvInteractively()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export keys as CSV"), QStringLiteral("quotawatch-keys.csv"), tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
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

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About QuotaWatch"),
        tr("<h3>QuotaWatch %1</h3><p>Watches the balance, credit and quota of your AI API keys, "
           "keeps their history and warns you before one runs dry.</p><p>API keys are stored "
           "encrypted under a master key kept in your system's keychain.</p>")
            .arg(QCoreApplication::applicationVersion()));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
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
