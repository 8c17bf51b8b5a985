// The per-key figures a monitoring scrape reports (latest check, days until empty), for one
// account or for every account, read in a fixed number of statements however many keys there
// are: a Prometheus scrape of a thousand keys must not become thousands of queries.
#pragma once

#include "core/model/apikey.h"
#include "core/model/snapshot.h"
#include "core/result.h"

#include <QDateTime>
#include <optional>
#include <vector>

namespace qw {

class Database;

struct KeyGauge
{
    ApiKey key;                           // without its secret token
    std::optional<Snapshot> latest;       // null: never checked
    std::optional<double> daysUntilEmpty; // from the burn rate of the last week, when spending
};

class KeyMetrics final
{
public:
    explicit KeyMetrics(Database &db)
        : m_db(db)
    {}

    // Every key of account `userId` (every account's when nullopt), by id, with its figures as of
    // `now`. Three statements in one read transaction.
    [[nodiscard]] Result<std::vector<KeyGauge>> collect(std::optional<qint64> userId, const QDateTime &now);

private:
    Database &m_db;
};

} // namespace qw
