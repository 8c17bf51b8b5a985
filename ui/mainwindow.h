// The main window: the summary header, the filterable key table, toolbar and menus, and the
// tray. It shows what Session's engine does and opens the editor, the detail window and
// the settings; it never talks to providers or the database schema itself.
#pragma once

#include "core/alerts/alertnotice.h"
#include "core/result.h"

#include <QMainWindow>
#include <QMap>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTableView;
class QTimer;

namespace qw {
class Session;
}

namespace qw::ui {

class AlertTableModel;
class AlertsView;
class DesktopRestServer;
class EmptyState;
class KeyFilterProxy;
class KeyTableModel;
class SummaryHeader;
class TrayIcon;
class UiTranslator;
class CheckAllProgress;

class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(Session &session, QWidget *parent = nullptr);
    ~MainWindow() override;

    [[nodiscard]] KeyTableModel &model() { return *m_model; }
    [[nodiscard]] KeyFilterProxy &proxy() { return *m_proxy; }
    [[nodiscard]] QTableView &table() { return *m_table; }
    [[nodiscard]] SummaryHeader &header() { return *m_header; }
    // Shown instead of the table while there are no keys.
    [[nodiscard]] EmptyState &emptyState() { return *m_emptyState; }
    [[nodiscard]] QLabel &databaseBanner() { return *m_databaseBanner; }
    // Team mode (PostgreSQL): the status bar's "Team: …" line; null on SQLite.
    [[nodiscard]] QLabel *teamStatus() { return m_teamStatus; }
    // Reads which other instances share the database now; on the 30 s tick, and for tests.
    void refreshTeam();
    [[nodiscard]] bool showsEmptyState() const;
    // Null when the desktop has no system tray.
    [[nodiscard]] TrayIcon *tray() { return m_tray; }

    // View → Alerts: the alerts window (made on first use, then raised).
    void openAlerts();
    // Null until openAlerts().
    [[nodiscard]] AlertsView *alertsView() { return m_alertsView; }
    [[nodiscard]] AlertTableModel &alertsModel() { return *m_alertsModel; }
    // View → Alerts and its toolbar button, which carry the badge of failing deliveries.
    [[nodiscard]] QAction &alertsAction() { return *m_alertsAction; }

    void addKey();
    void editKey(qint64 keyId);
    void openDetail(qint64 keyId);
    void checkAll();
    // Shows the window in front, from the tray or minimised too (a second start asks for it).
    void bringToFront();
    // The status bar's progress of "Check all", with its Cancel button.
    [[nodiscard]] CheckAllProgress &checkAllProgress() { return *m_checkAllProgress; }
    void setPolling(bool on);
    void openSettings();
    // Asks (the button says "Delete"), then hides the keys and deletes them for real after
    // kUndoMs unless Undo is pressed; the keys, their secrets and history stay untouched until then.
    void deleteKeys(const QList<qint64> &keyIds);
    // The keys selected in the table (several with Ctrl/Shift), in the table's order.
    [[nodiscard]] QList<qint64> selectedKeyIds() const;
    // The deletion waiting for its undo time: brought back, or done now.
    void undoDelete();
    void finishPendingDelete();
    [[nodiscard]] QList<qint64> pendingDeletes() const { return m_pendingDeletes; }
    // The "Key deleted — Undo" line in the status bar.
    [[nodiscard]] QWidget &undoBar() { return *m_undoBar; }
    [[nodiscard]] QPushButton &undoButton() { return *m_undoButton; }
    [[nodiscard]] QLineEdit &searchBox() { return *m_search; }
    [[nodiscard]] QAction &pauseAction() { return *m_pauseAction; }
    [[nodiscard]] QAction &shortcutsAction() { return *m_shortcutsAction; }
    // The About box's text (also shown by showAbout()).
    [[nodiscard]] QString aboutText() const;
    // The keyboard shortcuts as Help lists them, one "keys — what" pair each.
    [[nodiscard]] QList<QPair<QString, QString>> shortcutList() const;

    // How long a deletion can be undone.
    static constexpr int kUndoMs = 8000;
    // Language changes made in the settings go through `translator` (owned by the caller).
    void setTranslator(UiTranslator *translator) { m_translator = translator; }
    // The REST API the desktop serves (owned by the caller, outliving the window): its address or
    // problem in the status bar, and its page in the settings.
    void setRestServer(DesktopRestServer *server);
    // Writes the visible rows (after filters) as CSV; false with `error` set when it cannot.
    bool exportCsv(const QString &path, QString *error = nullptr) const;
    // Adds the keys of a CSV file in the format of `quotawatch keys import` and checks them:
    // all of them, or none when a row is wrong (the error names its line). How many were added.
    [[nodiscard]] Result<int> importCsv(const QString &path);

signals:
    // After the first paint of the dashboard (used by the start-up benchmark).
    void firstPainted();

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildActions();
    void buildMenus();
    void buildToolBar();
    void buildFilters(QWidget *central);
    void retranslate();
    void fitColumnWidths();
    void refreshSummary();
    void refreshAlertsBadge();
    void refreshFilterChoices();
    void showContextMenu(const QPoint &position);
    void onAlert(const AlertNotice &notice);
    void showAbout();
    void showShortcuts();
    void retranslatePause();
    // Hides the least important columns (trend, bar, platform, last check, days left) while the
    // table is too narrow for them, so name, remaining and status always show; back when there is room.
    void fitColumnsToWidth();
    void restoreLayout();
    void saveLayout();
    void exportCsvInteractively();
    void importCsvInteractively();
    void showEmptyStateIfEmpty();
    void refreshRestStatus();
    [[nodiscard]] qint64 currentKeyId() const;
    void removeKey(qint64 keyId);
    void togglePaused(qint64 keyId);

    Session &m_session;
    KeyTableModel *m_model = nullptr;
    KeyFilterProxy *m_proxy = nullptr;
    SummaryHeader *m_header = nullptr;
    QTableView *m_table = nullptr;
    QStackedWidget *m_stack = nullptr;
    EmptyState *m_emptyState = nullptr;
    // Shown while the database is unreachable: checks pause and resume on their own.
    QLabel *m_databaseBanner = nullptr;
    QWidget *m_filterBar = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_platformFilter = nullptr;
    QComboBox *m_healthFilter = nullptr;
    QComboBox *m_tagFilter = nullptr;
    TrayIcon *m_tray = nullptr;
    UiTranslator *m_translator = nullptr;
    DesktopRestServer *m_restServer = nullptr;
    QLabel *m_restStatus = nullptr;
    QLabel *m_teamStatus = nullptr;
    CheckAllProgress *m_checkAllProgress = nullptr;
    QAction *m_addAction = nullptr;
    QAction *m_checkAllAction = nullptr;
    QAction *m_pauseAction = nullptr;
    QAction *m_settingsAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_importAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QAction *m_alertsAction = nullptr;
    AlertTableModel *m_alertsModel = nullptr;
    AlertsView *m_alertsView = nullptr;
    QMenu *m_viewMenu = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_editAction = nullptr;
    QAction *m_shortcutsAction = nullptr;
    QList<qint64> m_pendingDeletes;
    QTimer *m_deleteTimer = nullptr;
    QWidget *m_undoBar = nullptr;
    QLabel *m_undoLabel = nullptr;
    QPushButton *m_undoButton = nullptr;
    // Columns hidden by fitColumnsToWidth() (not by the user), with their widths: shown again in
    // the saved state.
    QMap<int, int> m_squeezedColumns;
    bool m_layoutFrozen = false; // while saveLayout() shows them for a moment
    QMenu *m_fileMenu = nullptr;
    QMenu *m_keysMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QToolBar *m_toolBar = nullptr;
    bool m_painted = false;
    bool m_quitting = false;
};

} // namespace qw::ui
