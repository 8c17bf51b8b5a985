// Settings, "Alerts": the alert rules every QuotaWatch using the database follows (when a failing
// key is reported, how early a running-dry warning comes, what counts as a spending spike).
#pragma once

#include "core/alerts/alertsettings.h"
#include "ui/dialogs/settings/settingspage.h"

class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QSpinBox;

namespace qw {
class Session;
}

namespace qw::ui {} // namespace qw::ui

namespace qw::ui::settings {

class AlertsPage final : public SettingsPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlertsPage)

public:
    explicit AlertsPage(Session &session, QWidget *parent = nullptr);
    ~AlertsPage() override;

    [[nodiscard]] QString title() const override;
    [[nodiscard]] Result<void> saveShared() override;

protected:
    void retranslateUi() override;

private:
    void load();
    void rememberShown();
    [[nodiscard]] AlertSettings read() const;

    // The only places that reach the stored alert settings.
    [[nodiscard]] Result<AlertSettings> readStored() const;
    [[nodiscard]] Result<void> store(const AlertSettings &next);

    Session &m_session;
    AlertSettings m_saved;
    bool m_loaded = false;
    // What the fields showed after loading (spin boxes round): unchanged fields keep the exact
    // stored values.
    int m_shownFailingMinutes = 0;
    double m_shownForecastDays = 0;
    double m_shownSpikeFactor = 0;

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
};

} // namespace qw::ui::settings
