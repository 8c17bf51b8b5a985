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
    connect(m_pause, &QAction::toggled, this, [this](bool paused) {
        retranslate(); // "Resume" while paused
        emit pauseToggled(paused);
    });
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

void TrayIcon::setFailingDeliveries(int count)
{
    if (count == m_failingDeliveries)
        return;
    m_failingDeliveries = count;
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
    text += m_summary;
    if (m_failingDeliveries > 0)
        text += u'\n' + tr("%n alert deliveries failing", nullptr, m_failingDeliveries);
    m_tray->setToolTip(DisplayFormat::literal(text));
}

void TrayIcon::setAttention(const AttentionList &list)
{
    // Called on every change of the summary: an open menu is rebuilt only when its list changed.
    if (list == m_attentionList)
        return;
    m_attentionList = list;
    for (QAction *action : m_attention) {
        m_menu->removeAction(action);
        delete action;
    }
    m_attention.clear();
    if (list.entries.empty())
        return;
    for (const AttentionEntry &entry : list.entries) {
        // Not a mnemonic: an "&" in a key's name is part of the name.
        QString text = entry.text;
        auto *action = new QAction(text.replace(u'&', QStringLiteral("&&")), m_menu);
        action->setData(entry.keyId);
        const qint64 keyId = entry.keyId;
        connect(action, &QAction::triggered, this, [this, keyId] { emit keyRequested(keyId); });
        m_menu->insertAction(m_open, action);
        m_attention.push_back(action);
    }
    if (list.more > 0) {
        // The rest are in the main window, worst first when sorted by status.
        auto *more = new QAction(tr("and %n more…", nullptr, list.more), m_menu);
        connect(more, &QAction::triggered, this, &TrayIcon::openRequested);
        m_menu->insertAction(m_open, more);
        m_attention.push_back(more);
    }
    m_attention.push_back(m_menu->insertSeparator(m_open));
}

QString TrayIcon::pauseText() const
{
    return m_pause->text();
}

QString TrayIcon::toolTip() const
{
    return m_tray->toolTip();
}

void TrayIcon::setPaused(bool paused)
{
    {
        const QSignalBlocker blocker(m_pause);
        m_pause->setChecked(paused);
    }
    retranslate();
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
    m_pause->setText(m_pause->isChecked() ? tr("&Resume checks") : tr("&Pause checks"));
    m_quit->setText(tr("&Quit"));
    updateToolTip();
}

} // namespace qw::ui
