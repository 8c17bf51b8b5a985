#include "ui/models/keytablemodel.h"

#include "core/alerts/alertrules.h"
#include "core/analytics/burnrate.h"
#include "core/model/readingnames.h"
#include "core/session/session.h"
#include "ui/format/checkerrortext.h"
#include "ui/format/displayformat.h"
#include "ui/format/teamtext.h"
#include "ui/models/checkactivity.h"

#include <QBrush>
#include <QCollator>
#include <QColor>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>
#include <algorithm>
#include <cmath>

namespace qw::ui {

namespace {

constexpr int kRelativeTimeRefreshMs = 60 * 1000;

// Translucent tints over whatever the view paints below (base, alternate rows, a dark theme):
// the row reads as "amber" or "red" without fighting the palette.
const QColor kLowTint(224, 155, 18, 46);
const QColor kFailingTint(208, 59, 59, 46);

} // namespace

KeyTableModel::KeyTableModel(Session &session, QObject *parent)
    : QAbstractTableModel(parent)
    , m_session(session)
    , m_teamMode(session.team().isTeamMode())
{
    connect(&session.engine().checks(), &CheckService::snapshotStored, this,
            &KeyTableModel::onSnapshotStored);
    connect(&session, &Session::keysChanged, this, [this] {
        if (auto reloaded = reload(); !reloaded)
            qWarning("The key table cannot be reloaded: %s", qPrintable(reloaded.error().message));
    });
    for (KeyHealth health : KeyHealthRules::kWorstFirst)
        m_icons[std::size_t(health)] = KeyHealthInfo::icon(health);
    // "3 min ago" ages while the window is open.
    m_relativeTimeTimer.setInterval(kRelativeTimeRefreshMs);
    connect(&m_relativeTimeTimer, &QTimer::timeout, this, &KeyTableModel::refreshRelativeTimes);
    m_relativeTimeTimer.start();
    m_activity = new CheckActivity(session.engine().checks(), session.engine().scheduler(), this);
    // A check starting or ending is the row's news, as a stored check is; the seconds counting
    // up only its Status cell's.
    connect(m_activity, &CheckActivity::keyChanged, this, [this](qint64 keyId) {
        if (const int row = rowOfKey(keyId); row >= 0)
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    });
    connect(m_activity, &CheckActivity::keyTicked, this, [this](qint64 keyId) {
        if (const int row = rowOfKey(keyId); row >= 0)
            emit dataChanged(index(row, Status), index(row, Status), {Qt::DisplayRole});
    });
}

KeyTableModel::~KeyTableModel() = default;

Result<void> KeyTableModel::reload()
{
    auto keys = m_session.keys().listWithLatest();
    if (!keys)
        return tl::unexpected(keys.error());
    std::vector<Row> rows;
    rows.reserve(keys->size());
    std::vector<qint64> newSeries;
    for (KeyWithLatest &key : *keys) {
        Row row;
        row.key = std::move(key.key);
        row.latest = std::move(key.latest);
        row.health = key.health;
        describe(row);
        // Once loadTrends() has run, keys that are new since get their series here.
        const int old = rowOfKey(row.key.id);
        if (m_trendsLoaded && !(old >= 0 && m_rows[std::size_t(old)].trendLoaded))
            newSeries.push_back(row.key.id);
        rows.push_back(std::move(row));
    }
    if (!newSeries.empty()) {
        if (auto read = readTrends(newSeries, rows); !read)
            return read;
    }
    // Nothing can fail from here on: take over the trends already read.
    for (Row &row : rows) {
        const int old = rowOfKey(row.key.id);
        if (old >= 0 && m_rows[std::size_t(old)].trendLoaded) {
            Row &before = m_rows[std::size_t(old)];
            row.trendBaseMs = before.trendBaseMs;
            row.trend = std::move(before.trend);
            row.daysLeft = before.daysLeft;
            row.forecastTooEarly = before.forecastTooEarly;
            row.spentPerDay = before.spentPerDay;
            row.trendRevision = before.trendRevision;
            row.trendLoaded = true;
        }
    }
    // A background load reads the keys it was given: the rows are new.
    const bool restartLoader = m_loader && m_loader->isRunning();
    if (restartLoader)
        m_loader->cancel();

    beginResetModel();
    m_rows = std::move(rows);
    m_rowOfKey.clear();
    m_rowOfKey.reserve(qsizetype(m_rows.size()));
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        m_rowOfKey.insert(m_rows[i].key.id, int(i));
    rankNames();
    endResetModel();
    emit summaryChanged();
    if (restartLoader)
        loadTrendsInBackground();
    return {};
}

void KeyTableModel::loadTrends()
{
    if (m_rows.empty()) {
        m_trendsLoaded = true;
        return;
    }
    std::vector<qint64> ids;
    ids.reserve(m_rows.size());
    for (const Row &row : m_rows)
        ids.push_back(row.key.id);
    QString failure;
    if (auto read = readTrends(ids, m_rows); !read)
        failure = read.error().message;
    m_trendsLoaded = failure.isEmpty();
    emit dataChanged(index(0, Bar), index(rowCount() - 1, DaysLeft));
    emit summaryChanged();
    if (!failure.isEmpty())
        emit trendsFailed(failure);
    else
        emit trendsReady();
}

void KeyTableModel::loadTrendsInSteps()
{
    m_nextTrendRow = 0;
    loadTrendStep(++m_trendRun);
}

void KeyTableModel::loadTrendStep(quint64 run)
{
    // Rows per step: a few milliseconds of indexed reads each, short enough for a smooth window.
    constexpr std::size_t kStepRows = 200;
    if (run != m_trendRun)
        return; // a newer run took over
    const std::size_t begin = std::min(m_nextTrendRow, m_rows.size());
    const std::size_t end = std::min(m_rows.size(), begin + kStepRows);
    std::vector<qint64> ids;
    for (std::size_t i = begin; i < end; ++i) {
        if (!m_rows[i].trendLoaded)
            ids.push_back(m_rows[i].key.id);
    }
    if (auto read = readTrends(ids, m_rows); !read) {
        emit trendsFailed(read.error().message);
        return;
    }
    if (!ids.empty())
        emit dataChanged(index(int(begin), Bar), index(int(end) - 1, DaysLeft));
    m_nextTrendRow = end;
    // Past the end, a reload in between may have put new keys before the position reached: then
    // round again (loaded rows are skipped).
    const bool allLoaded =
        std::all_of(m_rows.begin(), m_rows.end(), [](const Row &row) { return row.trendLoaded; });
    if (end >= m_rows.size() && allLoaded) {
        m_trendsLoaded = true;
        emit summaryChanged();
        emit trendsReady();
        return;
    }
    if (end >= m_rows.size())
        m_nextTrendRow = 0;
    QTimer::singleShot(0, this, [this, run] { loadTrendStep(run); });
}

int KeyTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int KeyTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant KeyTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() < 0 || index.row() >= rowCount() || index.column() < 0 ||
        index.column() >= ColumnCount)
        return {};
    const Row &row = m_rows[std::size_t(index.row())];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return display(row, column);
    case Qt::ToolTipRole: {
        // Names, errors and units are not ours to trust as markup.
        const QVariant tip = toolTip(row, column);
        return tip.isValid() ? QVariant(DisplayFormat::literal(tip.toString())) : tip;
    }
    case Qt::DecorationRole:
        if (column == Status)
            return m_icons[std::size_t(row.health)];
        return {};
    case Qt::TextAlignmentRole:
        if (column == Remaining || column == DaysLeft)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::BackgroundRole:
        if (row.health == KeyHealth::Low)
            return QBrush(kLowTint);
        // Empty is as red as failing: both keys refuse requests.
        if (row.health == KeyHealth::Failing || row.health == KeyHealth::Empty)
            return QBrush(kFailingTint);
        return {};
    case Qt::ForegroundRole:
        // Paused keys recede: nothing about them changes until they are resumed.
        if (row.health == KeyHealth::Paused)
            return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    case KeyIdRole:
        return row.key.id;
    case SortRole:
        return sortValue(row, column);
    case HealthRole:
        return int(row.health);
    case TrendRole:
        return QVariant::fromValue(trendOf(row));
    case FractionRole:
        if (const auto fraction = fractionOf(row.key, row.latest))
            return *fraction;
        return {};
    case TagsRole:
        return row.key.tags;
    case PlatformIdRole:
        return row.key.platform;
    case SearchTextRole:
        return row.searchText;
    case TrendRevisionRole:
        return row.trendRevision;
    default:
        return {};
    }
}

QVariant KeyTableModel::display(const Row &row, int column) const
{
    switch (column) {
    case Name:
        return row.key.name;
    case Platform:
        return row.platformName;
    case Remaining:
        if (const auto remaining = Overview::shownRemaining(row.latest))
            return DisplayFormat::amount(*remaining, row.latest->unit);
        return tr("—");
    case Bar:
        // Drawn by BalanceBarDelegate; the text stands in when there is no level to draw.
        if (fractionOf(row.key, row.latest))
            return {};
        return tr("—");
    case DaysLeft:
        // Nothing left is no forecast: it is now, whatever the history says.
        if (row.health == KeyHealth::Empty || (row.daysLeft && *row.daysLeft <= 0.0))
            return tr("Empty");
        if (!row.daysLeft)
            return row.forecastTooEarly ? tr("Too early") : tr("—");
        // Hours when it is that close: "3 h" reads as urgent, "< 1 day" did not.
        if (*row.daysLeft * 24 < 1.0)
            return tr("< 1 h");
        if (*row.daysLeft < 1.0)
            // Whole hours, rounded down as the days are; the nudge keeps a rate's division error
            // (2.9999… for three hours) from losing an hour.
            return tr("%n h", nullptr, int(std::floor(*row.daysLeft * 24 + 1e-6)));
        if (*row.daysLeft < 2.0)
            return tr("1 day");
        // Whole days, rounded down: "12 days" means it lasts at least that long at this rate.
        return tr("%n days", nullptr, int(std::min(std::floor(*row.daysLeft), 1e9)));
    case LastCheck: {
        if (!row.latest || !row.latest->checkedAt.isValid())
            return tr("Never");
        const qint64 seconds = std::max<qint64>(0, row.latest->checkedAt.secsTo(m_session.clock().nowUtc()));
        if (seconds < 60)
            return tr("just now");
        if (seconds < 60 * 60)
            return tr("%n min ago", nullptr, int(seconds / 60));
        if (seconds < 24 * 60 * 60)
            return tr("%n h ago", nullptr, int(seconds / 3600));
        const int days = int(seconds / (24 * 60 * 60));
        if (days == 1)
            return tr("1 day ago");
        if (days < 30)
            return tr("%n days ago", nullptr, days);
        return QLocale().toString(row.latest->checkedAt.toLocalTime().date(), QLocale::ShortFormat);
    }
    case Status:
        // From the moment a check starts, however long the provider takes to answer.
        if (const QString checking = m_activity->statusText(row.key.id); !checking.isEmpty())
            return checking;
        // Not one more failure: the owner must enter the secret again, so it says so.
        if (row.latest && row.latest->status == CheckStatus::IntegrityError)
            return DisplayFormat::checkStatus(CheckStatus::IntegrityError);
        // Empty, and not by a reading: the provider refuses the account's requests (HTTP 402).
        if (row.health == KeyHealth::Empty && row.latest && row.latest->outOfCredit())
            return tr("Out of credit");
        return KeyHealthInfo::label(row.health);
    default:
        return {};
    }
}

QVariant KeyTableModel::toolTip(const Row &row, int column) const
{
    if (column == Status) {
        // Team mode: which instance checked the key last, under what its state is.
        const QVariant health = healthToolTip(row);
        if (!m_teamMode || row.key.lastCheckedBy.isEmpty())
            return health;
        return QString(health.toString() + u'\n' +
                       TeamText::checkedBy(row.key.lastCheckedBy, m_session.instance().name()));
    }
    switch (column) {
    case Name: {
        QStringList lines{row.key.name};
        if (!row.key.secretHint.isEmpty())
            lines << tr("Key: %1").arg(row.key.secretHint);
        if (!row.key.tags.isEmpty())
            lines << tr("Tags: %1").arg(row.key.tags.join(QStringLiteral(", ")));
        return lines.join(u'\n');
    }
    case Platform:
        return row.key.platform;
    case Remaining: {
        if (!row.latest || row.latest->status != CheckStatus::Ok)
            return {};
        // The cell is rounded to the cent; every digit is here.
        QStringList lines;
        if (row.latest->remaining) {
            const QString exact = DisplayFormat::exactWhenRounded(*row.latest->remaining, row.latest->unit);
            if (!exact.isEmpty())
                lines << tr("Exactly %1").arg(exact);
        }
        if (row.latest->used && row.latest->limit)
            lines << tr("%1 used of %2")
                         .arg(DisplayFormat::exactAmount(*row.latest->used, row.latest->unit),
                              DisplayFormat::exactAmount(*row.latest->limit, row.latest->unit));
        if (row.latest->balances.size() > 1)
            for (const Balance &balance : row.latest->balances)
                lines << DisplayFormat::exactAmount(balance.amount, balance.unit);
        // A plan's windows and a wallet's pots, one line each.
        for (const ReadingDetail &detail : row.latest->details)
            lines << ReadingNames::detailLine(detail, &DisplayFormat::exactAmount);
        if (lines.isEmpty())
            return {};
        return lines.join(u'\n');
    }
    case Bar: {
        const auto fraction = fractionOf(row.key, row.latest);
        if (!fraction && Overview::shownRemaining(row.latest))
            return tr("No limit and no alert threshold to measure the level against, so this "
                      "shows the 7-day trend: set a threshold in the key's settings for a level");
        if (!fraction)
            return {};
        if (row.latest->limit && row.latest->limit->micros() > 0)
            return tr("%1% of the limit left").arg(qRound(*fraction * 100));
        if (row.latest->unit == QLatin1String("percent"))
            return tr("%1% left").arg(qRound(*fraction * 100));
        if (const auto threshold = AlertRules::effectiveThreshold(row.key, *row.latest))
            return tr("The middle of the bar is the threshold, %1")
                .arg(DisplayFormat::exactAmount(*threshold, row.latest->unit));
        return {};
    }
    case Trend:
    case DaysLeft:
        if (!row.trendLoaded)
            return tr("Loading the history…");
        if (row.trend.empty())
            return tr("No successful check in the last 7 days");
        if (column == DaysLeft && row.forecastTooEarly)
            return tr("Too few checks to forecast from yet: it takes 6 hours of checks, or 3 checks "
                      "over 10 minutes of a key that drains fast");
        if (row.spentPerDay > 0 && row.latest)
            return tr("Spending about %1 a day over the last 7 days")
                .arg(DisplayFormat::amount(row.spentPerDay, row.latest->unit));
        return tr("Nothing spent in the last 7 days");
    case LastCheck:
        if (!row.latest || !row.latest->checkedAt.isValid())
            return {};
        return QLocale().toString(row.latest->checkedAt.toLocalTime(), QLocale::LongFormat);
    default:
        return {};
    }
}

QVariant KeyTableModel::healthToolTip(const Row &row) const
{
    switch (row.health) {
    case KeyHealth::Failing:
        return row.latest ? CheckErrorText::describe(*row.latest) : KeyHealthInfo::label(row.health);
    case KeyHealth::Empty:
        if (row.latest->outOfCredit())
            return row.latest->error; // made literal by data(), once
        if (row.latest->used && row.latest->limit &&
            !(row.latest->remaining && row.latest->remaining->micros() < 0))
            return tr("The limit of %1 is used up")
                .arg(DisplayFormat::exactAmount(*row.latest->limit, row.latest->unit));
        return tr("Nothing left");
    case KeyHealth::Low:
        if (const auto threshold = AlertRules::effectiveThreshold(row.key, *row.latest))
            return tr("Below the threshold of %1")
                .arg(DisplayFormat::exactAmount(*threshold, row.latest->unit));
        return KeyHealthInfo::label(row.health);
    case KeyHealth::Paused:
        return tr("Paused: not checked on schedule");
    case KeyHealth::Unknown:
    case KeyHealth::Ok:
        break;
    }
    return KeyHealthInfo::label(row.health);
}

QVariant KeyTableModel::sortValue(const Row &row, int column) const
{
    switch (column) {
    case Name:
        return row.key.name;
    case Platform:
        return row.platformName;
    case Remaining:
        if (const auto remaining = Overview::shownRemaining(row.latest))
            return remaining->toDouble();
        return {};
    case Bar:
        if (const auto fraction = fractionOf(row.key, row.latest))
            return *fraction;
        return {};
    case Trend:
    case DaysLeft:
        if (row.health == KeyHealth::Empty)
            return 0.0;
        if (row.daysLeft)
            return *row.daysLeft;
        return {};
    case LastCheck:
        if (row.latest && row.latest->checkedAt.isValid())
            return row.latest->checkedAt.toMSecsSinceEpoch();
        return {};
    case Status:
        // Ascending is worst first: the keys that need someone at the top.
        return -KeyHealthRules::severity(row.health);
    default:
        return {};
    }
}

QVariant KeyTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole) {
        switch (section) {
        case Bar:
            return tr("How full the key is: what remains as a share of its limit, or, without a "
                      "limit, of twice its alert threshold, so that half full is the threshold");
        case Trend:
            return tr("Remaining over the last 7 days");
        case DaysLeft:
            return tr("Time until empty at the spending rate of the last 7 days, in hours when it "
                      "is less than a day");
        default:
            return {};
        }
    }
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return tr("Name");
    case Platform:
        return tr("Platform");
    case Remaining:
        return tr("Remaining");
    case Bar:
        return tr("Level");
    case Trend:
        return tr("7 days");
    case DaysLeft:
        return tr("Days left");
    case LastCheck:
        return tr("Last check");
    case Status:
        return tr("Status");
    default:
        return {};
    }
}

const ApiKey *KeyTableModel::keyAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return nullptr;
    return &m_rows[std::size_t(row)].key;
}

std::optional<Snapshot> KeyTableModel::latestAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return std::nullopt;
    return m_rows[std::size_t(row)].latest;
}

int KeyTableModel::rowOfKey(qint64 id) const
{
    return m_rowOfKey.value(id, -1);
}

KeyHealth KeyTableModel::healthAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return KeyHealth::Unknown;
    return m_rows[std::size_t(row)].health;
}

const QString &KeyTableModel::remainingUnitAt(int row) const
{
    static const QString none;
    if (row < 0 || row >= rowCount())
        return none;
    const Row &entry = m_rows[std::size_t(row)];
    return Overview::shownRemaining(entry.latest) ? entry.latest->unit : none;
}

std::optional<double> KeyTableModel::daysLeftAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return std::nullopt;
    return m_rows[std::size_t(row)].daysLeft;
}

Overview KeyTableModel::overview(const QSet<qint64> &leaving) const
{
    Overview overview;
    for (const Row &row : m_rows) {
        if (!leaving.contains(row.key.id))
            overview.add(row.latest, row.health);
    }
    return overview;
}

QDateTime KeyTableModel::trendStart() const
{
    return m_session.clock().nowUtc().addMSecs(-kTrendWindowMs);
}

std::optional<double> KeyTableModel::fractionOf(const ApiKey &key, const std::optional<Snapshot> &latest)
{
    if (!latest || latest->status != CheckStatus::Ok || !latest->remaining)
        return std::nullopt;
    const double remaining = latest->remaining->toDouble();
    double full = 0;
    if (latest->limit && latest->limit->micros() > 0)
        full = latest->limit->toDouble();
    else if (latest->unit == QLatin1String("percent"))
        full = 100;
    else if (const auto threshold = AlertRules::effectiveThreshold(key, *latest);
             threshold && threshold->micros() > 0)
        full = 2 * threshold->toDouble();
    if (full <= 0)
        return std::nullopt;
    return std::clamp(remaining / full, 0.0, 1.0);
}

void KeyTableModel::onSnapshotStored(qint64 keyId, const Snapshot &snapshot)
{
    const int index = rowOfKey(keyId);
    if (index < 0)
        return; // a key this table does not list yet; keysChanged() brings it in
    Row &row = m_rows[std::size_t(index)];
    // Checks of one key finish in order, but an older result (a retry that raced) must not
    // replace a newer one.
    if (row.latest && snapshot.checkedAt < row.latest->checkedAt)
        return;
    row.latest = snapshot;
    row.health = KeyHealthRules::of(row.key, row.latest);
    if (snapshot.status == CheckStatus::Ok && snapshot.remaining) {
        if (row.trendLoaded) {
            // The row keeps only the drawn points: the forecast needs the whole window, one
            // indexed read of this key (the window slides with the clock, too).
            const qint64 id = keyId;
            if (auto read = readTrends({&id, 1}, m_rows); !read)
                qWarning("The trend cannot be read: %s", qPrintable(read.error().message));
        } else if (m_loader && m_loader->isRunning()) {
            row.checkedWhileLoading = true;
        }
    }
    emit dataChanged(this->index(index, 0), this->index(index, ColumnCount - 1));
    emit summaryChanged();
}

void KeyTableModel::refreshRelativeTimes()
{
    if (!m_rows.empty())
        emit dataChanged(index(0, LastCheck), index(rowCount() - 1, LastCheck), {Qt::DisplayRole});
}

void KeyTableModel::describe(Row &row) const
{
    const Adapter *adapter = m_session.platforms().find(row.key.platform);
    row.platformName = adapter ? adapter->name() : row.key.platform;
    QStringList words{row.key.name, row.platformName, row.key.platform, row.key.secretHint};
    words += row.key.tags;
    row.searchText = words.join(u'\n').toCaseFolded();
}

void KeyTableModel::applyTrend(Row &row, const KeyTrend &trend)
{
    const BurnEstimate &estimate = trend.estimate;
    // As the forecast alert: no figure from a few minutes of slow spending, but hours for a key
    // that drains fast.
    row.spentPerDay = estimate.microsPerHour * 24 / 1e6;
    row.daysLeft = BurnRate::forecastDays(estimate);
    row.forecastTooEarly = !trend.points.empty() && !BurnRate::enoughHistory(estimate);

    row.trend.clear();
    row.trend.shrink_to_fit(); // a live check may shorten it
    row.trendBaseMs = trend.points.empty() ? 0 : trend.points.front().atMs;
    row.trend.reserve(trend.points.size());
    for (const BalancePoint &point : trend.points)
        row.trend.push_back(
            {qint32((point.atMs - row.trendBaseMs) / 1000), float(double(point.remainingMicros) / 1e6)});
    row.trendLoaded = true;
    row.checkedWhileLoading = false;
    // Unique in the process, not only in this model: pixmaps drawn for a model since destroyed
    // (whose address a new one may take) are never taken for this row's.
    static quint64 revisions = 0;
    row.trendRevision = ++revisions;
}

QList<QPointF> KeyTableModel::trendOf(const Row &row) const
{
    QList<QPointF> points;
    points.reserve(qsizetype(row.trend.size()));
    for (const TrendPoint &point : row.trend)
        points.append(QPointF(double(row.trendBaseMs + qint64(point.atS) * 1000), double(point.amount)));
    return points;
}

Result<void> KeyTableModel::readTrends(std::span<const qint64> keyIds, std::vector<Row> &rows)
{
    if (keyIds.empty())
        return {};
    auto series = m_session.history().balanceSeries(keyIds, trendStart());
    if (!series)
        return tl::unexpected(series.error());
    // `rows` is m_rows, or the rows a reload is building (then found by id here).
    QHash<qint64, int> building;
    if (&rows != &m_rows) {
        building.reserve(qsizetype(rows.size()));
        for (std::size_t i = 0; i < rows.size(); ++i)
            building.insert(rows[i].key.id, int(i));
    }
    for (auto &[keyId, points] : *series) {
        const int index = &rows == &m_rows ? rowOfKey(keyId) : building.value(keyId, -1);
        if (index >= 0)
            applyTrend(rows[std::size_t(index)], TrendLoader::summarize(keyId, points, kMaxTrendPoints));
    }
    return {};
}

void KeyTableModel::loadTrendsInBackground()
{
    if (!TrendLoader::canLoad(m_session.databaseUrl())) {
        loadTrendsInSteps();
        return;
    }
    ++m_trendRun; // stops steps still queued
    if (!m_loader) {
        m_loader = std::make_unique<TrendLoader>(m_session.databaseUrl());
        connect(m_loader.get(), &TrendLoader::loaded, this, &KeyTableModel::onTrendsLoaded);
        connect(m_loader.get(), &TrendLoader::finished, this, &KeyTableModel::onTrendLoaderFinished);
    }
    std::vector<qint64> ids;
    ids.reserve(m_rows.size());
    for (const Row &row : m_rows) {
        if (!row.trendLoaded)
            ids.push_back(row.key.id);
    }
    m_loader->start(std::move(ids), trendStart().toMSecsSinceEpoch(), kMaxTrendPoints);
}

void KeyTableModel::onTrendsLoaded(const std::vector<KeyTrend> &trends)
{
    int first = rowCount();
    int last = -1;
    std::vector<qint64> again;
    for (const KeyTrend &trend : trends) {
        const int index = rowOfKey(trend.keyId);
        if (index < 0)
            continue;
        Row &row = m_rows[std::size_t(index)];
        if (row.checkedWhileLoading)
            again.push_back(trend.keyId);
        applyTrend(row, trend);
        first = std::min(first, index);
        last = std::max(last, index);
    }
    if (!again.empty()) {
        if (auto read = readTrends(again, m_rows); !read)
            qWarning("The trend cannot be read: %s", qPrintable(read.error().message));
    }
    if (last >= first)
        emit dataChanged(index(first, Bar), index(last, DaysLeft));
}

void KeyTableModel::onTrendLoaderFinished(const QString &failure)
{
    if (!failure.isEmpty())
        qWarning("The trends are read on this thread instead: %s", qPrintable(failure));
    const bool allLoaded =
        std::all_of(m_rows.begin(), m_rows.end(), [](const Row &row) { return row.trendLoaded; });
    if (!allLoaded) {
        // What a worker could not read: the steps skip the rows loaded.
        loadTrendsInSteps();
        return;
    }
    m_trendsLoaded = true;
    emit summaryChanged();
    emit trendsReady();
}

void KeyTableModel::rankNames()
{
    // Sort keys once per reload, so that sorting and re-sorting 10,000 rows compares integers
    // instead of collating two strings each time.
    const QCollator collator;
    const auto rank = [this, &collator](auto textOf, auto store) {
        std::vector<std::pair<QCollatorSortKey, std::size_t>> keys;
        keys.reserve(m_rows.size());
        for (std::size_t i = 0; i < m_rows.size(); ++i)
            keys.emplace_back(collator.sortKey(textOf(m_rows[i])), i);
        std::stable_sort(keys.begin(), keys.end(),
                         [](const auto &a, const auto &b) { return a.first.compare(b.first) < 0; });
        int place = 0;
        for (std::size_t i = 0; i < keys.size(); ++i) {
            if (i > 0 && keys[i - 1].first.compare(keys[i].first) != 0)
                ++place;
            store(m_rows[keys[i].second], place);
        }
    };
    rank([](const Row &row) -> const QString & { return row.key.name; },
         [](Row &row, int place) { row.nameRank = place; });
    rank([](const Row &row) -> const QString & { return row.platformName; },
         [](Row &row, int place) { row.platformRank = place; });
}

} // namespace qw::ui
