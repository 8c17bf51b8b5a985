// A span of time as people write it: "7d" (the last seven days), "2026-01-01..2026-02-01",
// "2026-01-31T08:00:00Z.." or "..2026-02-01". Used by `history --from/--to`, the REST API's
// balance history and the history window alike.
#pragma once

#include "core/result.h"

#include <QDateTime>
#include <optional>

namespace qw {

struct TimeRange
{
    QDateTime from; // inclusive; null: open
    QDateTime to;   // exclusive; null: open

    // One point in time: "2026-01-31" (midnight UTC), "2026-01-31T08:00:00Z" (a time without a
    // zone is UTC), or back from `now`: "90m", "24h", "7d", "2w".
    [[nodiscard]] static std::optional<QDateTime> parseTime(const QString &text, const QDateTime &now);
    // A range: "A..B" with either side left out, or a single relative time such as "7d" for the
    // span from then until now. InvalidInput naming the text when it is neither.
    [[nodiscard]] static Result<TimeRange> parse(const QString &text, const QDateTime &now);
};

} // namespace qw
