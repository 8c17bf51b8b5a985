// The Alerts window: every alert raised, for which key and when, and for each channel where it
// was delivered or why not, with "Retry now" for a delivery that is failing. The main window
// opens it from View → Alerts and its toolbar; the model it shows belongs to the main window,
// which also draws the badge of failing deliveries from it.
#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QTreeView;

namespace qw::ui {

class AlertTableModel;

class AlertsView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlertsView)

public:
    // A top-level window showing `model` (which must outlive it).
    explicit AlertsView(AlertTableModel &model, QWidget *parent = nullptr);
    ~AlertsView() override;

    // What "Retry now" does: the selected delivery, or the failing deliveries of the selected
    // alert, become due at once; a problem shows in the window's status line.
    void retrySelected();

    // The badge's icon: a bell-like mark, with a red dot while deliveries are failing.
    [[nodiscard]] static QIcon badgeIcon(int failing);

    // The parts, for tests.
    [[nodiscard]] QTreeView &tree() { return *m_tree; }
    [[nodiscard]] QPushButton &retryButton() { return *m_retry; }
    [[nodiscard]] QLabel &status() { return *m_status; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void refreshStatus();
    void updateButtons();

    AlertTableModel &m_model;
    QTreeView *m_tree = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_retry = nullptr;
    QString m_problem; // the last retry or reload problem, until the next success
    // The row selected before a reload, found again after it (by alert and delivery id).
    qint64 m_selectedAlert = 0;
    qint64 m_selectedDelivery = 0;
    int m_scroll = 0;
};

} // namespace qw::ui
