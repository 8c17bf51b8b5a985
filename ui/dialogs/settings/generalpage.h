// Settings, "General": the language and how QuotaWatch starts and closes (tray, login).
#pragma once

#include "ui/dialogs/settings/settingspage.h"

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;

namespace qw::ui::settings {

class GeneralPage final : public SettingsPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GeneralPage)

public:
    explicit GeneralPage(QWidget *parent = nullptr);
    ~GeneralPage() override;

    [[nodiscard]] QString title() const override;
    [[nodiscard]] Result<void> saveShared() override;
    void savePreferences() override;

    // The language as saved (Preferences::language() form: "", "en", "zh_CN").
    [[nodiscard]] QString language() const { return m_saved.language; }

protected:
    void retranslateUi() override;

private:
    struct Values
    {
        QString language;
        bool startMinimized = false;
        bool closeToTray = true;
        bool launchAtLogin = false;
    };

    void load();
    [[nodiscard]] Values read() const;

    Values m_saved;

    QGroupBox *m_appearanceBox = nullptr;
    QLabel *m_languageLabel = nullptr;
    QComboBox *m_language = nullptr;
    QLabel *m_languageHint = nullptr;
    QGroupBox *m_startupBox = nullptr;
    QCheckBox *m_startMinimized = nullptr;
    QCheckBox *m_closeToTray = nullptr;
    QCheckBox *m_launchAtLogin = nullptr;
};

} // namespace qw::ui::settings
