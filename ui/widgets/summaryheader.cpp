#include "ui/widgets/summaryheader.h"

#include "ui/preferences.h"
#include "ui/unitnames.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>

namespace qw::ui {

namespace {

QString money(double amount, const QString &unit)
{
    const QLocale locale;
    if (unit == QLatin1String("percent"))
        return locale.toString(amount, 'f', 0) + u'%';
    // Money to the cent; counted things (characters, tokens, credits) whole.
    const bool isCurrency = unit.size() == 3 && unit == unit.toUpper();
    return locale.toString(amount, 'f', isCurrency ? 2 : 0) + u' ' + UnitNames::display(unit);
}

QLabel *figureLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextFormat(Qt::RichText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

SummaryHeader::SummaryHeader(QWidget *parent)
    : QWidget(parent)
    , m_totals(figureLabel(this))
    , m_converted(figureLabel(this))
    , m_counts(figureLabel(this))
    , m_next(figureLabel(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(24);
    m_totals->setWordWrap(true);
    layout->addWidget(m_totals, 3);
    layout->addWidget(m_converted, 2);
    layout->addWidget(m_counts, 2);
    layout->addWidget(m_next, 2);
    QFont bigger = font();
    bigger.setPointSizeF(bigger.pointSizeF() * 1.15);
    m_totals->setFont(bigger);
    render();
}

QString SummaryHeader::keyCount(int count)
{
    return count == 1 ? tr("1 key") : tr("%1 keys").arg(count);
}

void SummaryHeader::setFigures(const HeaderFigures &figures)
{
    m_figures = figures;
    render();
}

QString SummaryHeader::totalsText() const
{
    return m_totals->text();
}

QString SummaryHeader::convertedText() const
{
    return m_converted->text();
}

QString SummaryHeader::countsText() const
{
    return m_counts->text();
}

QString SummaryHeader::nextCheckText() const
{
    return m_next->text();
}

void SummaryHeader::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        render();
    QWidget::changeEvent(event);
}

void SummaryHeader::render()
{
    // Totals per currency: different currencies are never added up here.
    QStringList parts;
    for (auto it = m_figures.perUnit.cbegin(); it != m_figures.perUnit.cend(); ++it)
        parts << QStringLiteral("<b>%1</b>").arg(money(it.value(), it.key()).toHtmlEscaped());
    m_totals->setText(parts.isEmpty() ? tr("No balances yet") : parts.join(QStringLiteral(" · ")));

    // One total in the display currency, with the user's own rates; units without a rate are
    // named instead of guessed.
    const QString display = Preferences::displayCurrency();
    if (display.isEmpty()) {
        m_converted->setText(tr("Set a display currency in Settings for one total"));
    } else {
        double sum = 0;
        QStringList missing;
        for (auto it = m_figures.perUnit.cbegin(); it != m_figures.perUnit.cend(); ++it) {
            if (const auto converted = Preferences::toDisplayCurrency(it.value(), it.key()))
                sum += *converted;
            else if (it.key() != QLatin1String("percent") && it.key() != QLatin1String("tokens") &&
                     it.key() != QLatin1String("characters") && it.key() != QLatin1String("credits"))
                missing << it.key();
        }
        QString text = tr("≈ <b>%1</b> in total").arg(money(sum, display).toHtmlEscaped());
        if (!missing.isEmpty())
            text += QStringLiteral("<br><small>") +
                    tr("no rate for %1").arg(missing.join(QStringLiteral(", ")).toHtmlEscaped()) +
                    QStringLiteral("</small>");
        m_converted->setText(text);
    }

    QStringList counts{keyCount(m_figures.total)};
    if (m_figures.low > 0)
        counts << QStringLiteral("<span style=\"color:#c98a00\">%1</span>")
                      .arg(tr("%1 running low").arg(m_figures.low));
    if (m_figures.failing > 0)
        counts << QStringLiteral("<span style=\"color:#d03b3b\">%1</span>")
                      .arg(tr("%1 failing").arg(m_figures.failing));
    if (m_figures.paused > 0)
        counts << tr("%1 paused").arg(m_figures.paused);
    m_counts->setText(counts.join(QStringLiteral(" · ")));

    if (!m_figures.polling)
        m_next->setText(tr("Checks paused"));
    else if (!m_figures.nextCheck.isValid())
        m_next->setText(tr("No check planned"));
    else
        m_next->setText(
            tr("Next check at %1")
                .arg(QLocale().toString(m_figures.nextCheck.toLocalTime().time(), QLocale::ShortFormat)));
}

} // namespace qw::ui
