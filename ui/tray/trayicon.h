// The system-tray presence: an icon that shows the worst state of all keys (fine / running low /
// failing), a tooltip summary, a menu (open, check all, pause/resume, quit), and alerts as tray
// messages. Where the desktop has no tray, available() is false and the app works without it.
#pragma once

#include "core/alerts/alertnotice.h"
#include "ui/keyhealth.h"

#include <QObject>

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
    [[nodiscard]] KeyHealth state() const { return m_state; }
    [[nodiscard]] QString toolTip() const;
    // The menu's pause item reads "Resume checks" while paused.
    void setPaused(bool paused);
    [[nodiscard]] QString pauseText() const;
    void showAlert(const AlertNotice &notice);
    void showMessage(const QString &title, const QString &text);
    void retranslate();

signals:
    void openRequested();
    void checkAllRequested();
    void pauseToggled(bool paused);
    void quitRequested();

private:
    QSystemTrayIcon *m_tray = nullptr;
    QMenu *m_menu = nullptr;
    QAction *m_open = nullptr;
    QAction *m_checkAll = nullptr;
    QAction *m_pause = nullptr;
    QAction *m_quit = nullptr;
    KeyHealth m_state = KeyHealth::Unknown;
};

} // namespace qw::ui
