#include "ui/dialogs/settings/displaypage.h"

#include "ui/preferences.h"
#include "ui/theme.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QRegularExpressionValidator>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace qw::ui::settings {

namespace {

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

} // namespace

DisplayPage::DisplayPage(QWidget *parent)
    : SettingsPage(parent)
{
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    m_theme = new QComboBox(this);
    m_theme->setObjectName(QStringLiteral("theme"));
    for (Theme::Choice choice : {Theme::Choice::System, Theme::Choice::Light, Theme::Choice::Dark})
        m_theme->addItem(QString(), Theme::toSetting(choice));
    m_themeLabel = new QLabel(this);
    m_themeLabel->setBuddy(m_theme);
    form->addRow(m_themeLabel, m_theme);
    m_currency = new QComboBox(this);
    m_currency->setObjectName(QStringLiteral("displayCurrency"));
    m_currency->setEditable(true);
    m_currency->setInsertPolicy(QComboBox::NoInsert);
    for (const char *code : {"", "USD", "CNY", "EUR", "GBP", "JPY", "HKD", "SGD"})
        m_currency->addItem(QLatin1String(code));
    m_currency->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[A-Za-z]{0,3}")), m_currency));
    m_currencyLabel = new QLabel(this);
    m_currencyLabel->setBuddy(m_currency);
    form->addRow(m_currencyLabel, m_currency);
    layout->addLayout(form);

    m_ratesLabel = new QLabel(this);
    layout->addWidget(m_ratesLabel);
    auto *row = new QHBoxLayout;
    m_rates = new QTableWidget(0, 2, this);
    m_rates->setObjectName(QStringLiteral("exchangeRates"));
    m_rates->verticalHeader()->hide();
    m_rates->horizontalHeader()->setStretchLastSection(true);
    m_rates->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_ratesLabel->setBuddy(m_rates);
    row->addWidget(m_rates, 1);
    auto *buttons = new QVBoxLayout;
    m_addRate = new QPushButton(this);
    m_addRate->setObjectName(QStringLiteral("addRate"));
    m_removeRate = new QPushButton(this);
    m_removeRate->setObjectName(QStringLiteral("removeRate"));
    for (QPushButton *button : {m_addRate, m_removeRate}) {
        button->setAutoDefault(false);
        buttons->addWidget(button);
    }
    buttons->addStretch(1);
    row->addLayout(buttons);
    layout->addLayout(row, 1);
    m_ratesHint = hintLabel(this);
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

    retranslateUi();
    load();
}

DisplayPage::~DisplayPage() = default;

QString DisplayPage::title() const
{
    return tr("Display");
}

void DisplayPage::retranslateUi()
{
    m_themeLabel->setText(tr("&Appearance:"));
    m_theme->setItemText(0, tr("As the system"));
    m_theme->setItemText(1, tr("Light"));
    m_theme->setItemText(2, tr("Dark"));
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
}

void DisplayPage::load()
{
    m_savedTheme = Theme::toSetting(Theme::fromSetting(Preferences::theme()));
    m_theme->setCurrentIndex(std::max(0, m_theme->findData(m_savedTheme)));
    m_savedCurrency = Preferences::displayCurrency();
    m_savedRates = Preferences::exchangeRates();
    // The saved choice selected in the list (added when it is not one of the usual ones), so the
    // closed box and the open list both show it.
    int current = m_currency->findText(m_savedCurrency, Qt::MatchFixedString);
    if (current < 0) {
        m_currency->addItem(m_savedCurrency);
        current = m_currency->count() - 1;
    }
    m_currency->setCurrentIndex(current);
    m_rates->setRowCount(0);
    for (auto it = m_savedRates.cbegin(); it != m_savedRates.cend(); ++it)
        addRate(it.key(), QString::number(it.value(), 'g', 12));
}

void DisplayPage::addRate(const QString &currency, const QString &rate)
{
    const int row = m_rates->rowCount();
    m_rates->insertRow(row);
    m_rates->setItem(row, 0, new QTableWidgetItem(currency));
    auto *rateItem = new QTableWidgetItem(rate);
    rateItem->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_rates->setItem(row, 1, rateItem);
}

std::optional<SettingsPage::Invalid> DisplayPage::read(QString &currency, QMap<QString, double> &rates) const
{
    currency = m_currency->currentText().trimmed().toUpper();
    if (!currency.isEmpty() && !isCurrencyCode(currency))
        return Invalid{m_currency,
                       tr("The display currency must be a three-letter code such as USD, or empty.")};
    rates.clear();
    for (int row = 0; row < m_rates->rowCount(); ++row) {
        const QTableWidgetItem *currencyItem = m_rates->item(row, 0);
        const QTableWidgetItem *rateItem = m_rates->item(row, 1);
        const QString code = currencyItem ? currencyItem->text().trimmed().toUpper() : QString();
        const QString rateText = rateItem ? rateItem->text().trimmed() : QString();
        if (code.isEmpty() && rateText.isEmpty())
            continue; // an added row left blank
        if (!isCurrencyCode(code))
            return Invalid{m_rates,
                           tr("Row %1 of the exchange rates: “%2” is not a three-letter currency code.")
                               .arg(row + 1)
                               .arg(code)};
        const std::optional<double> rate = parseRate(rateText);
        if (!rate)
            return Invalid{m_rates,
                           tr("Row %1 of the exchange rates: the rate for %2 must be a number above 0, "
                              "not “%3”.")
                               .arg(row + 1)
                               .arg(code, rateText)};
        if (rates.contains(code))
            return Invalid{m_rates,
                           tr("Row %1 of the exchange rates: %2 is listed twice.").arg(row + 1).arg(code)};
        rates.insert(code, *rate);
    }
    return std::nullopt;
}

std::optional<SettingsPage::Invalid> DisplayPage::check() const
{
    QString currency;
    QMap<QString, double> rates;
    return read(currency, rates);
}

void DisplayPage::savePreferences()
{
    QString currency;
    QMap<QString, double> rates;
    if (read(currency, rates))
        return; // check() said so first
    const QString theme = m_theme->currentData().toString();
    if (theme != m_savedTheme) {
        Preferences::setTheme(theme);
        Theme::apply(Theme::fromSetting(theme));
    }
    m_savedTheme = theme;
    if (currency != m_savedCurrency)
        Preferences::setDisplayCurrency(currency);
    if (rates != m_savedRates)
        Preferences::setExchangeRates(rates);
    m_savedCurrency = currency;
    m_savedRates = rates;
}

} // namespace qw::ui::settings
