// The settings window: this machine's preferences (language, tray behaviour, launch at login,
// checks, display currency and exchange rates, the database to use, the REST API) and what
// every client of the database shares (alert settings, notification channels), one page each
// (ui/dialogs/settings). Fields are written only on OK or Apply, and only when all of them are
// valid; channels are the exception: each add, edit, removal or switch is saved at once, as the
// page says.
#pragma once

#include <QDialog>
#include <QString>
#include <vector>

class QDialogButtonBox;
class QLabel;
class QListWidget;
class QStackedWidget;

namespace qw {
class Session;
}

namespace qw::ui {

class DesktopRestServer;

namespace settings {
class DatabasePage;
class GeneralPage;
class SettingsPage;
} // namespace settings

class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    enum Page
    {
        GeneralPage,
        ChecksPage,
        AlertsPage,
        ChannelsPage,
        DisplayPage,
        DatabasePage,
        RestPage, // only in a build with the REST API (QW_WITH_REST)
    };
    Q_ENUM(Page)

    explicit SettingsDialog(Session &session, QWidget *parent = nullptr);
    // `restServer` (may be null): the desktop's REST API, which the REST API page shows and
    // restarts when its settings are applied.
    SettingsDialog(Session &session, DesktopRestServer *restServer, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    void showPage(Page page);

    // Checks every field and, when all are valid, writes what changed. False (nothing written,
    // the reason shown under the pages) when a field is invalid or a write failed.
    bool apply();
    // apply(), then closes on success.
    void accept() override;

signals:
    // The language was changed and saved (Preferences::language() form: "", "en", "zh_CN");
    // the application installs its translation (UiTranslator).
    void languageChanged(const QString &language);
    // The database in use stays until a restart; this says the next start uses another one.
    void databaseChangedForNextStart(const QString &url);
    // A test connection finished (`message` is what the page shows).
    void connectionTested(bool ok, const QString &message);
    // A channel test send finished (`message` is what the page shows).
    void channelTestFinished(bool ok, const QString &message);
    // Channels were added, edited, switched on or off, or removed.
    void channelsChanged();

protected:
    void changeEvent(QEvent *event) override;

private:
    void addPage(settings::SettingsPage *page);
    void retranslateUi();
    void showError(const QString &message);

    std::vector<settings::SettingsPage *> m_pageWidgets; // in Page order
    settings::GeneralPage *m_general = nullptr;
    settings::DatabasePage *m_database = nullptr;

    QListWidget *m_pageList = nullptr;
    QStackedWidget *m_pages = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace qw::ui
