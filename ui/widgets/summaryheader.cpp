#include "ui/widgets/summaryheader.h"

#include "ui/format/displayformat.h"
#include "ui/preferences.h"
#include "ui/widgets/statuspalette.h"

#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QResizeEvent>

namespace qw::ui {

namespace {

QLabel *figureLabel(QWidget *parent, const QString &name)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setTextFormat(Qt::RichText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QString colored(const QString &text, const QColor &color)
{
    return QStringLiteral("<span style=\"color:%1\">%2</span>").arg(color.name(), text.toHtmlEscaped());
}

} // namespace

SummaryHeader::SummaryHeader(QWidget *parent)
    : QWidget(parent)
    , m_totals(figureLabel(this, QStringLiteral("totals")))
    , m_converted(figureLabel(this, QStringLiteral("converted")))
    , m_counts(figureLabel(this, QStringLiteral("counts")))
    , m_next(figureLabel(this, QStringLiteral("nextCheck")))
{
    m_layout = new QGridLayout(this);
    m_layout->setContentsMargins(4, 4, 4, 4);
    m_layout->setHorizontalSpacing(24);
    m_layout->setVerticalSpacing(2);
    // Many currencies never push the totals onto a second line: the line is elided to the room
    // it has, and the tooltip lists every total exactly.
    m_totals->setTextFormat(Qt::PlainText);
    m_totals->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_totals->installEventFilter(this);
    // The other figures are short and take their own width; the totals get all the room left.
    // Where one line is too narrow for them (800 px, a large scale), they take a second line
    // (arrange()); none of them ever makes the window wider.
    for (QLabel *label : {m_converted, m_counts, m_next})
        label->setMinimumWidth(1);
    arrange(true);
    QFont bigger = font();
    bigger.setPointSizeF(bigger.pointSizeF() * 1.15);
    bigger.setBold(true);
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
    return m_totalsText;
}

QString SummaryHeader::shownTotalsText() const
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
    // The warning colours follow the palette (a switch to a dark theme, say).
    if (event->type() == QEvent::LanguageChange || event->type() == QEvent::PaletteChange)
        render();
    QWidget::changeEvent(event);
}

void SummaryHeader::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    arrange(false);
}

bool SummaryHeader::isTwoLines() const
{
    return m_twoLines;
}

void SummaryHeader::arrange(bool force)
{
    // One line when the figures fit beside a useful bit of the totals, else two.
    const int totals = std::min(m_totals->fontMetrics().horizontalAdvance(m_totalsText),
                                m_totals->fontMetrics().horizontalAdvance(QLatin1Char('0')) * 24);
    const int spacing = m_layout->horizontalSpacing();
    const QMargins margins = m_layout->contentsMargins();
    const int oneLine = margins.left() + margins.right() + totals + 3 * spacing +
                        m_converted->sizeHint().width() + m_counts->sizeHint().width() +
                        m_next->sizeHint().width();
    const bool twoLines = width() < oneLine;
    if (!force && twoLines == m_twoLines)
        return;
    m_twoLines = twoLines;
    for (QLabel *label : {m_totals, m_converted, m_counts, m_next})
        m_layout->removeWidget(label);
    for (int column = 0; column < 4; ++column)
        m_layout->setColumnStretch(column, 0);
    if (twoLines) {
        m_layout->addWidget(m_totals, 0, 0);
        m_layout->addWidget(m_counts, 0, 1, Qt::AlignRight);
        m_layout->addWidget(m_converted, 1, 0);
        m_layout->addWidget(m_next, 1, 1, Qt::AlignRight);
    } else {
        m_layout->addWidget(m_totals, 0, 0);
        m_layout->addWidget(m_converted, 0, 1);
        m_layout->addWidget(m_counts, 0, 2);
        m_layout->addWidget(m_next, 0, 3);
    }
    m_layout->setColumnStretch(0, 1);
}

bool SummaryHeader::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_totals && event->type() == QEvent::Resize)
        elideTotals();
    return QWidget::eventFilter(watched, event);
}

void SummaryHeader::elideTotals()
{
    const int room = m_totals->contentsRect().width();
    m_totals->setText(room > 0 ? m_totals->fontMetrics().elidedText(m_totalsText, Qt::ElideRight, room)
                               : m_totalsText);
}

void SummaryHeader::render()
{
    // Totals per currency: different currencies are never added up here.
    QStringList parts;
    QStringList exact;
    for (auto it = m_figures.perUnit.cbegin(); it != m_figures.perUnit.cend(); ++it) {
        parts << DisplayFormat::amount(it.value(), it.key());
        if (const auto sum = Amount::fromDouble(it.value()))
            exact << DisplayFormat::exactAmount(*sum, it.key());
    }
    m_totalsText = parts.isEmpty() ? tr("No balances yet") : parts.join(QStringLiteral(" · "));
    m_totals->setToolTip(DisplayFormat::literal(exact.join(u'\n')));
    elideTotals();

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
            else if (DisplayFormat::isMoney(it.key())) // counted things have no exchange rate
                missing << it.key();
        }
        QString text = tr("≈ <b>%1</b> in total").arg(DisplayFormat::amount(sum, display).toHtmlEscaped());
        // On the same line: the header keeps one line of text.
        if (!missing.isEmpty())
            text += QStringLiteral(" <small>(") +
                    tr("no rate for %1").arg(missing.join(QStringLiteral(", ")).toHtmlEscaped()) +
                    QStringLiteral(")</small>");
        m_converted->setText(text);
    }

    QStringList counts{keyCount(m_figures.total)};
    // Worst first, as the table sorts by status.
    if (m_figures.empty > 0)
        counts << colored(tr("%1 empty").arg(m_figures.empty), StatusPalette::error(palette()));
    if (m_figures.failing > 0)
        counts << colored(tr("%1 failing").arg(m_figures.failing), StatusPalette::error(palette()));
    if (m_figures.low > 0)
        counts << colored(tr("%1 running low").arg(m_figures.low), StatusPalette::warning(palette()));
    if (m_figures.paused > 0)
        counts << tr("%1 paused").arg(m_figures.paused);
    m_counts->setText(counts.join(QStringLiteral(" · ")));

    if (!m_figures.polling)
        m_next->setText(tr("Checks paused"));
    else if (!m_figures.nextCheck.isValid() && m_figures.checking)
        m_next->setText(tr("Checking now…"));
    else if (!m_figures.nextCheck.isValid())
        m_next->setText(tr("No check planned"));
    else
        m_next->setText(
            tr("Next check at %1")
                .arg(QLocale().toString(m_figures.nextCheck.toLocalTime().time(), QLocale::ShortFormat)));
    if (m_layout)
        arrange(false);
}

} // namespace qw::ui
