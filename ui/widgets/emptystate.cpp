#include "ui/widgets/emptystate.h"

#include "ui/tray/appicon.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace qw::ui {

EmptyState::EmptyState(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_text(new QLabel(this))
    , m_add(new QPushButton(this))
    , m_import(new QPushButton(this))
{
    auto *icon = new QLabel(this);
    icon->setPixmap(AppIcon::make().pixmap(64, 64));
    icon->setAlignment(Qt::AlignCenter);

    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setAlignment(Qt::AlignCenter);
    m_text->setWordWrap(true);
    m_text->setAlignment(Qt::AlignCenter);
    // A readable line length, not the whole width of the window; fixed, as a word-wrapped label
    // left to the layout is squeezed to a sliver.
    m_text->setFixedWidth(m_text->fontMetrics().averageCharWidth() * 64);

    m_add->setIcon(QIcon::fromTheme(QStringLiteral("list-add")));
    m_add->setDefault(true);
    m_import->setIcon(QIcon::fromTheme(QStringLiteral("document-open")));
    connect(m_add, &QPushButton::clicked, this, &EmptyState::addKeyRequested);
    connect(m_import, &QPushButton::clicked, this, &EmptyState::importRequested);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_add);
    buttons->addWidget(m_import);
    buttons->addStretch();

    auto *layout = new QVBoxLayout(this);
    layout->addStretch(2);
    layout->addWidget(icon);
    layout->addSpacing(8);
    layout->addWidget(m_title);
    layout->addWidget(m_text, 0, Qt::AlignHCenter);
    layout->addSpacing(12);
    layout->addLayout(buttons);
    layout->addStretch(3);
    retranslate();
}

void EmptyState::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void EmptyState::retranslate()
{
    m_title->setText(tr("Watch your AI API keys"));
    m_text->setText(tr("QuotaWatch checks the balance, credit or quota of your API keys on a schedule, keeps "
                       "the history of every check and warns you before a key runs dry or stops working."));
    // Layouts size a centred word-wrapped label by its one-line hint: give it the lines it needs.
    m_text->setFixedHeight(m_text->heightForWidth(m_text->width()));
    m_add->setText(tr("Add your first key"));
    m_import->setText(tr("Import CSV…"));
    m_import->setToolTip(tr("A CSV file with a header row: name, platform, secret, and optionally "
                            "base_url, threshold, interval, options"));
}

} // namespace qw::ui
