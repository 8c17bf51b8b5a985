// The key table of the main window: every stored key with its latest check, a 7-day trend and
// the days until it runs empty. Live: a stored snapshot updates its own row through
// dataChanged(), so selection, scroll position and sorting survive every check.
#pragma once

#include "core/analytics/overview.h"
#include "core/analytics/trendloader.h"
#include "core/model/apikey.h"
#include "core/model/balancepoint.h"
#include "core/model/snapshot.h"
#include "core/result.h"
#include "ui/keyhealth.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QIcon>
#include <QList>
#include <QMap>
#include <QPointF>
#include <QSet>
#include <QTimer>
#include <array>
#include <memory>
#include <optional>
#include <span>
#include <vector>

namespace qw {
class Session;
}

namespace qw::ui {

class CheckActivity;

class KeyTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeyTableModel)

public:
    enum Column
    {
        Name,
        Platform,
        Remaining,
        Bar,
        Trend,
        DaysLeft,
        LastCheck,
        Status,
        ColumnCount
    };

    // Every role below answers for any column of the row, except SortRole.
    enum Role : int
    {
        KeyIdRole = Qt::UserRole + 1, // qint64
        SortRole,          // per column: text, or a number for Remaining, Bar, DaysLeft, LastCheck;
                           // minus the severity (KeyHealthRules::severity) for Status, so that
                           // ascending is worst first; invalid when unknown
        HealthRole,        // int(KeyHealth)
        TrendRole,         // QList<QPointF>: x = checked_at in UTC ms, y = remaining in the unit
        FractionRole,      // double 0..1 for the bar, see fractionOf(); invalid when there is no bar
        TagsRole,          // QStringList
        PlatformIdRole,    // QString, e.g. "deepseek"
        SearchTextRole,    // QString: name, platform name and id, hint and tags, case-folded
        TrendRevisionRole, // quint64: changes whenever the row's TrendRole does
    };

    // The trend covers this long a history.
    static constexpr qint64 kTrendWindowMs = 7LL * 24 * 60 * 60 * 1000;
    // A row keeps at most this many points of its trend (LTTB): two per pixel of the column as
    // it opens, and little memory with 10,000 keys (the full series is read again when needed).
    static constexpr std::size_t kMaxTrendPoints = 240;

    explicit KeyTableModel(Session &session, QObject *parent = nullptr);
    ~KeyTableModel() override;

    // Keys and the latest snapshot of each: cheap, one indexed lookup per key. Trends already
    // loaded are kept for keys still there and read for new ones. Stops a background load; one
    // is started again for the keys without a trend.
    [[nodiscard]] Result<void> reload();
    // The 7-day series of every key, then the days until empty. Meant to run after the first
    // paint (QTimer::singleShot(0, ...)): one indexed query per key inside one read transaction.
    // Emits dataChanged() for the Trend and DaysLeft columns; trendsFailed() when it cannot read.
    void loadTrends();
    // The same, a few hundred keys per event-loop turn, so the window stays responsive while
    // thousands of keys load; trendsReady() when every row has its trend.
    void loadTrendsInSteps();
    // The same on worker threads with connections of their own (TrendLoader), the rows filling
    // in a chunk at a time; the steps above when the database cannot be opened twice (SQLite
    // in memory) or a worker fails. trendsReady() when every row has its trend.
    void loadTrendsInBackground();
    [[nodiscard]] bool trendsLoaded() const { return m_trendsLoaded; }

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

    // Null / nullopt / -1 when out of range or unknown.
    [[nodiscard]] const ApiKey *keyAt(int row) const;
    [[nodiscard]] std::optional<Snapshot> latestAt(int row) const;
    [[nodiscard]] int rowOfKey(qint64 id) const;
    [[nodiscard]] KeyHealth healthAt(int row) const;
    [[nodiscard]] std::optional<double> daysLeftAt(int row) const;
    // For the filter and sort proxy, without a QVariant per call (10,000 rows on every keystroke).
    [[nodiscard]] const QString &searchTextAt(int row) const { return m_rows[std::size_t(row)].searchText; }
    // The place of the row's name (or platform name) in the locale's collation order: equal
    // names share one.
    [[nodiscard]] int nameRankAt(int row) const { return m_rows[std::size_t(row)].nameRank; }
    [[nodiscard]] int platformRankAt(int row) const { return m_rows[std::size_t(row)].platformRank; }
    // The unit of the amount the Remaining column shows ("CNY", "tokens"); empty without one.
    [[nodiscard]] const QString &remainingUnitAt(int row) const;

    // The checks running now (rows read "checking…" in their Status cell while theirs runs).
    [[nodiscard]] CheckActivity &activity() { return *m_activity; }

    // What the summary header and the tray show, counted from the rows (no next check: the
    // scheduler knows that). `leaving`: keys deleted but still undoable, which no longer count.
    [[nodiscard]] Overview overview(const QSet<qint64> &leaving = {}) const;

    // The bar's fill: remaining / limit when the check reports a limit (key caps, quotas),
    // remaining / 100 for a percentage, else remaining / (2 × threshold) so that the threshold
    // sits in the middle of the bar; clamped to 0..1. Nullopt without a successful reading or
    // anything to measure it against.
    [[nodiscard]] static std::optional<double> fractionOf(const ApiKey &key,
                                                          const std::optional<Snapshot> &latest);

signals:
    // After reload(), a live update or loadTrends(): overview() may differ.
    void summaryChanged();
    void trendsFailed(const QString &message);
    void trendsReady();

private:
    [[nodiscard]] QDateTime trendStart() const;
    // A point of the drawn trend in 8 bytes, not a QPointF's 16: 10,000 rows keep 2.4 million.
    struct TrendPoint
    {
        qint32 atS = 0;   // seconds after Row::trendBaseMs
        float amount = 0; // in the unit; enough for a line a few dozen pixels high
    };
    struct Row
    {
        ApiKey key;
        std::optional<Snapshot> latest;
        KeyHealth health = KeyHealth::Unknown;
        QString platformName;
        QString searchText;
        int nameRank = 0;
        int platformRank = 0;
        qint64 trendBaseMs = 0;
        std::vector<TrendPoint> trend; // successful readings of the window, at most kMaxTrendPoints
        std::optional<double> daysLeft;
        bool forecastTooEarly = false; // checks, but too few to forecast from (BurnRate::enoughHistory)
        double spentPerDay = 0;        // in the unit
        bool trendLoaded = false;
        quint64 trendRevision = 0;
        // A check came in while a worker may already have read the row: read it again on arrival.
        bool checkedWhileLoading = false;
    };

    void onSnapshotStored(qint64 keyId, const Snapshot &snapshot);
    void refreshRelativeTimes();
    void describe(Row &row) const;
    void rankNames();
    static void applyTrend(Row &row, const KeyTrend &trend);
    // Reads the rows' series on this thread and applies them.
    [[nodiscard]] Result<void> readTrends(std::span<const qint64> keyIds, std::vector<Row> &rows);
    void onTrendsLoaded(const std::vector<KeyTrend> &trends);
    void onTrendLoaderFinished(const QString &failure);
    [[nodiscard]] QList<QPointF> trendOf(const Row &row) const;
    [[nodiscard]] QVariant display(const Row &row, int column) const;
    [[nodiscard]] QVariant toolTip(const Row &row, int column) const;
    [[nodiscard]] QVariant healthToolTip(const Row &row) const;
    [[nodiscard]] QVariant sortValue(const Row &row, int column) const;

    Session &m_session;
    // Several instances may share the database (PostgreSQL): tooltips say who checked a key last.
    bool m_teamMode = false;
    std::vector<Row> m_rows;
    QHash<qint64, int> m_rowOfKey;
    std::array<QIcon, KeyHealthRules::kWorstFirst.size()>
        m_icons; // by KeyHealth: drawn once, not on every paint
    QTimer m_relativeTimeTimer;
    CheckActivity *m_activity = nullptr; // a child
    void loadTrendStep(quint64 run);

    bool m_trendsLoaded = false;
    // loadTrendsInSteps(): where the next step starts, and which run a queued step belongs to.
    std::size_t m_nextTrendRow = 0;
    quint64 m_trendRun = 0;
    std::unique_ptr<TrendLoader> m_loader; // made on the first background load
};

} // namespace qw::ui
