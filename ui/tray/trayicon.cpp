#include "ui/tray/trayicon.h"

#include "ui/format/displayformat.h"
#include "ui/tray/appicon.h"

#include <QAction>
#include <QMenu>
#include <QSystemTrayIcon>

namespace qw::ui {

TrayIcon::TrayIcon(QObject *parent)
    : QObject(parent)
    , m_tray(new QSystemTrayIcon(AppIcon::withHealth(KeyHealth::Unknown),
                                 this)) // no badge before the first check
    , m_menu(new QMenu)
{
    m_open = m_menu->addAction(QString(), this, &TrayIcon::openRequested);
    m_checkAll = m_menu->addAction(QString(), this, &TrayIcon::checkAllRequested);
    m_pause = m_menu->addAction(QString());
    m_pause->setCheckable(true);
    connect(m_pause, &QAction::toggled, this, &TrayIcon::pauseToggled);
    m_menu->addSeparator();
    m_quit = m_menu->addAction(QString(), this, &TrayIcon::quitRequested);
    m_tray->setContextMenu(m_menu);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
            emit openRequested();
    });
    connect(m_tray, &QSystemTrayIcon::messageClicked, this, &TrayIcon::openRequested);
    retranslate();
}

TrayIcon::~TrayIcon()
{
    delete m_menu; // not a QObject child: QSystemTrayIcon does not own its menu
}

bool TrayIcon::available()
{
    return QSystemTrayIcon::isSystemTrayAvailable();
}

bool TrayIcon::isVisible() const
{
    return m_tray->isVisible();
}

void TrayIcon::show()
{
    m_tray->show();
}

void TrayIcon::setState(KeyHealth worst, const QString &summary)
{
    if (worst != m_state) {
        m_state = worst;
        m_tray->setIcon(AppIcon::withHealth(worst));
    }
    m_summary = summary;
    updateToolTip();
}

void TrayIcon::setActivity(const QString &activity)
{
    if (activity == m_activity)
        return;
    m_activity = activity;
    updateToolTip();
}

void TrayIcon::updateToolTip()
{
    QString text = tr("QuotaWatch") + u'\n';
    if (!m_activity.isEmpty())
        text += m_activity + u'\n';
    m_tray->setToolTip(DisplayFormat::literal(text + m_summary));
}

QString TrayIcon::toolTip() const
{
    return m_tray->toolTip();
}

void TrayIcon::setPaused(bool paused)
{
    const QSignalBlocker blocker(m_pause);
    m_pause->setChecked(paused);
}

void TrayIcon::showAlert(const AlertNotice &notice)
{
    const bool serious =
        notice.alert.kind == AlertKind::KeyFailing || notice.alert.kind == AlertKind::SpendSpike;
    // Alert texts quote key names and provider errors; notification servers read markup.
    m_tray->showMessage(notice.alert.title, DisplayFormat::literal(notice.alert.message),
                        serious ? QSystemTrayIcon::Critical : QSystemTrayIcon::Warning);
}

void TrayIcon::showMessage(const QString &title, const QString &text)
{
    m_tray->showMessage(title, text, QSystemTrayIcon::Information);
}

void TrayIcon::retranslate()
{
    m_open->setText(tr("&Open QuotaWatch"));
    m_checkAll->setText(tr("&Check all now"));
    m_pause->setText(tr("&Pause checks"));
    m_quit->setText(tr("&Quit"));
}

} // namespace qw::ui
