// The per-key figures a monitoring scrape reports (latest check, days until empty), for one
// account or for every account. A scrape of a thousand keys must take milliseconds: the keys and
// their latest checks are two statements however many keys there are, and a key's forecast (a
// week of its balances) is read again only when the key has a new check or the forecast is an
// hour old, so one object kept between scrapes reads the history of the few keys checked since.
#pragma once

#include "core/model/apikey.h"
#include "core/model/balancepoint.h"
#include "core/model/snapshot.h"
#include "core/result.h"

#include <QDateTime>
#include <QHash>
#include <optional>
#include <vector>

namespace qw {

class Database;

struct KeyGauge
{
    ApiKey key;                           // its id, owner, name and platform only
    std::optional<Snapshot> latest;       // null: never checked
    std::optional<double> daysUntilEmpty; // from the burn rate of the last week, when spending
};

class KeyMetrics final
{
public:
    explicit KeyMetrics(Database &db)
        : m_db(db)
    {}

    // A forecast is recomputed at the latest this long after it was, as old readings leave the window.
    static constexpr qint64 kForecastMaxAgeMs = 60LL * 60 * 1000;

    // Every key of account `userId` (every account's when nullopt), by id, with its figures as of
    // `now`, in one read transaction.
    [[nodiscard]] Result<std::vector<KeyGauge>> collect(std::optional<qint64> userId, const QDateTime &now);

private:
    struct Forecast
    {
        qint64 latestSnapshotId = 0; // the check it was computed after
        qint64 computedAtMs = 0;
        std::optional<double> daysUntilEmpty;
    };

    [[nodiscard]] static std::optional<double> daysUntilEmpty(const std::vector<BalancePoint> &points);

    Database &m_db;
    QHash<qint64, Forecast> m_forecasts; // by key id
};

} // namespace qw
