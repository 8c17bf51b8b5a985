#include "core/storage/snapshotrepository.h"

#include "core/storage/database.h"
#include "core/storage/sqlvalues.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <limits>

namespace qw {

namespace {

const QString kInsert =
    QStringLiteral("INSERT INTO snapshots (key_id, checked_at, status, kind, remaining, used, "
                   "\"limit\", unit, balances_json, error, latency_ms, resets_at, details_json) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
const QString kColumns =
    QStringLiteral("id, key_id, checked_at, status, kind, remaining, used, \"limit\", unit, "
                   "balances_json, error, latency_ms, resets_at, details_json");

// A single balance that is just the headline (remaining, unit) is not stored twice: most keys
// have one currency, and this keeps rows small and reads of long histories fast. Balances keep
// their amounts as decimal strings so that JSON never rounds them.
bool onlyHeadline(const Snapshot &snapshot)
{
    return snapshot.balances.empty() ||
           (snapshot.balances.size() == 1 && snapshot.remaining == snapshot.balances.front().amount &&
            snapshot.unit == snapshot.balances.front().unit);
}

QString balancesToJson(const Snapshot &snapshot)
{
    const std::vector<Balance> &balances = snapshot.balances;
    if (onlyHeadline(snapshot))
        return QStringLiteral("[]");
    QJsonArray array;
    for (const Balance &balance : balances)
        array.append(QJsonObject{{QStringLiteral("amount"), balance.amount.toString()},
                                 {QStringLiteral("unit"), balance.unit}});
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

std::vector<Balance> balancesFromJson(const QString &text, const Snapshot &headline)
{
    std::vector<Balance> balances;
    if (text.size() <= 2) {
        if (headline.remaining && !headline.unit.isEmpty())
            balances.push_back({*headline.remaining, headline.unit});
        return balances;
    }
    const QJsonArray array = QJsonDocument::fromJson(text.toUtf8()).array();
    balances.reserve(std::size_t(array.size()));
    for (const QJsonValue &value : array) {
        const QJsonObject object = value.toObject();
        if (auto amount = Amount::parse(object.value(QLatin1String("amount")).toString()))
            balances.push_back({*amount, object.value(QLatin1String("unit")).toString()});
    }
    return balances;
}

// Details keep their amounts as decimal strings (like balances) and their reset time as ISO 8601
// UTC, so the column reads the same in a database browser as in the JSON of a check. A check
// without details stores NULL: no text at all for the common single-number reading.
QVariant detailsToJson(const std::vector<ReadingDetail> &details)
{
    if (details.empty())
        return QVariant(QMetaType::fromType<QString>());
    QJsonArray array;
    for (const ReadingDetail &detail : details) {
        QJsonObject object{{QStringLiteral("name"), detail.name}};
        if (detail.remaining)
            object.insert(QStringLiteral("remaining"), detail.remaining->toString());
        if (detail.used)
            object.insert(QStringLiteral("used"), detail.used->toString());
        if (detail.limit)
            object.insert(QStringLiteral("limit"), detail.limit->toString());
        if (!detail.unit.isEmpty())
            object.insert(QStringLiteral("unit"), detail.unit);
        if (detail.resetsAt.isValid())
            object.insert(QStringLiteral("resets_at"), detail.resetsAt.toUTC().toString(Qt::ISODateWithMs));
        array.append(object);
    }
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

// "2026-12-07T04:00:00.250Z", as detailsToJson writes it, read without QDateTime::fromString:
// that parser is general and slow, and a year of a plan's checks holds a few hundred thousand of
// these. Anything else falls back to it.
QDateTime detailTime(const QString &text)
{
    const auto digits = [&](qsizetype from, qsizetype count) {
        int value = 0;
        for (qsizetype i = from; i < from + count; ++i) {
            const QChar c = text.at(i);
            if (c < u'0' || c > u'9')
                return -1;
            value = value * 10 + (c.unicode() - u'0');
        }
        return value;
    };
    if (text.size() == 24 && text.at(4) == u'-' && text.at(7) == u'-' && text.at(10) == u'T' &&
        text.at(13) == u':' && text.at(16) == u':' && text.at(19) == u'.' && text.at(23) == u'Z') {
        const QDate date(digits(0, 4), digits(5, 2), digits(8, 2));
        const QTime time(digits(11, 2), digits(14, 2), digits(17, 2), digits(20, 3));
        if (date.isValid() && time.isValid())
            return QDateTime(date, time, Qt::UTC);
    }
    return QDateTime::fromString(text, Qt::ISODateWithMs).toUTC();
}

std::optional<Amount> detailAmount(const QJsonObject &object, QLatin1String field)
{
    const QJsonValue value = object.value(field);
    return value.isString() ? Amount::parse(value.toString()) : std::nullopt;
}

std::vector<ReadingDetail> detailsFromJson(const QVariant &column)
{
    std::vector<ReadingDetail> details;
    if (column.isNull())
        return details;
    const QJsonArray array = QJsonDocument::fromJson(column.toString().toUtf8()).array();
    details.reserve(std::size_t(array.size()));
    for (const QJsonValue &value : array) {
        const QJsonObject object = value.toObject();
        ReadingDetail detail;
        detail.name = object.value(QLatin1String("name")).toString();
        detail.remaining = detailAmount(object, QLatin1String("remaining"));
        detail.used = detailAmount(object, QLatin1String("used"));
        detail.limit = detailAmount(object, QLatin1String("limit"));
        detail.unit = object.value(QLatin1String("unit")).toString();
        const QString resetsAt = object.value(QLatin1String("resets_at")).toString();
        if (!resetsAt.isEmpty())
            detail.resetsAt = detailTime(resetsAt);
        details.push_back(std::move(detail));
    }
    return details;
}

QVariantList valuesOf(const Snapshot &snapshot)
{
    return {snapshot.keyId,
            sql::fromTime(snapshot.checkedAt),
            toString(snapshot.status),
            snapshot.kind ? QVariant(toString(*snapshot.kind)) : QVariant(QMetaType::fromType<QString>()),
            sql::fromAmount(snapshot.remaining),
            sql::fromAmount(snapshot.used),
            sql::fromAmount(snapshot.limit),
            snapshot.unit.isNull() ? QStringLiteral("") : snapshot.unit, // the column is NOT NULL
            balancesToJson(snapshot),
            sql::fromText(snapshot.error),
            snapshot.latencyMs,
            sql::fromTime(snapshot.resetsAt),
            detailsToJson(snapshot.details)};
}

Snapshot fromRow(const QSqlQuery &query)
{
    Snapshot snapshot;
    snapshot.id = query.value(0).toLongLong();
    snapshot.keyId = query.value(1).toLongLong();
    snapshot.checkedAt = sql::toTime(query.value(2));
    snapshot.status = checkStatusFromString(query.value(3).toString()).value_or(CheckStatus::ParseError);
    const QVariant kind = query.value(4);
    if (!kind.isNull())
        snapshot.kind = readingKindFromString(kind.toString());
    snapshot.remaining = sql::toAmount(query.value(5));
    snapshot.used = sql::toAmount(query.value(6));
    snapshot.limit = sql::toAmount(query.value(7));
    snapshot.unit = query.value(8).toString();
    snapshot.balances = balancesFromJson(query.value(9).toString(), snapshot);
    snapshot.error = query.value(10).toString();
    snapshot.latencyMs = query.value(11).toInt();
    snapshot.resetsAt = sql::toTime(query.value(12));
    snapshot.details = detailsFromJson(query.value(13));
    return snapshot;
}

// Open bounds become the extremes of the column so that one statement serves every call.
std::pair<qint64, qint64> boundsOf(const QDateTime &from, const QDateTime &to)
{
    return {from.isValid() ? from.toMSecsSinceEpoch() : std::numeric_limits<qint64>::min(),
            to.isValid() ? to.toMSecsSinceEpoch() : std::numeric_limits<qint64>::max()};
}

// The longest run a rolled row may span (a daily run): the close point of a run ending in a
// range started at most this long before it, which bounds the index range its branch reads.
constexpr qint64 kLongestRunMs = 24LL * 3600 * 1000;

} // namespace

bool SnapshotRepository::readsRawOnlyFrom(qint64 fromMs)
{
    // The reach of the roll-up over every key, read once per repository object (one probe of
    // rollup_progress_hourly_idx), so a loop over many keys' series adds nothing per key.
    if (!m_rolledThroughMs) {
        // Kept prepared: every alert evaluation (a new repository per check) asks it once.
        auto reach = m_db.runCached(QStringLiteral("SELECT MAX(hourly_through) FROM rollup_progress"));
        if (!reach)
            m_rolledThroughMs = std::numeric_limits<qint64>::max(); // unknown: read both, always right
        else if (QSqlQuery &query = reach->query(); query.next() && !query.value(0).isNull())
            m_rolledThroughMs = query.value(0).toLongLong();
        else
            m_rolledThroughMs = std::numeric_limits<qint64>::min(); // nothing rolled yet
    }
    return *m_rolledThroughMs <= fromMs;
}

// The one table expression every reader of a key's history selects from, so that the raw
// checks and the rolled runs (snapshot_rollups, see RetentionService) read as one series: a run
// is its first reading at first_at and its last at last_at (one point when it is one check);
// within a run the balance only falls, so the series spends what the raw checks spent, on the
// same day. The rows have kColumns; rolled points have id 0 and no balances, details or reset
// time. `keys` is a condition on key_id with `keyValues` for its placeholders; the time bounds go
// into every branch so each reads one range of its (key_id, time) index. Ranges that no rolled run
// can reach (after the rolled-through time in rollup_progress: nearly every chart, trend and
// alert) read the raw checks alone, in index order, without sorting a union.
SnapshotRepository::HistorySource
SnapshotRepository::history(const QString &keys, const QVariantList &keyValues, qint64 fromMs, qint64 toMs)
{
    const bool rolled = !readsRawOnlyFrom(fromMs);
    HistorySource source;
    source.sql = QStringLiteral("(SELECT ") + kColumns + QStringLiteral(" FROM snapshots WHERE ") + keys +
                 QStringLiteral(" AND checked_at >= ? AND checked_at < ?");
    source.values << keyValues << fromMs << toMs;
    if (rolled) {
        const QString select =
            QStringLiteral(" UNION ALL SELECT 0, key_id, %1, status, kind, %2, %3, \"limit\", unit, '[]', "
                           "error, latency_ms, "
                           "CAST(NULL AS BIGINT), CAST(NULL AS TEXT) FROM snapshot_rollups WHERE ");
        source.sql += select.arg(QLatin1String("first_at"), QLatin1String("open_remaining"),
                                 QLatin1String("open_used")) +
                      keys + QStringLiteral(" AND first_at >= ? AND first_at < ? AND first_at < last_at") +
                      select.arg(QLatin1String("last_at"), QLatin1String("close_remaining"),
                                 QLatin1String("close_used")) +
                      keys +
                      QStringLiteral(" AND first_at >= ? AND first_at < ? AND last_at >= ? AND last_at < ?");
        // A run ending in the range began at most a day (the longest run) before it.
        const qint64 runFromMs =
            fromMs < std::numeric_limits<qint64>::min() + kLongestRunMs ? fromMs : fromMs - kLongestRunMs;
        source.values << keyValues << fromMs << toMs << keyValues << runFromMs << toMs << fromMs << toMs;
    }
    source.sql += QStringLiteral(") history");
    return source;
}

Result<qint64> SnapshotRepository::insert(const Snapshot &snapshot)
{
    auto statement = m_db.runCached(kInsert, valuesOf(snapshot));
    if (!statement)
        return tl::unexpected(statement.error());
    QSqlQuery &query = statement->query();
    return query.lastInsertId().toLongLong();
}

Result<void> SnapshotRepository::insertMany(std::span<const Snapshot> snapshots, int batchSize)
{
    batchSize = std::max(1, batchSize);
    for (std::size_t start = 0; start < snapshots.size(); start += std::size_t(batchSize)) {
        const auto batch =
            snapshots.subspan(start, std::min(snapshots.size() - start, std::size_t(batchSize)));
        Transaction transaction(m_db);
        if (!transaction.started())
            return tl::unexpected(transaction.started().error());
        auto query = m_db.prepare(kInsert);
        if (!query)
            return tl::unexpected(query.error());
        for (const Snapshot &snapshot : batch) {
            const QVariantList values = valuesOf(snapshot);
            for (int i = 0; i < values.size(); ++i)
                query->bindValue(i, values[i]);
            if (!query->exec())
                return tl::unexpected(m_db.queryError(*query, QStringLiteral("storing snapshots")));
        }
        if (auto committed = transaction.commit(); !committed)
            return tl::unexpected(committed.error());
    }
    return {};
}

Result<std::vector<Snapshot>> SnapshotRepository::range(qint64 keyId, const QDateTime &from,
                                                        const QDateTime &to, qint64 offset, qint64 limit)
{
    // Open bounds become the extremes of the column so that one statement serves every call.
    const auto [fromMs, toMs] = boundsOf(from, to);
    const HistorySource source = history(QStringLiteral("key_id = ?"), {keyId}, fromMs, toMs);
    auto query = m_db.run(QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM ") + source.sql +
                              QStringLiteral(" ORDER BY checked_at, id LIMIT ? OFFSET ?"),
                          source.values + QVariantList{limit < 0 ? std::numeric_limits<qint64>::max() : limit,
                                                       std::max<qint64>(0, offset)});
    if (!query)
        return tl::unexpected(query.error());
    std::vector<Snapshot> snapshots;
    while (query->next())
        snapshots.push_back(fromRow(*query));
    return snapshots;
}

Result<std::vector<BalancePoint>> SnapshotRepository::balanceSeries(qint64 keyId, const QDateTime &from,
                                                                    const QDateTime &to)
{
    const auto [fromMs, toMs] = boundsOf(from, to);
    const HistorySource source = history(QStringLiteral("key_id = ?"), {keyId}, fromMs, toMs);
    auto statement = m_db.runCached(QStringLiteral("SELECT checked_at, remaining FROM ") + source.sql +
                                        QStringLiteral(" WHERE status = 'ok' AND remaining IS NOT NULL "
                                                       "ORDER BY checked_at, id"),
                                    source.values);
    if (!statement)
        return tl::unexpected(statement.error());
    QSqlQuery &query = statement->query();
    std::vector<BalancePoint> points;
    while (query.next())
        points.push_back({query.value(0).toLongLong(), query.value(1).toLongLong()});
    return points;
}

Result<qint64> SnapshotRepository::countInRange(qint64 keyId, const QDateTime &from, const QDateTime &to)
{
    const auto [fromMs, toMs] = boundsOf(from, to);
    const HistorySource source = history(QStringLiteral("key_id = ?"), {keyId}, fromMs, toMs);
    auto query = m_db.run(QStringLiteral("SELECT COUNT(*) FROM ") + source.sql, source.values);
    if (!query)
        return tl::unexpected(query.error());
    return query->next() ? query->value(0).toLongLong() : 0;
}

// latest() and latestOfEach() read the raw checks alone: a key's newest check is never rolled up
// (RetentionService keeps it), so the newest raw check is the newest of the whole history.
Result<std::optional<Snapshot>> SnapshotRepository::latest(qint64 keyId)
{
    auto statement = m_db.runCached(
        QStringLiteral("SELECT ") + kColumns +
            QStringLiteral(" FROM snapshots WHERE key_id = ? ORDER BY checked_at DESC, id DESC LIMIT 1"),
        {keyId});
    if (!statement)
        return tl::unexpected(statement.error());
    QSqlQuery &query = statement->query();
    if (!query.next())
        return std::optional<Snapshot>();
    return std::optional<Snapshot>(fromRow(query));
}

Result<std::vector<Snapshot>> SnapshotRepository::newest(qint64 keyId, const QDateTime &from,
                                                         const QDateTime &to, qint64 limit)
{
    const auto [fromMs, toMs] = boundsOf(from, to);
    const HistorySource source = history(QStringLiteral("key_id = ?"), {keyId}, fromMs, toMs);
    auto statement =
        m_db.runCached(QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM ") + source.sql +
                           QStringLiteral(" ORDER BY checked_at DESC, id DESC LIMIT ?"),
                       source.values + QVariantList{std::max<qint64>(0, limit)});
    if (!statement)
        return tl::unexpected(statement.error());
    QSqlQuery &query = statement->query();
    std::vector<Snapshot> snapshots;
    while (query.next())
        snapshots.push_back(fromRow(query));
    return snapshots;
}

namespace {

// The latest check of each key of api_keys `k` that `keyFilter` (a WHERE clause on k, or empty)
// keeps, by key id. A correlated subquery per key walks the (key_id, checked_at) index backwards
// once; a GROUP BY over the whole table would read every snapshot ever stored.
QString latestOfEachSql(const QString &keyFilter)
{
    return QStringLiteral("SELECT ") + kColumns +
           QStringLiteral(
               " FROM snapshots WHERE id IN (SELECT (SELECT s.id FROM snapshots s WHERE s.key_id = "
               "k.id ORDER BY s.checked_at DESC, s.id DESC LIMIT 1) FROM api_keys k") +
           keyFilter + QStringLiteral(") ORDER BY key_id");
}

std::vector<Snapshot> snapshotsOf(QSqlQuery &query)
{
    std::vector<Snapshot> snapshots;
    while (query.next())
        snapshots.push_back(fromRow(query));
    return snapshots;
}

} // namespace

Result<std::vector<Snapshot>> SnapshotRepository::latestOfEach(std::optional<qint64> userId)
{
    auto query = userId ? m_db.run(latestOfEachSql(QStringLiteral(" WHERE k.user_id = ?")), {*userId})
                        : m_db.run(latestOfEachSql({}));
    if (!query)
        return tl::unexpected(query.error());
    return snapshotsOf(*query);
}

Result<std::vector<Snapshot>> SnapshotRepository::latestOfEach(qint64 userId, qint64 firstId, qint64 lastId)
{
    auto statement =
        m_db.runCached(latestOfEachSql(QStringLiteral(" WHERE k.user_id = ? AND k.id >= ? AND k.id <= ?")),
                       {userId, firstId, lastId});
    if (!statement)
        return tl::unexpected(statement.error());
    return snapshotsOf(statement->query());
}

Result<std::vector<std::pair<qint64, BalancePoint>>>
SnapshotRepository::balanceSeriesOfEach(std::optional<qint64> userId, const QDateTime &from)
{
    const auto [fromMs, toMs] = boundsOf(from, {});
    // Driven from the keys (key_id IN ...), so each key's window is one range of the (key_id,
    // time) indexes rather than a scan of every snapshot for the time condition.
    const HistorySource source =
        userId ? history(QStringLiteral("key_id IN (SELECT id FROM api_keys WHERE user_id = ?)"), {*userId},
                         fromMs, toMs)
               : history(QStringLiteral("key_id IN (SELECT id FROM api_keys)"), {}, fromMs, toMs);
    return seriesByKey(source, false);
}

Result<std::vector<std::pair<qint64, BalancePoint>>>
SnapshotRepository::balanceSeriesOfEach(const std::vector<qint64> &keyIds, const QDateTime &from,
                                        const QDateTime &to)
{
    if (keyIds.empty())
        return std::vector<std::pair<qint64, BalancePoint>>();
    const auto [fromMs, toMs] = boundsOf(from, to);
    const sql::InList ids = sql::inList(keyIds);
    // Every stored batch asks this: kept prepared (inList() pads it to one of a few lengths).
    return seriesByKey(history(QStringLiteral("key_id IN (") + ids.placeholders + QLatin1Char(')'),
                               ids.values, fromMs, toMs),
                       true);
}

Result<std::vector<std::pair<qint64, BalancePoint>>>
SnapshotRepository::seriesByKey(const HistorySource &source, bool keepPrepared)
{
    const QString sql =
        QStringLiteral("SELECT key_id, checked_at, remaining FROM ") + source.sql +
        QStringLiteral(" WHERE status = 'ok' AND remaining IS NOT NULL ORDER BY key_id, checked_at, id");
    std::vector<std::pair<qint64, BalancePoint>> points;
    const auto read = [&points](QSqlQuery &query) {
        while (query.next())
            points.emplace_back(query.value(0).toLongLong(),
                                BalancePoint{query.value(1).toLongLong(), query.value(2).toLongLong()});
    };
    if (keepPrepared) {
        auto statement = m_db.runCached(sql, source.values);
        if (!statement)
            return tl::unexpected(statement.error());
        read(statement->query());
    } else {
        auto query = m_db.run(sql, source.values);
        if (!query)
            return tl::unexpected(query.error());
        read(*query);
    }
    return points;
}

} // namespace qw
