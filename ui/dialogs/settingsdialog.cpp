#include "ui/dialogs/settingsdialog.h"

#include "core/session/session.h"
#include "ui/dialogs/settings/alertspage.h"
#include "ui/dialogs/settings/channelspage.h"
#include "ui/dialogs/settings/checkspage.h"
#include "ui/dialogs/settings/databasepage.h"
#include "ui/dialogs/settings/displaypage.h"
#include "ui/dialogs/settings/generalpage.h"
#include "ui/dialogs/settings/restpage.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace qw::ui {

SettingsDialog::SettingsDialog(Session &session, QWidget *parent)
    : SettingsDialog(session, nullptr, parent)
{}

SettingsDialog::SettingsDialog(Session &session, DesktopRestServer *restServer, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("settingsDialog"));
    auto *layout = new QVBoxLayout(this);
    auto *body = new QHBoxLayout;
    m_pageList = new QListWidget(this);
    m_pageList->setObjectName(QStringLiteral("pageList"));
    m_pageList->setSelectionMode(QAbstractItemView::SingleSelection);
    m_pages = new QStackedWidget(this);

    // In Page order.
    addPage(m_general = new settings::GeneralPage);
    addPage(new settings::ChecksPage(session));
    addPage(new settings::AlertsPage(session));
    auto *channels = new settings::ChannelsPage(session);
    addPage(channels);
    addPage(new settings::DisplayPage);
    addPage(m_database = new settings::DatabasePage(session));
#ifdef QW_WITH_REST
    // Only a build with the REST API (WITH_REST, QHttpServer) has one to set up.
    addPage(new settings::RestPage(session, restServer));
#else
    Q_UNUSED(restServer)
#endif
    connect(channels, &settings::ChannelsPage::channelTestFinished, this,
            &SettingsDialog::channelTestFinished);
    connect(channels, &settings::ChannelsPage::channelsChanged, this, &SettingsDialog::channelsChanged);
    connect(m_database, &settings::DatabasePage::connectionTested, this, &SettingsDialog::connectionTested);

    body->addWidget(m_pageList);
    body->addWidget(m_pages, 1);
    layout->addLayout(body, 1);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("settingsError"));
    m_error->setWordWrap(true);
    m_error->hide();
    layout->addWidget(m_error);

    m_buttons =
        new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::Apply, this);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(m_buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, &SettingsDialog::apply);
    connect(m_pageList, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);

    retranslateUi();
    showPage(GeneralPage);
    resize(880, 600);
}

SettingsDialog::~SettingsDialog() = default;

void SettingsDialog::addPage(settings::SettingsPage *page)
{
    // In a scroll area, so a long translation or a small screen never cuts a field off.
    auto *area = new QScrollArea;
    area->setFrameShape(QFrame::NoFrame);
    area->setWidgetResizable(true);
    area->setWidget(page);
    m_pages->addWidget(area);
    m_pageList->addItem(QString());
    m_pageWidgets.push_back(page);
}

void SettingsDialog::showPage(Page page)
{
    m_pageList->setCurrentRow(int(page));
}

void SettingsDialog::retranslateUi()
{
    setWindowTitle(tr("Settings"));
    for (int i = 0; i < m_pageList->count(); ++i)
        m_pageList->item(i)->setText(m_pageWidgets.at(i)->title());
    // Wide enough for the longest name in the language now shown.
    m_pageList->setFixedWidth(m_pageList->sizeHintForColumn(0) + 2 * m_pageList->frameWidth() + 24);

    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("OK"));
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    m_buttons->button(QDialogButtonBox::Apply)->setText(tr("&Apply"));
}

void SettingsDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

bool SettingsDialog::apply()
{
    const auto pageCount = int(m_pageWidgets.size());
    for (int i = 0; i < pageCount; ++i) {
        if (const auto invalid = m_pageWidgets.at(i)->check()) {
            showPage(Page(i));
            invalid->field->setFocus();
            showError(invalid->message);
            return false;
        }
    }
    // The writes that can fail go first, so a failure leaves the rest as it was.
    for (int i = 0; i < pageCount; ++i) {
        if (auto saved = m_pageWidgets.at(i)->saveShared(); !saved) {
            showPage(Page(i));
            showError(saved.error().message);
            return false;
        }
    }
    const QString databaseBefore = m_database->databaseUrl();
    const QString languageBefore = m_general->language();
    for (settings::SettingsPage *page : m_pageWidgets)
        page->savePreferences();

    showError(QString());
    if (m_database->databaseUrl() != databaseBefore)
        emit databaseChangedForNextStart(m_database->databaseUrl());
    if (m_general->language() != languageBefore)
        emit languageChanged(m_general->language());
    return true;
}

void SettingsDialog::accept()
{
    if (apply())
        QDialog::accept();
}

void SettingsDialog::showError(const QString &message)
{
    settings::SettingsPage::showStatus(m_error, message, true);
}

} // namespace qw::ui
