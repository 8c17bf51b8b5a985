// Settings, "REST API": whether the desktop serves the REST API, and on which address and port.
#pragma once

#include "ui/dialogs/settings/settingspage.h"

class QCheckBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace qw::ui::settings {

class RestPage final : public SettingsPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RestPage)

public:
    explicit RestPage(QWidget *parent = nullptr);
    ~RestPage() override;

    [[nodiscard]] QString title() const override;
    [[nodiscard]] std::optional<Invalid> check() const override;
    void savePreferences() override;

protected:
    void retranslateUi() override;

private:
    void load();

    bool m_savedEnabled = false;
    QString m_savedAddress;
    int m_savedPort = 0;

    QGroupBox *m_restBox = nullptr;
    QCheckBox *m_restEnabled = nullptr;
    QLabel *m_restAddressLabel = nullptr;
    QLineEdit *m_restAddress = nullptr;
    QLabel *m_restPortLabel = nullptr;
    QSpinBox *m_restPort = nullptr;
    QLabel *m_restHint = nullptr;
};

} // namespace qw::ui::settings
