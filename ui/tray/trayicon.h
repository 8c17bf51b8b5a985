// The system-tray presence: an icon that shows the worst state of all keys (fine / running low /
// failing), a tooltip summary, a menu (open, check all, pause/resume, quit), and alerts as tray
// messages. Where the desktop has no tray, available() is false and the app works without it.
#pragma once

#include "core/alerts/alertnotice.h"
#include "ui/keyhealth.h"

#include <QObject>
#include <QString>

class QAction;
class QMenu;
class QSystemTrayIcon;

namespace qw::ui {

class TrayIcon final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrayIcon)

public:
    explicit TrayIcon(QObject *parent = nullptr);
    ~TrayIcon() override;

    [[nodiscard]] static bool available();
    [[nodiscard]] bool isVisible() const;
    void show();

    void setState(KeyHealth worst, const QString &summary);
    // What runs now ("Checking 3 of 12 keys…"), above the summary; empty when nothing does.
    void setActivity(const QString &activity);
    [[nodiscard]] KeyHealth state() const { return m_state; }
    [[nodiscard]] QString toolTip() const;
    void setPaused(bool paused);
    void showAlert(const AlertNotice &notice);
    void showMessage(const QString &title, const QString &text);
    void retranslate();

signals:
    void openRequested();
    void checkAllRequested();
    void pauseToggled(bool paused);
    void quitRequested();

private:
    void updateToolTip();

    QSystemTrayIcon *m_tray = nullptr;
    QMenu *m_menu = nullptr;
    QAction *m_open = nullptr;
    QAction *m_checkAll = nullptr;
    QAction *m_pause = nullptr;
    QAction *m_quit = nullptr;
    KeyHealth m_state = KeyHealth::Unknown;
    QString m_summary;
    QString m_activity;
};

} // namespace qw::ui
