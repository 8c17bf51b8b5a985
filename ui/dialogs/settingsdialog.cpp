#include "ui/dialogs/settingsdialog.h"

#include "core/alerts/alertmessages.h"
#include "core/alerts/channelconfig.h"
#include "core/model/apikey.h"
#include "core/poll/httpclient.h"
#include "core/storage/channelrepository.h"
#include "core/storage/database.h"
#include "core/storage/databaseurl.h"
#include "core/storage/settingsrepository.h"
#include "ui/desktopsession.h"
#include "ui/dialogs/channeleditordialog.h"
#include "ui/launchatlogin.h"
#include "ui/preferences.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHostAddress>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QRegularExpressionValidator>
#include <QScrollArea>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTableWidget>
#include <QThread>
#include <QTreeWidget>
#include <QUrl>
#include <QUrlQuery>
#include <QUuid>
#include <QVBoxLayout>
#include <cmath>
#include <memory>

namespace qw::ui {

namespace {

constexpr int kSecondsPerUnit[] = {1, 60, 3600};
constexpr int kMaxFailingAfterMinutes = 7 * 24 * 60; // what AlertSettings::load accepts
const QString kSqliteScheme = QStringLiteral("sqlite://");

QColor errorColor()
{
    return QColor(0xb0, 0x00, 0x20);
}

void setStatus(QLabel *label, const QString &text, bool error, const QPalette &normal)
{
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, error ? errorColor() : normal.color(QPalette::WindowText));
    label->setPalette(palette);
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

QLabel *hintLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

// A page in a scroll area, so a long translation or a small screen never cuts a field off.
QWidget *scrolled(QWidget *page)
{
    auto *area = new QScrollArea;
    area->setFrameShape(QFrame::NoFrame);
    area->setWidgetResizable(true);
    area->setWidget(page);
    return area;
}

// The full text of a PostgreSQL URL, password included, from its parts (for a database given
// by --db or QUOTAWATCH_DB, which the preferences do not hold).
QString postgresUrlText(const DatabaseUrl &url)
{
    QUrl text;
    text.setScheme(QStringLiteral("postgresql"));
    text.setHost(url.host);
    text.setPort(url.port);
    text.setUserName(url.user);
    text.setPassword(url.password);
    text.setPath(u'/' + url.databaseName);
    if (!url.connectOptions.isEmpty()) {
        QUrlQuery query;
        for (const QString &option : url.connectOptions.split(u';', Qt::SkipEmptyParts)) {
            const qsizetype equals = option.indexOf(u'=');
            query.addQueryItem(option.left(equals), equals < 0 ? QString() : option.mid(equals + 1));
        }
        text.setQuery(query);
    }
    return text.toString(QUrl::FullyEncoded);
}

std::optional<double> parseRate(const QString &input)
{
    const QString text = input.trimmed();
    bool ok = false;
    double rate = QLocale().toDouble(text, &ok);
    if (!ok)
        rate = QLocale::c().toDouble(text, &ok);
    if (!ok || !std::isfinite(rate) || rate <= 0)
        return std::nullopt;
    return rate;
}

bool isCurrencyCode(const QString &text)
{
    static const QRegularExpression code(QStringLiteral("^[A-Z]{3}$"));
    return code.match(text).hasMatch();
}

bool sameAlertSettings(const AlertSettings &a, const AlertSettings &b)
{
    return a.failingAfterS == b.failingAfterS && a.forecastDays == b.forecastDays &&
           a.spikeFactor == b.spikeFactor;
}

} // namespace

SettingsDialog::SettingsDialog(DesktopSession &session, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_sender(session.vault(), session.engine().http())
{
    setObjectName(QStringLiteral("settingsDialog"));
    auto *layout = new QVBoxLayout(this);
    auto *body = new QHBoxLayout;
    m_pageList = new QListWidget(this);
    m_pageList->setObjectName(QStringLiteral("pageList"));
    m_pageList->setSelectionMode(QAbstractItemView::SingleSelection);
    m_pages = new QStackedWidget(this);
    for (QWidget *page : {buildGeneralPage(), buildChecksPage(), buildAlertsPage(), buildChannelsPage(),
                          buildDisplayPage(), buildDatabasePage(), buildRestPage()}) {
        m_pages->addWidget(scrolled(page));
        m_pageList->addItem(QString());
    }
    body->addWidget(m_pageList);
    body->addWidget(m_pages, 1);
    layout->addLayout(body, 1);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("settingsError"));
    m_error->setWordWrap(true);
    m_error->hide();
    layout->addWidget(m_error);

    m_buttons =
        new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::Apply, this);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(m_buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, &SettingsDialog::apply);
    connect(m_pageList, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);

    retranslateUi();
    loadValues();
    showPage(GeneralPage);
    resize(880, 600);
}

SettingsDialog::~SettingsDialog() = default;

void SettingsDialog::showPage(Page page)
{
    m_pageList->setCurrentRow(int(page));
}

QWidget *SettingsDialog::buildGeneralPage()
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);

    m_appearanceBox = new QGroupBox(page);
    auto *languageForm = new QFormLayout(m_appearanceBox);
    languageForm->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    m_language = new QComboBox(m_appearanceBox);
    m_language->setObjectName(QStringLiteral("language"));
    // Each language is named in itself, so that it can be found whatever language is shown.
    m_language->addItem(QString(), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("简体中文"), QStringLiteral("zh_CN"));
    m_languageLabel = new QLabel(m_appearanceBox);
    m_languageLabel->setObjectName(QStringLiteral("languageLabel"));
    m_languageLabel->setBuddy(m_language);
    languageForm->addRow(m_languageLabel, m_language);
    m_languageHint = hintLabel(m_appearanceBox);
    languageForm->addRow(m_languageHint);
    layout->addWidget(m_appearanceBox);

    m_startupBox = new QGroupBox(page);
    auto *startup = new QVBoxLayout(m_startupBox);
    m_startMinimized = new QCheckBox(m_startupBox);
    m_startMinimized->setObjectName(QStringLiteral("startMinimized"));
    m_closeToTray = new QCheckBox(m_startupBox);
    m_closeToTray->setObjectName(QStringLiteral("closeToTray"));
    m_launchAtLogin = new QCheckBox(m_startupBox);
    m_launchAtLogin->setObjectName(QStringLiteral("launchAtLogin"));
    for (QCheckBox *box : {m_startMinimized, m_closeToTray, m_launchAtLogin})
        startup->addWidget(box);
    layout->addWidget(m_startupBox);
    layout->addStretch(1);
    return page;
}

QWidget *SettingsDialog::buildChecksPage()
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    m_checksBox = new QGroupBox(page);
    auto *form = new QFormLayout(m_checksBox);
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);

    auto *intervalRow = new QWidget(m_checksBox);
    auto *intervalLayout = new QHBoxLayout(intervalRow);
    intervalLayout->setContentsMargins(0, 0, 0, 0);
    m_interval = new QSpinBox(intervalRow);
    m_interval->setObjectName(QStringLiteral("defaultInterval"));
    m_interval->setRange(1, ApiKey::kMaxIntervalS);
    m_intervalUnit = new QComboBox(intervalRow);
    m_intervalUnit->setObjectName(QStringLiteral("defaultIntervalUnit"));
    for (const int seconds : kSecondsPerUnit)
        m_intervalUnit->addItem(QString(), seconds);
    intervalLayout->addWidget(m_interval);
    intervalLayout->addWidget(m_intervalUnit);
    intervalLayout->addStretch(1);
    m_intervalLabel = new QLabel(m_checksBox);
    m_intervalLabel->setBuddy(m_interval);
    form->addRow(m_intervalLabel, intervalRow);
    m_intervalHint = hintLabel(m_checksBox);
    form->addRow(m_intervalHint);

    m_concurrency = new QSpinBox(m_checksBox);
    m_concurrency->setObjectName(QStringLiteral("maxConcurrent"));
    m_concurrency->setRange(1, 64);
    m_concurrencyLabel = new QLabel(m_checksBox);
    m_concurrencyLabel->setBuddy(m_concurrency);
    form->addRow(m_concurrencyLabel, m_concurrency);
    m_concurrencyHint = hintLabel(m_checksBox);
    form->addRow(m_concurrencyHint);

    layout->addWidget(m_checksBox);
    layout->addStretch(1);
    return page;
}

QWidget *SettingsDialog::buildAlertsPage()
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    m_alertsBox = new QGroupBox(page);
    auto *form = new QFormLayout(m_alertsBox);
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    m_alertsIntro = hintLabel(m_alertsBox);
    form->addRow(m_alertsIntro);

    m_failingAfter = new QSpinBox(m_alertsBox);
    m_failingAfter->setObjectName(QStringLiteral("failingAfter"));
    m_failingAfter->setRange(1, kMaxFailingAfterMinutes);
    m_failingAfterLabel = new QLabel(m_alertsBox);
    m_failingAfterLabel->setBuddy(m_failingAfter);
    form->addRow(m_failingAfterLabel, m_failingAfter);
    m_failingAfterHint = hintLabel(m_alertsBox);
    form->addRow(m_failingAfterHint);

    m_forecastDays = new QDoubleSpinBox(m_alertsBox);
    m_forecastDays->setObjectName(QStringLiteral("forecastDays"));
    m_forecastDays->setRange(0, 365);
    m_forecastDays->setDecimals(1);
    m_forecastDays->setSingleStep(0.5);
    m_forecastDaysLabel = new QLabel(m_alertsBox);
    m_forecastDaysLabel->setBuddy(m_forecastDays);
    form->addRow(m_forecastDaysLabel, m_forecastDays);
    m_forecastDaysHint = hintLabel(m_alertsBox);
    form->addRow(m_forecastDaysHint);

    m_spikeFactor = new QDoubleSpinBox(m_alertsBox);
    m_spikeFactor->setObjectName(QStringLiteral("spikeFactor"));
    m_spikeFactor->setRange(1.5, 1000);
    m_spikeFactor->setDecimals(1);
    m_spikeFactor->setSingleStep(0.5);
    m_spikeFactorLabel = new QLabel(m_alertsBox);
    m_spikeFactorLabel->setBuddy(m_spikeFactor);
    form->addRow(m_spikeFactorLabel, m_spikeFactor);
    m_spikeFactorHint = hintLabel(m_alertsBox);
    form->addRow(m_spikeFactorHint);

    m_alertsStatus = new QLabel(m_alertsBox);
    m_alertsStatus->setWordWrap(true);
    m_alertsStatus->hide();
    form->addRow(m_alertsStatus);
    layout->addWidget(m_alertsBox);
    layout->addStretch(1);
    return page;
}

QWidget *SettingsDialog::buildChannelsPage()
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    m_channelsIntro = hintLabel(page);
    layout->addWidget(m_channelsIntro);

    auto *row = new QHBoxLayout;
    m_channels = new QTreeWidget(page);
    m_channels->setObjectName(QStringLiteral("channelList"));
    m_channels->setColumnCount(4);
    m_channels->setRootIsDecorated(false);
    m_channels->setUniformRowHeights(true);
    m_channels->setAllColumnsShowFocus(true);
    m_channels->setSelectionMode(QAbstractItemView::SingleSelection);
    m_channels->header()->setStretchLastSection(true);
    m_channels->header()->setSectionResizeMode(QHeaderView::Interactive);
    row->addWidget(m_channels, 1);

    auto *buttons = new QVBoxLayout;
    m_addChannel = new QPushButton(page);
    m_addChannel->setObjectName(QStringLiteral("addChannel"));
    m_editChannel = new QPushButton(page);
    m_editChannel->setObjectName(QStringLiteral("editChannel"));
    m_testChannel = new QPushButton(page);
    m_testChannel->setObjectName(QStringLiteral("testChannel"));
    m_removeChannel = new QPushButton(page);
    m_removeChannel->setObjectName(QStringLiteral("removeChannel"));
    for (QPushButton *button : {m_addChannel, m_editChannel, m_testChannel, m_removeChannel}) {
        button->setAutoDefault(false);
        buttons->addWidget(button);
    }
    buttons->addStretch(1);
    row->addLayout(buttons);
    layout->addLayout(row, 1);

    m_channelStatus = new QLabel(page);
    m_channelStatus->setObjectName(QStringLiteral("channelStatus"));
    m_channelStatus->setWordWrap(true);
    m_channelStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_channelStatus->hide();
    layout->addWidget(m_channelStatus);

    connect(m_addChannel, &QPushButton::clicked, this, &SettingsDialog::addChannel);
    connect(m_editChannel, &QPushButton::clicked, this, &SettingsDialog::editChannel);
    connect(m_testChannel, &QPushButton::clicked, this, &SettingsDialog::testChannel);
    connect(m_removeChannel, &QPushButton::clicked, this, &SettingsDialog::removeChannel);
    connect(m_channels, &QTreeWidget::itemSelectionChanged, this, &SettingsDialog::updateChannelButtons);
    connect(m_channels, &QTreeWidget::itemDoubleClicked, this, &SettingsDialog::editChannel);
    connect(m_channels, &QTreeWidget::itemChanged, this, &SettingsDialog::channelItemChanged);
    return page;
}

QWidget *SettingsDialog::buildDisplayPage()
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    m_currency = new QComboBox(page);
    m_currency->setObjectName(QStringLiteral("displayCurrency"));
    m_currency->setEditable(true);
    m_currency->setInsertPolicy(QComboBox::NoInsert);
    for (const char *code : {"", "USD", "CNY", "EUR", "GBP", "JPY", "HKD", "SGD"})
        m_currency->addItem(QLatin1String(code));
    m_currency->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[A-Za-z]{0,3}")), m_currency));
    m_currencyLabel = new QLabel(page);
    m_currencyLabel->setBuddy(m_currency);
    form->addRow(m_currencyLabel, m_currency);
    layout->addLayout(form);

    m_ratesLabel = new QLabel(page);
    layout->addWidget(m_ratesLabel);
    auto *row = new QHBoxLayout;
    m_rates = new QTableWidget(0, 2, page);
    m_rates->setObjectName(QStringLiteral("exchangeRates"));
    m_rates->verticalHeader()->hide();
    m_rates->horizontalHeader()->setStretchLastSection(true);
    m_rates->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_ratesLabel->setBuddy(m_rates);
    row->addWidget(m_rates, 1);
    auto *buttons = new QVBoxLayout;
    m_addRate = new QPushButton(page);
    m_addRate->setObjectName(QStringLiteral("addRate"));
    m_removeRate = new QPushButton(page);
    m_removeRate->setObjectName(QStringLiteral("removeRate"));
    for (QPushButton *button : {m_addRate, m_removeRate}) {
        button->setAutoDefault(false);
        buttons->addWidget(button);
    }
    buttons->addStretch(1);
    row->addLayout(buttons);
    layout->addLayout(row, 1);
    m_ratesHint = hintLabel(page);
    layout->addWidget(m_ratesHint);

    connect(m_addRate, &QPushButton::clicked, this, [this] {
        addRate();
        m_rates->setFocus();
        m_rates->setCurrentCell(m_rates->rowCount() - 1, 0);
        m_rates->editItem(m_rates->item(m_rates->rowCount() - 1, 0));
    });
    connect(m_removeRate, &QPushButton::clicked, this, [this] {
        const int current = m_rates->currentRow();
        if (current >= 0)
            m_rates->removeRow(current);
    });
    return page;
}

QWidget *SettingsDialog::buildDatabasePage()
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    m_databaseInUse = new QLabel(page);
    m_databaseInUse->setObjectName(QStringLiteral("databaseInUse"));
    m_databaseInUse->setWordWrap(true);
    m_databaseInUse->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_databaseInUse);

    m_databaseBox = new QGroupBox(page);
    auto *grid = new QGridLayout(m_databaseBox);
    m_sqlite = new QRadioButton(m_databaseBox);
    m_sqlite->setObjectName(QStringLiteral("sqliteRadio"));
    grid->addWidget(m_sqlite, 0, 0, 1, 2);
    m_sqlitePath = new QLineEdit(m_databaseBox);
    m_sqlitePath->setObjectName(QStringLiteral("sqlitePath"));
    m_sqliteBrowse = new QPushButton(m_databaseBox);
    m_sqliteBrowse->setAutoDefault(false);
    grid->addWidget(m_sqlitePath, 1, 0);
    grid->addWidget(m_sqliteBrowse, 1, 1);
    m_postgres = new QRadioButton(m_databaseBox);
    m_postgres->setObjectName(QStringLiteral("postgresRadio"));
    grid->addWidget(m_postgres, 2, 0, 1, 2);
    m_postgresUrl = new QLineEdit(m_databaseBox);
    m_postgresUrl->setObjectName(QStringLiteral("postgresUrl"));
    grid->addWidget(m_postgresUrl, 3, 0, 1, 2);
    grid->setColumnStretch(0, 1);
    layout->addWidget(m_databaseBox);

    auto *testRow = new QHBoxLayout;
    m_testConnection = new QPushButton(page);
    m_testConnection->setObjectName(QStringLiteral("testConnection"));
    m_testConnection->setAutoDefault(false);
    testRow->addWidget(m_testConnection);
    testRow->addStretch(1);
    layout->addLayout(testRow);
    m_connectionStatus = new QLabel(page);
    m_connectionStatus->setObjectName(QStringLiteral("connectionStatus"));
    m_connectionStatus->setWordWrap(true);
    m_connectionStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_connectionStatus->hide();
    layout->addWidget(m_connectionStatus);
    m_databaseHint = hintLabel(page);
    layout->addWidget(m_databaseHint);
    m_restartNote = new QLabel(page);
    m_restartNote->setObjectName(QStringLiteral("restartNote"));
    m_restartNote->setWordWrap(true);
    m_restartNote->hide();
    layout->addWidget(m_restartNote);
    layout->addStretch(1);

    connect(m_sqlite, &QRadioButton::toggled, this, &SettingsDialog::updateDatabaseFields);
    connect(m_postgres, &QRadioButton::toggled, this, &SettingsDialog::updateDatabaseFields);
    connect(m_testConnection, &QPushButton::clicked, this, &SettingsDialog::testConnection);
    connect(m_sqliteBrowse, &QPushButton::clicked, this, [this] {
        const QString file =
            QFileDialog::getSaveFileName(this, tr("SQLite database file"), m_sqlitePath->text(),
                                         tr("SQLite databases (*.db *.sqlite);;All files (*)"), nullptr,
                                         QFileDialog::DontConfirmOverwrite);
        if (!file.isEmpty())
            m_sqlitePath->setText(QDir::toNativeSeparators(file));
    });
    return page;
}

QWidget *SettingsDialog::buildRestPage()
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    m_restBox = new QGroupBox(page);
    auto *form = new QFormLayout(m_restBox);
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    m_restEnabled = new QCheckBox(m_restBox);
    m_restEnabled->setObjectName(QStringLiteral("restEnabled"));
    form->addRow(m_restEnabled);
    m_restAddress = new QLineEdit(m_restBox);
    m_restAddress->setObjectName(QStringLiteral("restAddress"));
    m_restAddressLabel = new QLabel(m_restBox);
    m_restAddressLabel->setBuddy(m_restAddress);
    form->addRow(m_restAddressLabel, m_restAddress);
    m_restPort = new QSpinBox(m_restBox);
    m_restPort->setObjectName(QStringLiteral("restPort"));
    m_restPort->setRange(1, 65535);
    m_restPortLabel = new QLabel(m_restBox);
    m_restPortLabel->setBuddy(m_restPort);
    form->addRow(m_restPortLabel, m_restPort);
    m_restHint = hintLabel(m_restBox);
    form->addRow(m_restHint);
    layout->addWidget(m_restBox);
    layout->addStretch(1);
    return page;
}

void SettingsDialog::retranslateUi()
{
    setWindowTitle(tr("Settings"));
    const QStringList pageNames = {tr("General"), tr("Checks"),   tr("Alerts"),  tr("Channels"),
                                   tr("Display"), tr("Database"), tr("REST API")};
    for (int i = 0; i < m_pageList->count() && i < pageNames.size(); ++i)
        m_pageList->item(i)->setText(pageNames.at(i));
    // Wide enough for the longest name in the language now shown.
    m_pageList->setFixedWidth(m_pageList->sizeHintForColumn(0) + 2 * m_pageList->frameWidth() + 24);

    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("OK"));
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    m_buttons->button(QDialogButtonBox::Apply)->setText(tr("&Apply"));

    // General.
    m_appearanceBox->setTitle(tr("Language"));
    m_languageLabel->setText(tr("&Language:"));
    m_language->setItemText(0, tr("System language"));
    m_languageHint->setText(tr("The new language is used as soon as you press OK or Apply."));
    m_startupBox->setTitle(tr("Start-up and tray"));
    m_startMinimized->setText(tr("Start &minimised to the tray"));
    m_closeToTray->setText(tr("&Closing the window keeps QuotaWatch running in the tray"));
    m_launchAtLogin->setText(tr("Start QuotaWatch when I log &in"));

    // Checks.
    m_checksBox->setTitle(tr("Checks"));
    m_intervalLabel->setText(tr("Default check &interval:"));
    m_intervalUnit->setItemText(0, tr("seconds"));
    m_intervalUnit->setItemText(1, tr("minutes"));
    m_intervalUnit->setItemText(2, tr("hours"));
    m_intervalHint->setText(tr("Used for keys added from now on (10 seconds to 24 hours); every key "
                               "keeps its own interval, which you can change in the key's settings."));
    m_concurrencyLabel->setText(tr("Checks at the &same time:"));
    m_concurrencyHint->setText(tr("At most this many keys are checked at once; at most four of them "
                                  "with the same provider."));

    // Alerts.
    m_alertsBox->setTitle(tr("Alert rules"));
    m_alertsIntro->setText(tr("These settings are stored in the database, so every QuotaWatch using it "
                              "(this app, “quotawatch serve”) follows them."));
    m_failingAfterLabel->setText(tr("Key &failing after:"));
    m_failingAfter->setSuffix(tr(" min"));
    m_failingAfterHint->setText(tr("A key whose checks fail for this long raises a “key failing” alert "
                                   "(a rejected key does so after two checks in a row)."));
    m_forecastDaysLabel->setText(tr("&Running dry within:"));
    m_forecastDays->setSuffix(tr(" days"));
    m_forecastDays->setSpecialValueText(tr("Off"));
    m_forecastDaysHint->setText(tr("Warns when, at the current spending rate, a key runs out within this "
                                   "many days. 0 turns the warning off."));
    m_spikeFactorLabel->setText(tr("&Spending spike at:"));
    m_spikeFactor->setSuffix(tr(" × usual"));
    m_spikeFactorHint->setText(tr("Warns when the last hour's spending is at least this many times the "
                                  "usual hourly rate."));

    // Channels.
    m_channelsIntro->setText(tr("Where alerts are sent. Changes on this page are saved right away. "
                                "Untick a channel to pause it."));
    m_channels->setHeaderLabels({tr("Name"), tr("Kind"), tr("Target"), tr("Alerts")});
    m_addChannel->setText(tr("A&dd…"));
    m_editChannel->setText(tr("&Edit…"));
    m_testChannel->setText(tr("Send &test"));
    m_removeChannel->setText(tr("&Remove"));

    // Display.
    m_currencyLabel->setText(tr("Display &currency:"));
    m_currency->lineEdit()->setPlaceholderText(tr("None"));
    m_ratesLabel->setText(tr("E&xchange rates:"));
    m_rates->setHorizontalHeaderLabels({tr("Currency"), tr("Worth in display currency")});
    m_addRate->setText(tr("A&dd rate"));
    m_removeRate->setText(tr("Remo&ve rate"));
    m_ratesHint->setText(tr("Totals are shown in the display currency using only the rates you enter "
                            "here: QuotaWatch never uses built-in or downloaded exchange rates. Enter "
                            "what one unit of each currency is worth, e.g. CNY 0.14 when the display "
                            "currency is USD. Amounts in a currency without a rate are left out of "
                            "totals."));

    // Database.
    m_databaseInUse->setText(tr("In use now: %1").arg(m_session.db().url().redacted()));
    m_databaseBox->setTitle(tr("Database for the next start"));
    m_sqlite->setText(tr("&SQLite file on this computer"));
    m_sqlitePath->setPlaceholderText(tr("Path of the database file"));
    m_sqliteBrowse->setText(tr("&Browse…"));
    m_postgres->setText(tr("&PostgreSQL server"));
    m_postgresUrl->setPlaceholderText(QStringLiteral("postgresql://user:password@host:5432/quotawatch"));
    m_testConnection->setText(tr("&Test connection"));
    m_databaseHint->setText(tr("QuotaWatch switches to another database when it starts again. The "
                               "--db option and the QUOTAWATCH_DB environment variable take precedence "
                               "over this setting."));
    m_restartNote->setText(tr("Saved. Restart QuotaWatch to use the new database."));

    // REST API.
    m_restBox->setTitle(tr("REST API"));
    m_restEnabled->setText(tr("&Enable the REST API"));
    m_restAddressLabel->setText(tr("Listen a&ddress:"));
    m_restPortLabel->setText(tr("&Port:"));
    m_restHint->setText(tr("These settings are kept now and take effect once the desktop app serves the "
                           "REST API, as “quotawatch serve” does. An address other than 127.0.0.1 makes "
                           "the API reachable from other computers."));

    reloadChannels();
}

void SettingsDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void SettingsDialog::loadValues()
{
    Fields &loaded = m_loaded;
    loaded.language = Preferences::language();
    loaded.startMinimized = Preferences::startMinimized();
    loaded.closeToTray = Preferences::closeToTray();
    loaded.launchAtLogin = LaunchAtLogin::isEnabled();
    loaded.intervalS = Preferences::defaultIntervalS();
    loaded.maxConcurrent = Preferences::maxConcurrent();
    loaded.displayCurrency = Preferences::displayCurrency();
    loaded.rates = Preferences::exchangeRates();
    loaded.restEnabled = Preferences::restEnabled();
    loaded.restAddress = Preferences::restAddress();
    loaded.restPort = Preferences::restPort();

    m_language->setCurrentIndex(std::max(0, m_language->findData(loaded.language)));
    m_startMinimized->setChecked(loaded.startMinimized);
    m_closeToTray->setChecked(loaded.closeToTray);
    m_launchAtLogin->setChecked(loaded.launchAtLogin);

    int unit = 0;
    for (int i = int(std::size(kSecondsPerUnit)) - 1; i >= 0; --i) {
        if (loaded.intervalS % kSecondsPerUnit[i] == 0) {
            unit = i;
            break;
        }
    }
    m_intervalUnit->setCurrentIndex(unit);
    m_interval->setValue(loaded.intervalS / kSecondsPerUnit[unit]);
    m_concurrency->setValue(loaded.maxConcurrent);

    SettingsRepository settings(m_session.db());
    auto alerts = AlertSettings::load(settings);
    m_alertsLoaded = alerts.has_value();
    loaded.alerts = alerts.value_or(AlertSettings{});
    m_failingAfter->setValue(int(std::lround(loaded.alerts.failingAfterS / 60.0)));
    m_forecastDays->setValue(loaded.alerts.forecastDays);
    m_spikeFactor->setValue(loaded.alerts.spikeFactor);
    m_shownFailingMinutes = m_failingAfter->value();
    m_shownForecastDays = m_forecastDays->value();
    m_shownSpikeFactor = m_spikeFactor->value();
    for (QWidget *field : std::initializer_list<QWidget *>{m_failingAfter, m_forecastDays, m_spikeFactor})
        field->setEnabled(m_alertsLoaded);
    setStatus(m_alertsStatus,
              m_alertsLoaded ? QString()
                             : tr("The alert settings cannot be read: %1").arg(alerts.error().message),
              true, palette());

    m_currency->setCurrentText(loaded.displayCurrency);
    m_rates->setRowCount(0);
    for (auto it = loaded.rates.cbegin(); it != loaded.rates.cend(); ++it)
        addRate(it.key(), QString::number(it.value(), 'g', 12));

    // The database page: the preference when there is one, else the database in use.
    const QString stored = Preferences::databaseUrl();
    auto parsed = stored.isEmpty() ? Result<DatabaseUrl>(m_session.db().url()) : DatabaseUrl::parse(stored);
    const DatabaseUrl current = parsed.value_or(m_session.db().url());
    if (current.backend == DatabaseUrl::Backend::Postgres) {
        m_postgres->setChecked(true);
        m_shownPostgresUrl = current.redacted();
        m_postgresSource = parsed && !stored.isEmpty() ? stored.trimmed() : postgresUrlText(current);
        m_postgresUrl->setText(m_shownPostgresUrl);
        m_sqlitePath->setText(QDir::toNativeSeparators(DatabaseUrl::defaultLocation().path));
    } else {
        m_sqlite->setChecked(true);
        m_sqlitePath->setText(QDir::toNativeSeparators(current.path));
    }
    updateDatabaseFields();
    // What the page says before any edit; only a different answer is written on apply.
    loaded.databaseUrl = databaseUrlFromFields().value_or(QString());

    m_restEnabled->setChecked(loaded.restEnabled);
    m_restAddress->setText(loaded.restAddress);
    m_restPort->setValue(loaded.restPort);
}

void SettingsDialog::addRate(const QString &currency, const QString &rate)
{
    const int row = m_rates->rowCount();
    m_rates->insertRow(row);
    m_rates->setItem(row, 0, new QTableWidgetItem(currency));
    auto *rateItem = new QTableWidgetItem(rate);
    rateItem->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_rates->setItem(row, 1, rateItem);
}

std::optional<SettingsDialog::Invalid> SettingsDialog::readFields(Fields &out) const
{
    out = m_loaded;
    out.language = m_language->currentData().toString();
    out.startMinimized = m_startMinimized->isChecked();
    out.closeToTray = m_closeToTray->isChecked();
    out.launchAtLogin = m_launchAtLogin->isChecked();

    const qint64 interval = qint64(m_interval->value()) * m_intervalUnit->currentData().toInt();
    if (interval < ApiKey::kMinIntervalS || interval > ApiKey::kMaxIntervalS)
        return Invalid{ChecksPage, m_interval,
                       tr("The default check interval must be from 10 seconds to 24 hours.")};
    out.intervalS = int(interval);
    out.maxConcurrent = m_concurrency->value();

    // Unchanged fields keep the stored values exactly, whatever the spin boxes rounded.
    if (m_failingAfter->value() != m_shownFailingMinutes)
        out.alerts.failingAfterS = m_failingAfter->value() * 60;
    if (m_forecastDays->value() != m_shownForecastDays)
        out.alerts.forecastDays = m_forecastDays->value();
    if (m_spikeFactor->value() != m_shownSpikeFactor)
        out.alerts.spikeFactor = m_spikeFactor->value();

    out.displayCurrency = m_currency->currentText().trimmed().toUpper();
    if (!out.displayCurrency.isEmpty() && !isCurrencyCode(out.displayCurrency))
        return Invalid{DisplayPage, m_currency,
                       tr("The display currency must be a three-letter code such as USD, or empty.")};
    out.rates.clear();
    for (int row = 0; row < m_rates->rowCount(); ++row) {
        const QTableWidgetItem *currencyItem = m_rates->item(row, 0);
        const QTableWidgetItem *rateItem = m_rates->item(row, 1);
        const QString currency = currencyItem ? currencyItem->text().trimmed().toUpper() : QString();
        const QString rateText = rateItem ? rateItem->text().trimmed() : QString();
        if (currency.isEmpty() && rateText.isEmpty())
            continue; // an added row left blank
        if (!isCurrencyCode(currency))
            return Invalid{DisplayPage, m_rates,
                           tr("Row %1 of the exchange rates: “%2” is not a three-letter currency code.")
                               .arg(row + 1)
                               .arg(currency)};
        const std::optional<double> rate = parseRate(rateText);
        if (!rate)
            return Invalid{DisplayPage, m_rates,
                           tr("Row %1 of the exchange rates: the rate for %2 must be a number above 0, "
                              "not “%3”.")
                               .arg(row + 1)
                               .arg(currency, rateText)};
        if (out.rates.contains(currency))
            return Invalid{
                DisplayPage, m_rates,
                tr("Row %1 of the exchange rates: %2 is listed twice.").arg(row + 1).arg(currency)};
        out.rates.insert(currency, *rate);
    }

    auto url = databaseUrlFromFields();
    if (!url)
        return Invalid{DatabasePage, m_sqlite->isChecked() ? m_sqlitePath : m_postgresUrl,
                       url.error().message};
    out.databaseUrl = *url;

    out.restEnabled = m_restEnabled->isChecked();
    out.restAddress = m_restAddress->text().trimmed();
    if (QHostAddress address;
        out.restAddress != QLatin1String("localhost") && !address.setAddress(out.restAddress))
        return Invalid{RestPage, m_restAddress,
                       tr("The REST API address must be an IP address such as 127.0.0.1, or localhost.")};
    out.restPort = m_restPort->value();
    return std::nullopt;
}

bool SettingsDialog::apply()
{
    Fields next;
    if (const auto invalid = readFields(next)) {
        showPage(invalid->page);
        invalid->field->setFocus();
        showError(invalid->message);
        return false;
    }

    // The writes that can fail go first, so a failure leaves the rest as it was.
    if (next.launchAtLogin != m_loaded.launchAtLogin) {
        if (auto changed = LaunchAtLogin::setEnabled(next.launchAtLogin); !changed) {
            showPage(GeneralPage);
            showError(tr("Starting at login could not be changed: %1").arg(changed.error().message));
            return false;
        }
        m_loaded.launchAtLogin = next.launchAtLogin;
    }
    if (m_alertsLoaded && !sameAlertSettings(next.alerts, m_loaded.alerts)) {
        SettingsRepository settings(m_session.db());
        if (auto saved = next.alerts.save(settings); !saved) {
            showPage(AlertsPage);
            showError(tr("The alert settings could not be saved: %1").arg(saved.error().message));
            return false;
        }
        m_loaded.alerts = next.alerts;
        m_shownFailingMinutes = m_failingAfter->value();
        m_shownForecastDays = m_forecastDays->value();
        m_shownSpikeFactor = m_spikeFactor->value();
        m_session.engine().reload();
    }

    if (next.startMinimized != m_loaded.startMinimized)
        Preferences::setStartMinimized(next.startMinimized);
    if (next.closeToTray != m_loaded.closeToTray)
        Preferences::setCloseToTray(next.closeToTray);
    if (next.intervalS != m_loaded.intervalS)
        Preferences::setDefaultIntervalS(next.intervalS);
    if (next.maxConcurrent != m_loaded.maxConcurrent) {
        Preferences::setMaxConcurrent(next.maxConcurrent);
        HttpClientLimits limits = m_session.engine().http().limits();
        limits.maxConcurrent = next.maxConcurrent;
        m_session.engine().setLimits(limits);
    }
    if (next.displayCurrency != m_loaded.displayCurrency)
        Preferences::setDisplayCurrency(next.displayCurrency);
    if (next.rates != m_loaded.rates)
        Preferences::setExchangeRates(next.rates);
    const bool databaseChanged = next.databaseUrl != m_loaded.databaseUrl;
    if (databaseChanged) {
        Preferences::setDatabaseUrl(next.databaseUrl);
        m_restartNote->show();
    }
    if (next.restEnabled != m_loaded.restEnabled)
        Preferences::setRestEnabled(next.restEnabled);
    if (next.restAddress != m_loaded.restAddress)
        Preferences::setRestAddress(next.restAddress);
    if (next.restPort != m_loaded.restPort)
        Preferences::setRestPort(next.restPort);
    const bool languageSwitched = next.language != m_loaded.language;
    if (languageSwitched)
        Preferences::setLanguage(next.language);

    m_loaded = next;
    showError(QString());
    if (databaseChanged)
        emit databaseChangedForNextStart(next.databaseUrl);
    if (languageSwitched)
        emit languageChanged(next.language);
    return true;
}

void SettingsDialog::accept()
{
    if (apply())
        QDialog::accept();
}

void SettingsDialog::showError(const QString &message)
{
    setStatus(m_error, message, true, palette());
}

// Channels.

void SettingsDialog::reloadChannels()
{
    const qint64 selected = selectedChannelId();
    m_reloadingChannels = true;
    m_channels->clear();
    auto channels = ChannelRepository(m_session.db()).list();
    if (!channels) {
        showChannelStatus(tr("The channels cannot be read: %1").arg(channels.error().message), true);
        m_reloadingChannels = false;
        updateChannelButtons();
        return;
    }
    const QStringList kindNames = {tr("E-mail"),   tr("Webhook"),       tr("Slack"),    tr("Discord"),
                                   tr("Telegram"), tr("Feishu / Lark"), tr("DingTalk"), tr("WeCom")};
    const QMap<QString, QString> eventNames = {
        {toString(AlertKind::LowBalance), tr("low balance")},
        {toString(AlertKind::KeyFailing), tr("key failing")},
        {toString(AlertKind::Recovered), tr("recovered")},
        {toString(AlertKind::TopUp), tr("top-up")},
        {toString(AlertKind::ForecastEmpty), tr("running dry soon")},
        {toString(AlertKind::SpendSpike), tr("spending spike")},
    };
    for (const Channel &channel : *channels) {
        QStringList events;
        const QJsonArray array = channel.settings.value(QLatin1String("events")).toArray();
        for (const QJsonValue &event : array)
            events << eventNames.value(event.toString(), event.toString());
        auto *item = new QTreeWidgetItem(m_channels);
        item->setText(0, channel.name);
        item->setText(1, kindNames.value(int(channel.kind)));
        item->setText(2, ChannelConfig::summary(channel));
        item->setText(3, events.isEmpty() ? tr("all") : events.join(tr(", ")));
        item->setData(0, Qt::UserRole, channel.id);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(0, channel.enabled ? Qt::Checked : Qt::Unchecked);
        item->setToolTip(0, tr("Ticked: alerts are sent through this channel."));
        if (channel.id == selected)
            m_channels->setCurrentItem(item);
    }
    for (int column = 0; column < 3; ++column)
        m_channels->resizeColumnToContents(column);
    m_reloadingChannels = false;
    updateChannelButtons();
}

qint64 SettingsDialog::selectedChannelId() const
{
    const QList<QTreeWidgetItem *> items = m_channels->selectedItems();
    return items.isEmpty() ? 0 : items.constFirst()->data(0, Qt::UserRole).toLongLong();
}

void SettingsDialog::updateChannelButtons()
{
    const bool selected = selectedChannelId() != 0;
    m_editChannel->setEnabled(selected);
    m_testChannel->setEnabled(selected && !m_channelTestRunning);
    m_removeChannel->setEnabled(selected);
}

void SettingsDialog::addChannel()
{
    auto *editor = new ChannelEditorDialog(m_session, 0, this);
    connect(editor, &QDialog::finished, editor, &QObject::deleteLater);
    connect(editor, &ChannelEditorDialog::channelSaved, this, [this](qint64 id) {
        reloadChannels();
        for (int i = 0; i < m_channels->topLevelItemCount(); ++i) {
            if (m_channels->topLevelItem(i)->data(0, Qt::UserRole).toLongLong() == id)
                m_channels->setCurrentItem(m_channels->topLevelItem(i));
        }
        emit channelsChanged();
    });
    editor->open();
}

void SettingsDialog::editChannel()
{
    const qint64 id = selectedChannelId();
    if (id == 0)
        return;
    auto *editor = new ChannelEditorDialog(m_session, id, this);
    connect(editor, &QDialog::finished, editor, &QObject::deleteLater);
    connect(editor, &ChannelEditorDialog::channelSaved, this, [this] {
        reloadChannels();
        emit channelsChanged();
    });
    editor->open();
}

void SettingsDialog::testChannel()
{
    const qint64 id = selectedChannelId();
    if (id == 0 || m_channelTestRunning)
        return;
    auto found = ChannelRepository(m_session.db()).find(id);
    if (!found || !*found) {
        const QString message = found ? tr("This channel no longer exists.")
                                      : tr("The channel cannot be read: %1").arg(found.error().message);
        showChannelStatus(message, true);
        emit channelTestFinished(false, message);
        return;
    }
    const Channel channel = **found;
    AlertNotice notice;
    notice.alert.kind = AlertKind::Test;
    notice.alert.createdAt = m_session.clock().nowUtc();
    notice.keyName = QStringLiteral("QuotaWatch");
    notice.platform = QStringLiteral("test");
    AlertMessages::test(notice.alert, channel.name);

    m_channelTestRunning = true;
    updateChannelButtons();
    showChannelStatus(tr("Sending a test message through “%1”…").arg(channel.name), false);
    m_sender.send(channel, notice, notice.alert.createdAt, [this, name = channel.name](Result<void> result) {
        m_channelTestRunning = false;
        updateChannelButtons();
        const QString message =
            result ? tr("A test message was sent through “%1”. Check that it arrived.").arg(name)
                   : tr("The test message through “%1” was not sent: %2").arg(name, result.error().message);
        showChannelStatus(message, !result);
        emit channelTestFinished(result.has_value(), message);
    });
}

void SettingsDialog::removeChannel()
{
    const QList<QTreeWidgetItem *> items = m_channels->selectedItems();
    if (items.isEmpty())
        return;
    const qint64 id = items.constFirst()->data(0, Qt::UserRole).toLongLong();
    const QString name = items.constFirst()->text(0);
    auto *box = new QMessageBox(QMessageBox::Question, tr("Remove Channel"),
                                tr("Remove the channel “%1”? Alerts waiting to be sent through it are "
                                   "dropped.")
                                    .arg(name),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("removeChannelQuestion"));
    box->button(QMessageBox::Yes)->setText(tr("&Remove"));
    box->button(QMessageBox::Cancel)->setText(tr("Cancel"));
    box->setDefaultButton(QMessageBox::Cancel);
    // Not WA_DeleteOnClose: Qt 6.4's QMessageBox only hides itself when a button is clicked.
    connect(box, &QMessageBox::finished, box, &QObject::deleteLater);
    connect(box, &QMessageBox::finished, this, [this, id, name](int result) {
        if (result != QMessageBox::Yes)
            return;
        auto removed = ChannelRepository(m_session.db()).remove(id);
        if (!removed) {
            showChannelStatus(tr("“%1” could not be removed: %2").arg(name, removed.error().message), true);
            return;
        }
        showChannelStatus(tr("Removed “%1”.").arg(name), false);
        reloadChannels();
        emit channelsChanged();
    });
    box->open();
}

void SettingsDialog::channelItemChanged(QTreeWidgetItem *item, int column)
{
    if (m_reloadingChannels || column != 0)
        return;
    const qint64 id = item->data(0, Qt::UserRole).toLongLong();
    const bool enabled = item->checkState(0) == Qt::Checked;
    if (auto changed = ChannelRepository(m_session.db()).setEnabled(id, enabled); !changed) {
        showChannelStatus(tr("“%1” could not be switched: %2").arg(item->text(0), changed.error().message),
                          true);
        m_reloadingChannels = true;
        item->setCheckState(0, enabled ? Qt::Unchecked : Qt::Checked);
        m_reloadingChannels = false;
        return;
    }
    showChannelStatus(enabled
                          ? tr("“%1” sends alerts again.").arg(item->text(0))
                          : tr("“%1” is paused: it sends no alerts until ticked again.").arg(item->text(0)),
                      false);
    emit channelsChanged();
}

void SettingsDialog::showChannelStatus(const QString &text, bool error)
{
    setStatus(m_channelStatus, text, error, palette());
}

// Database.

void SettingsDialog::updateDatabaseFields()
{
    const bool sqlite = m_sqlite->isChecked();
    m_sqlitePath->setEnabled(sqlite);
    m_sqliteBrowse->setEnabled(sqlite);
    m_postgresUrl->setEnabled(!sqlite);
}

Result<QString> SettingsDialog::databaseUrlFromFields() const
{
    if (m_sqlite->isChecked()) {
        const QString path = m_sqlitePath->text().trimmed();
        if (path.isEmpty())
            return fail(ErrorCode::InvalidInput, tr("Enter the path of the SQLite database file."));
        const QFileInfo file(QDir::fromNativeSeparators(path));
        if (file.isDir())
            return fail(ErrorCode::InvalidInput,
                        tr("%1 is a folder; enter the path of a database file in it.").arg(path));
        return kSqliteScheme + file.absoluteFilePath();
    }
    QString text = m_postgresUrl->text().trimmed();
    if (!m_shownPostgresUrl.isEmpty() && text == m_shownPostgresUrl)
        text = m_postgresSource; // left as shown: the stored URL, password included
    if (text.isEmpty())
        return fail(ErrorCode::InvalidInput,
                    tr("Enter the PostgreSQL URL, e.g. postgresql://user:password@host:5432/quotawatch."));
    auto parsed = DatabaseUrl::parse(text);
    if (!parsed || parsed->backend != DatabaseUrl::Backend::Postgres)
        return fail(ErrorCode::InvalidInput,
                    tr("This is not a PostgreSQL URL; it should look like "
                       "postgresql://user:password@host:5432/quotawatch.") +
                        (parsed ? QString() : u' ' + tr("(%1)").arg(parsed.error().message)));
    return text;
}

void SettingsDialog::testConnection()
{
    if (m_connectionTestRunning)
        return;
    auto text = databaseUrlFromFields();
    if (!text) {
        showConnectionStatus(text.error().message, true);
        emit connectionTested(false, text.error().message);
        return;
    }
    auto url = DatabaseUrl::parse(*text);
    if (!url) {
        const QString message = tr("This database cannot be used: %1").arg(url.error().message);
        showConnectionStatus(message, true);
        emit connectionTested(false, message);
        return;
    }

    m_connectionTestRunning = true;
    m_testConnection->setEnabled(false);
    showConnectionStatus(tr("Connecting to %1…").arg(url->redacted()), false);
    // Opening may wait for a server (up to its connect timeout): on a thread of its own, with a
    // connection name of its own, opened and closed there.
    auto outcome = std::make_shared<Result<void>>();
    const QString connectionName =
        QStringLiteral("settings-test-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QThread *thread = QThread::create([target = *url, connectionName, outcome] {
        auto db = Database::open(target, connectionName);
        if (!db)
            *outcome = tl::unexpected(db.error());
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    connect(thread, &QThread::finished, this, [this, outcome, shown = url->redacted()] {
        m_connectionTestRunning = false;
        m_testConnection->setEnabled(true);
        const QString message = *outcome
                                    ? tr("Connected to %1. QuotaWatch can use this database.").arg(shown)
                                    : tr("This database cannot be used: %1").arg(outcome->error().message);
        showConnectionStatus(message, !*outcome);
        emit connectionTested(outcome->has_value(), message);
    });
    thread->start();
}

void SettingsDialog::showConnectionStatus(const QString &text, bool error)
{
    setStatus(m_connectionStatus, text, error, palette());
}

} // namespace qw::ui
