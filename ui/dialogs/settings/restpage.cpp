#include "ui/dialogs/settings/restpage.h"

#include "ui/preferences.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

namespace qw::ui::settings {

RestPage::RestPage(QWidget *parent)
    : SettingsPage(parent)
{
    auto *layout = new QVBoxLayout(this);
    m_restBox = new QGroupBox(this);
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

    retranslateUi();
    load();
}

RestPage::~RestPage() = default;

QString RestPage::title() const
{
    return tr("REST API");
}

void RestPage::retranslateUi()
{
    m_restBox->setTitle(tr("REST API"));
    m_restEnabled->setText(tr("&Enable the REST API"));
    m_restAddressLabel->setText(tr("Listen a&ddress:"));
    m_restPortLabel->setText(tr("&Port:"));
    m_restHint->setText(tr("These settings are kept now and take effect once the desktop app serves the "
                           "REST API, as “quotawatch serve” does. An address other than 127.0.0.1 makes "
                           "the API reachable from other computers."));
}

void RestPage::load()
{
    m_savedEnabled = Preferences::restEnabled();
    m_savedAddress = Preferences::restAddress();
    m_savedPort = Preferences::restPort();
    m_restEnabled->setChecked(m_savedEnabled);
    m_restAddress->setText(m_savedAddress);
    m_restPort->setValue(m_savedPort);
}

std::optional<SettingsPage::Invalid> RestPage::check() const
{
    const QString address = m_restAddress->text().trimmed();
    if (QHostAddress parsed; address != QLatin1String("localhost") && !parsed.setAddress(address))
        return Invalid{m_restAddress,
                       tr("The REST API address must be an IP address such as 127.0.0.1, or localhost.")};
    return std::nullopt;
}

void RestPage::savePreferences()
{
    const bool enabled = m_restEnabled->isChecked();
    const QString address = m_restAddress->text().trimmed();
    const int port = m_restPort->value();
    if (enabled != m_savedEnabled)
        Preferences::setRestEnabled(enabled);
    if (address != m_savedAddress)
        Preferences::setRestAddress(address);
    if (port != m_savedPort)
        Preferences::setRestPort(port);
    m_savedEnabled = enabled;
    m_savedAddress = address;
    m_savedPort = port;
}

} // namespace qw::ui::settings
