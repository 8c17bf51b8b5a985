// Settings, "Checks": the interval new keys start with and how many checks run at once.
#pragma once

#include "ui/dialogs/settings/settingspage.h"

class QComboBox;
class QGroupBox;
class QLabel;
class QSpinBox;

namespace qw {
class Session;
}

namespace qw::ui {} // namespace qw::ui

namespace qw::ui::settings {

class ChecksPage final : public SettingsPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChecksPage)

public:
    explicit ChecksPage(Session &session, QWidget *parent = nullptr);
    ~ChecksPage() override;

    [[nodiscard]] QString title() const override;
    [[nodiscard]] std::optional<Invalid> check() const override;
    void savePreferences() override;

protected:
    void retranslateUi() override;

private:
    void load();
    [[nodiscard]] qint64 intervalS() const;

    Session &m_session;
    int m_savedIntervalS = 0;
    int m_savedMaxConcurrent = 0;

    QGroupBox *m_checksBox = nullptr;
    QLabel *m_intervalLabel = nullptr;
    QSpinBox *m_interval = nullptr;
    QComboBox *m_intervalUnit = nullptr;
    QLabel *m_intervalHint = nullptr;
    QLabel *m_concurrencyLabel = nullptr;
    QSpinBox *m_concurrency = nullptr;
    QLabel *m_concurrencyHint = nullptr;
};

} // namespace qw::ui::settings
