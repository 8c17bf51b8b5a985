// The system-tray presence: an icon that shows the worst state of all keys (fine / running low /
// failing), a tooltip summary (with alert deliveries failing), a menu (the keys that need
// attention, open, check all, pause/resume, quit), and alerts as tray messages. Where the desktop has no
// tray, available() is false and the app works without it.
#pragma once

#include "core/alerts/alertnotice.h"
#include "ui/keyhealth.h"
#include "ui/tray/attentionlist.h"

#include <QObject>
#include <QString>
#include <vector>

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
    // Alert deliveries failing now: a line of the tooltip while there are any.
    void setFailingDeliveries(int count);
    // The keys listed at the top of the menu; triggering one asks for its history.
    void setAttention(const AttentionList &list);
    [[nodiscard]] QMenu &menu() { return *m_menu; }
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
    void keyRequested(qint64 keyId);

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
    int m_failingDeliveries = 0;
    // The attention entries, "and N more…" and their separator: replaced as a whole.
    std::vector<QAction *> m_attention;
    AttentionList m_attentionList;
    QString m_activity;
};

} // namespace qw::ui
