// One key's detail and history window: who the key is and how it is doing, the balance chart
// and the spending per day over a chosen range, the table of checks with their errors, "Check
// now" and CSV export. The key's whole balance history is read once when the window opens and
// re-sliced in memory on a range change; new checks arrive live from the CheckService.
#pragma once

#include "core/model/apikey.h"
#include "core/model/snapshot.h"
#include "core/result.h"
#include "ui/history/balancechart.h"

#include <QWidget>
#include <optional>

class QAbstractButton;
class QButtonGroup;
class QLabel;
class QPushButton;
class QTabWidget;
class QTableView;

namespace qw {
class Session;
}

namespace qw::ui {

class CheckTableModel;
class SpendingChart;

class KeyDetailWindow final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeyDetailWindow)

public:
    enum Tab
    {
        BalanceTab,
        SpendingTab,
        ChecksTab
    };

    // A top-level window that deletes itself when closed; `session` must outlive it.
    KeyDetailWindow(Session &session, qint64 keyId, QWidget *parent = nullptr);
    ~KeyDetailWindow() override;

    [[nodiscard]] qint64 keyId() const { return m_keyId; }
    // What the range buttons do: the chart, the spending and the checks show this range.
    void setRange(BalanceChart::Range range);
    [[nodiscard]] BalanceChart::Range range() const;
    // Reads the key, its whole balance history and its latest check again.
    void reload();
    // What "Check now" does: one check of this key through the CheckService, at once, also when
    // the key is paused or the scheduler is not running.
    void checkNow();
    // The checks of the selected range, oldest first, in the columns of
    // `quotawatch history --csv` ("Export CSV…" asks for the path, then calls this).
    [[nodiscard]] Result<void> exportCsv(const QString &path);

    // The parts, for tests.
    [[nodiscard]] BalanceChart *balanceChart() const { return m_chart; }
    [[nodiscard]] SpendingChart *spendingChart() const { return m_spending; }
    [[nodiscard]] CheckTableModel *checkModel() const { return m_checkModel; }
    [[nodiscard]] QTableView *checkTable() const { return m_checkTable; }
    [[nodiscard]] QTabWidget *tabs() const { return m_tabs; }
    [[nodiscard]] QAbstractButton *rangeButton(BalanceChart::Range range) const;
    [[nodiscard]] QPushButton *checkButton() const { return m_checkButton; }
    [[nodiscard]] QString remainingText() const;
    [[nodiscard]] QString healthText() const;
    [[nodiscard]] QString statusText() const;

private:
    void loadKey();
    void loadHistory();
    void loadChecks();
    void refreshSpending();
    void updateHeader();
    void showTab(int index);
    void onSnapshotStored(qint64 keyId, const Snapshot &snapshot);
    void onCheckFinished(qint64 keyId, const Snapshot &snapshot, bool stored);
    void exportWithDialog();
    [[nodiscard]] std::optional<double> thresholdValue() const;
    // Where the selected range starts (UTC); nullopt / a null time for "All".
    [[nodiscard]] std::optional<qint64> rangeStartMs() const;
    [[nodiscard]] QDateTime rangeStart() const;

    Session &m_session;
    const qint64 m_keyId;
    std::optional<ApiKey> m_key;
    std::optional<Snapshot> m_latest;
    // The latest successful check: its unit is the chart's, and a percentage threshold needs the
    // limit it reported.
    std::optional<Snapshot> m_latestOk;
    // The checks table is read only when it is shown: a year of full rows is slow to read, and a
    // range change must stay instant on the chart tabs.
    bool m_checksStale = true;

    QLabel *m_title = nullptr;
    QLabel *m_subtitle = nullptr;
    QLabel *m_remaining = nullptr;
    QLabel *m_healthIcon = nullptr;
    QLabel *m_health = nullptr;
    QLabel *m_lastChecked = nullptr;
    QLabel *m_checkedBy = nullptr;
    QButtonGroup *m_rangeButtons = nullptr;
    QPushButton *m_checkButton = nullptr;
    QPushButton *m_exportButton = nullptr;
    QTabWidget *m_tabs = nullptr;
    BalanceChart *m_chart = nullptr;
    SpendingChart *m_spending = nullptr;
    CheckTableModel *m_checkModel = nullptr;
    QTableView *m_checkTable = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace qw::ui
