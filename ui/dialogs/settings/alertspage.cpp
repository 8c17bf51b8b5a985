#include "ui/dialogs/settings/alertspage.h"

#include "core/session/session.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>
#include <cmath>

namespace qw::ui::settings {

namespace {

constexpr int kMaxFailingAfterMinutes = int(AlertSettings::kFailingAfterRange.max / 60);

bool sameAlertSettings(const AlertSettings &a, const AlertSettings &b)
{
    return a.failingAfterS == b.failingAfterS && a.forecastDays == b.forecastDays &&
           a.spikeFactor == b.spikeFactor;
}

} // namespace

AlertsPage::AlertsPage(Session &session, QWidget *parent)
    : SettingsPage(parent)
    , m_session(session)
{
    auto *layout = new QVBoxLayout(this);
    m_alertsBox = new QGroupBox(this);
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
    m_forecastDays->setRange(AlertSettings::kForecastDaysRange.min, AlertSettings::kForecastDaysRange.max);
    m_forecastDays->setDecimals(1);
    m_forecastDays->setSingleStep(0.5);
    m_forecastDaysLabel = new QLabel(m_alertsBox);
    m_forecastDaysLabel->setBuddy(m_forecastDays);
    form->addRow(m_forecastDaysLabel, m_forecastDays);
    m_forecastDaysHint = hintLabel(m_alertsBox);
    form->addRow(m_forecastDaysHint);

    m_spikeFactor = new QDoubleSpinBox(m_alertsBox);
    m_spikeFactor->setObjectName(QStringLiteral("spikeFactor"));
    m_spikeFactor->setRange(AlertSettings::kSpikeFactorRange.min, AlertSettings::kSpikeFactorRange.max);
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

    retranslateUi();
    load();
}

AlertsPage::~AlertsPage() = default;

QString AlertsPage::title() const
{
    return tr("Alerts");
}

void AlertsPage::retranslateUi()
{
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
}

void AlertsPage::load()
{
    auto alerts = readStored();
    m_loaded = alerts.has_value();
    m_saved = alerts.value_or(AlertSettings{});
    m_failingAfter->setValue(int(std::lround(m_saved.failingAfterS / 60.0)));
    m_forecastDays->setValue(m_saved.forecastDays);
    m_spikeFactor->setValue(m_saved.spikeFactor);
    rememberShown();
    for (QWidget *field : std::initializer_list<QWidget *>{m_failingAfter, m_forecastDays, m_spikeFactor})
        field->setEnabled(m_loaded);
    showStatus(m_alertsStatus,
               m_loaded ? QString() : tr("The alert settings cannot be read: %1").arg(alerts.error().message),
               true);
}

void AlertsPage::rememberShown()
{
    m_shownFailingMinutes = m_failingAfter->value();
    m_shownForecastDays = m_forecastDays->value();
    m_shownSpikeFactor = m_spikeFactor->value();
}

AlertSettings AlertsPage::read() const
{
    // Unchanged fields keep the stored values exactly, whatever the spin boxes rounded.
    AlertSettings next = m_saved;
    if (m_failingAfter->value() != m_shownFailingMinutes)
        next.failingAfterS = m_failingAfter->value() * 60;
    if (m_forecastDays->value() != m_shownForecastDays)
        next.forecastDays = m_forecastDays->value();
    if (m_spikeFactor->value() != m_shownSpikeFactor)
        next.spikeFactor = m_spikeFactor->value();
    return next;
}

Result<void> AlertsPage::saveShared()
{
    const AlertSettings next = read();
    if (!m_loaded || sameAlertSettings(next, m_saved))
        return {};
    if (auto saved = store(next); !saved)
        return fail(saved.error().code,
                    tr("The alert settings could not be saved: %1").arg(saved.error().message));
    m_saved = next;
    rememberShown();
    return {};
}

Result<AlertSettings> AlertsPage::readStored() const
{
    return m_session.alerts().settings();
}

Result<void> AlertsPage::store(const AlertSettings &next)
{
    return m_session.alerts().saveSettings(next);
}

} // namespace qw::ui::settings
