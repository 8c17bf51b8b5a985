#include "ui/dialogs/settings/checkspage.h"

#include "core/model/apikey.h"
#include "core/poll/httpclient.h"
#include "core/session/configuration.h"
#include "core/session/session.h"
#include "ui/preferences.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>
#include <iterator>

namespace qw::ui::settings {

namespace {

constexpr int kSecondsPerUnit[] = {1, 60, 3600};

} // namespace

ChecksPage::ChecksPage(Session &session, QWidget *parent)
    : SettingsPage(parent)
    , m_session(session)
{
    auto *layout = new QVBoxLayout(this);
    m_checksBox = new QGroupBox(this);
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
    m_concurrency->setRange(Configuration::kMinChecksInFlight, Configuration::kMaxChecksInFlight);
    m_concurrencyLabel = new QLabel(m_checksBox);
    m_concurrencyLabel->setBuddy(m_concurrency);
    form->addRow(m_concurrencyLabel, m_concurrency);
    m_concurrencyHint = hintLabel(m_checksBox);
    form->addRow(m_concurrencyHint);

    layout->addWidget(m_checksBox);
    layout->addStretch(1);

    retranslateUi();
    load();
}

ChecksPage::~ChecksPage() = default;

QString ChecksPage::title() const
{
    return tr("Checks");
}

void ChecksPage::retranslateUi()
{
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
}

void ChecksPage::load()
{
    m_savedIntervalS = Preferences::defaultIntervalS();
    m_savedMaxConcurrent = Preferences::maxConcurrent();
    int unit = 0;
    for (int i = int(std::size(kSecondsPerUnit)) - 1; i >= 0; --i) {
        if (m_savedIntervalS % kSecondsPerUnit[i] == 0) {
            unit = i;
            break;
        }
    }
    m_intervalUnit->setCurrentIndex(unit);
    m_interval->setValue(m_savedIntervalS / kSecondsPerUnit[unit]);
    m_concurrency->setValue(m_savedMaxConcurrent);
}

qint64 ChecksPage::intervalS() const
{
    return qint64(m_interval->value()) * m_intervalUnit->currentData().toInt();
}

std::optional<SettingsPage::Invalid> ChecksPage::check() const
{
    const qint64 interval = intervalS();
    if (interval < ApiKey::kMinIntervalS || interval > ApiKey::kMaxIntervalS)
        return Invalid{m_interval, tr("The default check interval must be from 10 seconds to 24 hours.")};
    return std::nullopt;
}

void ChecksPage::savePreferences()
{
    const int interval = int(intervalS());
    if (interval != m_savedIntervalS)
        Preferences::setDefaultIntervalS(interval);
    const int maxConcurrent = m_concurrency->value();
    if (maxConcurrent != m_savedMaxConcurrent) {
        Preferences::setMaxConcurrent(maxConcurrent);
        HttpClientLimits limits = m_session.engine().http().limits();
        limits.maxConcurrent = maxConcurrent;
        m_session.engine().setLimits(limits);
    }
    m_savedIntervalS = interval;
    m_savedMaxConcurrent = maxConcurrent;
}

} // namespace qw::ui::settings
