// Settings, "Display": light or dark (or as the system), the currency totals are shown in, and
// the exchange rates the user gives for it (QuotaWatch never uses rates of its own).
#pragma once

#include "ui/dialogs/settings/settingspage.h"

#include <QMap>

class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace qw::ui::settings {

class DisplayPage final : public SettingsPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DisplayPage)

public:
    explicit DisplayPage(QWidget *parent = nullptr);
    ~DisplayPage() override;

    [[nodiscard]] QString title() const override;
    [[nodiscard]] std::optional<Invalid> check() const override;
    void savePreferences() override;

protected:
    void retranslateUi() override;

private:
    void load();
    void addRate(const QString &currency = {}, const QString &rate = {});
    // The fields' values into `currency` and `rates`, or what is wrong with the first invalid one.
    [[nodiscard]] std::optional<Invalid> read(QString &currency, QMap<QString, double> &rates) const;

    QString m_savedTheme;
    QString m_savedCurrency;
    QMap<QString, double> m_savedRates;

    QLabel *m_themeLabel = nullptr;
    QComboBox *m_theme = nullptr;
    QLabel *m_currencyLabel = nullptr;
    QComboBox *m_currency = nullptr;
    QLabel *m_ratesLabel = nullptr;
    QTableWidget *m_rates = nullptr;
    QPushButton *m_addRate = nullptr;
    QPushButton *m_removeRate = nullptr;
    QLabel *m_ratesHint = nullptr;
};

} // namespace qw::ui::settings
