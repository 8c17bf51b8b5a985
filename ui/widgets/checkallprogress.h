// The status bar's "Check all" progress: done / total in a bar, and a button that cancels the
// run (Scheduler::cancelCheckAll). Hidden while no run is going on.
#pragma once

#include <QWidget>

class QProgressBar;
class QToolButton;

namespace qw {
class Scheduler;
}

namespace qw::ui {

class CheckAllProgress final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CheckAllProgress)

public:
    explicit CheckAllProgress(Scheduler &scheduler, QWidget *parent = nullptr);

    [[nodiscard]] QProgressBar &bar() { return *m_bar; }
    [[nodiscard]] QToolButton &cancelButton() { return *m_cancel; }
    void retranslate();

signals:
    // The run ended; `cancelled` when the button (or cancelCheckAll()) stopped it.
    void ended(bool cancelled);

private:
    void onProgress(int done, int total);

    Scheduler &m_scheduler;
    QProgressBar *m_bar = nullptr;
    QToolButton *m_cancel = nullptr;
};

} // namespace qw::ui
