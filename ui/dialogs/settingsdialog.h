// The settings window: this machine's preferences (language, tray behaviour, launch at login,
// checks, display currency and exchange rates, the database to use, the REST API) and what
// every client of the database shares (alert settings, notification channels). Fields are
// written only on OK or Apply, and only when all of them are valid; channels are the exception:
// each add, edit, removal or switch is saved at once, as the page says.
#pragma once

#include "core/alerts/alertsettings.h"
#include "core/alerts/notificationsender.h"
#include "core/result.h"

#include <QDialog>
#include <QMap>
#include <QString>
#include <optional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QStackedWidget;
class QTableWidget;
class QTreeWidget;
class QTreeWidgetItem;

namespace qw::ui {

class DesktopSession;

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
        RestPage,
    };
    Q_ENUM(Page)

    explicit SettingsDialog(DesktopSession &session, QWidget *parent = nullptr);
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
    // Everything the fields edit (channels aside), as loaded and as apply() would write it.
    struct Fields
    {
        QString language;
        bool startMinimized = false;
        bool closeToTray = true;
        bool launchAtLogin = false;
        int intervalS = 0;
        int maxConcurrent = 0;
        AlertSettings alerts;
        QString displayCurrency;
        QMap<QString, double> rates;
        QString databaseUrl; // as the database page resolves it; see databaseUrlFromFields()
        bool restEnabled = false;
        QString restAddress;
        int restPort = 0;
    };
    // A field that keeps apply() from writing: where it is and what is wrong.
    struct Invalid
    {
        Page page;
        QWidget *field;
        QString message;
    };

    QWidget *buildGeneralPage();
    QWidget *buildChecksPage();
    QWidget *buildAlertsPage();
    QWidget *buildChannelsPage();
    QWidget *buildDisplayPage();
    QWidget *buildDatabasePage();
    QWidget *buildRestPage();
    void retranslateUi();
    void loadValues();

    // The fields' values into `out`, or what is wrong with the first invalid one.
    [[nodiscard]] std::optional<Invalid> readFields(Fields &out) const;
    void showError(const QString &message);

    void reloadChannels();
    [[nodiscard]] qint64 selectedChannelId() const;
    void updateChannelButtons();
    void addChannel();
    void editChannel();
    void testChannel();
    void removeChannel();
    void channelItemChanged(QTreeWidgetItem *item, int column);
    void showChannelStatus(const QString &text, bool error);

    void addRate(const QString &currency = {}, const QString &rate = {});
    void updateDatabaseFields();
    // The URL the database page describes: the stored preference when a redacted URL was left
    // as shown; an error when the fields do not make one.
    [[nodiscard]] Result<QString> databaseUrlFromFields() const;
    void testConnection();
    void showConnectionStatus(const QString &text, bool error);

    DesktopSession &m_session;
    Fields m_loaded;
    bool m_alertsLoaded = false;
    // What the alert fields showed after loading (spin boxes round): unchanged fields keep the
    // exact stored values.
    int m_shownFailingMinutes = 0;
    double m_shownForecastDays = 0;
    double m_shownSpikeFactor = 0;
    NotificationSender m_sender;
    bool m_channelTestRunning = false;
    bool m_connectionTestRunning = false;
    bool m_reloadingChannels = false;
    // The PostgreSQL URL shown with its password redacted, and the full URL it stands for.
    QString m_shownPostgresUrl;
    QString m_postgresSource;

    QListWidget *m_pageList = nullptr;
    QStackedWidget *m_pages = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;

    // General.
    QGroupBox *m_appearanceBox = nullptr;
    QLabel *m_languageLabel = nullptr;
    QComboBox *m_language = nullptr;
    QLabel *m_languageHint = nullptr;
    QGroupBox *m_startupBox = nullptr;
    QCheckBox *m_startMinimized = nullptr;
    QCheckBox *m_closeToTray = nullptr;
    QCheckBox *m_launchAtLogin = nullptr;

    // Checks.
    QGroupBox *m_checksBox = nullptr;
    QLabel *m_intervalLabel = nullptr;
    QSpinBox *m_interval = nullptr;
    QComboBox *m_intervalUnit = nullptr;
    QLabel *m_intervalHint = nullptr;
    QLabel *m_concurrencyLabel = nullptr;
    QSpinBox *m_concurrency = nullptr;
    QLabel *m_concurrencyHint = nullptr;

    // Alerts.
    QGroupBox *m_alertsBox = nullptr;
    QLabel *m_alertsIntro = nullptr;
    QLabel *m_failingAfterLabel = nullptr;
    QSpinBox *m_failingAfter = nullptr;
    QLabel *m_failingAfterHint = nullptr;
    QLabel *m_forecastDaysLabel = nullptr;
    QDoubleSpinBox *m_forecastDays = nullptr;
    QLabel *m_forecastDaysHint = nullptr;
    QLabel *m_spikeFactorLabel = nullptr;
    QDoubleSpinBox *m_spikeFactor = nullptr;
    QLabel *m_spikeFactorHint = nullptr;
    QLabel *m_alertsStatus = nullptr;

    // Channels.
    QLabel *m_channelsIntro = nullptr;
    QTreeWidget *m_channels = nullptr;
    QPushButton *m_addChannel = nullptr;
    QPushButton *m_editChannel = nullptr;
    QPushButton *m_testChannel = nullptr;
    QPushButton *m_removeChannel = nullptr;
    QLabel *m_channelStatus = nullptr;

    // Display.
    QLabel *m_currencyLabel = nullptr;
    QComboBox *m_currency = nullptr;
    QLabel *m_ratesLabel = nullptr;
    QTableWidget *m_rates = nullptr;
    QPushButton *m_addRate = nullptr;
    QPushButton *m_removeRate = nullptr;
    QLabel *m_ratesHint = nullptr;

    // Database.
    QLabel *m_databaseInUse = nullptr;
    QGroupBox *m_databaseBox = nullptr;
    QRadioButton *m_sqlite = nullptr;
    QLineEdit *m_sqlitePath = nullptr;
    QPushButton *m_sqliteBrowse = nullptr;
    QRadioButton *m_postgres = nullptr;
    QLineEdit *m_postgresUrl = nullptr;
    QPushButton *m_testConnection = nullptr;
    QLabel *m_connectionStatus = nullptr;
    QLabel *m_databaseHint = nullptr;
    QLabel *m_restartNote = nullptr;

    // REST API.
    QGroupBox *m_restBox = nullptr;
    QCheckBox *m_restEnabled = nullptr;
    QLabel *m_restAddressLabel = nullptr;
    QLineEdit *m_restAddress = nullptr;
    QLabel *m_restPortLabel = nullptr;
    QSpinBox *m_restPort = nullptr;
    QLabel *m_restHint = nullptr;
};

} // namespace qw::ui
