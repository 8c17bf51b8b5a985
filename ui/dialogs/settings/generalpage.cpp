#include "ui/dialogs/settings/generalpage.h"

#include "ui/launchatlogin.h"
#include "ui/preferences.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QVBoxLayout>
#include <algorithm>

namespace qw::ui::settings {

GeneralPage::GeneralPage(QWidget *parent)
    : SettingsPage(parent)
{
    auto *layout = new QVBoxLayout(this);

    m_appearanceBox = new QGroupBox(this);
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

    m_startupBox = new QGroupBox(this);
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

    retranslateUi();
    load();
}

GeneralPage::~GeneralPage() = default;

QString GeneralPage::title() const
{
    return tr("General");
}

void GeneralPage::retranslateUi()
{
    m_appearanceBox->setTitle(tr("Language"));
    m_languageLabel->setText(tr("&Language:"));
    m_language->setItemText(0, tr("System language"));
    m_languageHint->setText(tr("The new language is used as soon as you press OK or Apply."));
    m_startupBox->setTitle(tr("Start-up and tray"));
    m_startMinimized->setText(tr("Start &minimised to the tray"));
    m_closeToTray->setText(tr("&Closing the window keeps QuotaWatch running in the tray"));
    m_launchAtLogin->setText(tr("Start QuotaWatch when I log &in"));
}

void GeneralPage::load()
{
    m_saved.language = Preferences::language();
    m_saved.startMinimized = Preferences::startMinimized();
    m_saved.closeToTray = Preferences::closeToTray();
    m_saved.launchAtLogin = LaunchAtLogin::isEnabled();

    m_language->setCurrentIndex(std::max(0, m_language->findData(m_saved.language)));
    m_startMinimized->setChecked(m_saved.startMinimized);
    m_closeToTray->setChecked(m_saved.closeToTray);
    m_launchAtLogin->setChecked(m_saved.launchAtLogin);
}

GeneralPage::Values GeneralPage::read() const
{
    Values values;
    values.language = m_language->currentData().toString();
    values.startMinimized = m_startMinimized->isChecked();
    values.closeToTray = m_closeToTray->isChecked();
    values.launchAtLogin = m_launchAtLogin->isChecked();
    return values;
}

Result<void> GeneralPage::saveShared()
{
    const bool launchAtLogin = m_launchAtLogin->isChecked();
    if (launchAtLogin == m_saved.launchAtLogin)
        return {};
    if (auto changed = LaunchAtLogin::setEnabled(launchAtLogin); !changed)
        return fail(changed.error().code,
                    tr("Starting at login could not be changed: %1").arg(changed.error().message));
    m_saved.launchAtLogin = launchAtLogin;
    return {};
}

void GeneralPage::savePreferences()
{
    const Values next = read();
    if (next.startMinimized != m_saved.startMinimized)
        Preferences::setStartMinimized(next.startMinimized);
    if (next.closeToTray != m_saved.closeToTray)
        Preferences::setCloseToTray(next.closeToTray);
    if (next.language != m_saved.language)
        Preferences::setLanguage(next.language);
    m_saved = next;
}

} // namespace qw::ui::settings
