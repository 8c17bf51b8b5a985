// The main window: the summary header, the filterable key table, toolbar and menus, and the
// tray. It shows what Session's engine does and opens the editor, the detail window and
// the settings; it never talks to providers or the database schema itself.
#pragma once

#include "core/alerts/alertnotice.h"
#include "core/result.h"

#include <QMainWindow>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QTableView;

namespace qw {
class Session;
}

namespace qw::ui {

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
    void refreshFilterChoices();
    void showContextMenu(const QPoint &position);
    void onAlert(const AlertNotice &notice);
    void showAbout();
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
    QMenu *m_fileMenu = nullptr;
    QMenu *m_keysMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QToolBar *m_toolBar = nullptr;
    bool m_painted = false;
    bool m_quitting = false;
};

} // namespace qw::ui
