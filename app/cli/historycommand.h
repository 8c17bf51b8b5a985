// `quotawatch history ID [--from T] [--to T] [--csv|--json]`: a key's stored checks.
#pragma once

#include "app/cli/command.h"

#include <QDateTime>
#include <optional>

namespace qw::cli {

class HistoryCommand final : public Command
{
public:
    HistoryCommand();

protected:
    int run(CliContext &context, const QCommandLineParser &parser) override;

private:
    QCommandLineOption m_from{
        QStringLiteral("from"),
        QStringLiteral("Start: 2026-01-31, 2026-01-31T08:00:00Z, or back from now: 24h, 7d."),
        QStringLiteral("T")};
    QCommandLineOption m_to{QStringLiteral("to"), QStringLiteral("End (exclusive), same forms as --from."),
                            QStringLiteral("T")};
    QCommandLineOption m_csv{QStringLiteral("csv"), QStringLiteral("Print CSV.")};
    QCommandLineOption m_json{QStringLiteral("json"), QStringLiteral("Print JSON.")};
};

// A time given on the command line: an ISO 8601 date or date-time (UTC unless it says
// otherwise), or a span back from `now` such as 90m, 24h, 7d. nullopt when it is neither.
std::optional<QDateTime> parseTimeArgument(const QString &text, const QDateTime &now);

} // namespace qw::cli
