// `quotawatch history ID [--from T] [--to T] [--csv|--json]`: a key's stored checks.
#pragma once

#include <QDateTime>
#include <QStringList>
#include <optional>

namespace qw::cli {

class CliContext;

int runHistoryCommand(CliContext &context, const QStringList &args);

// A time given on the command line: an ISO 8601 date or date-time (UTC unless it says
// otherwise), or a span back from `now` such as 90m, 24h, 7d. nullopt when it is neither.
std::optional<QDateTime> parseTimeArgument(const QString &text, const QDateTime &now);

} // namespace qw::cli
