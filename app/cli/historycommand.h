// `quotawatch history ID [--from T] [--to T] [--csv|--json]`: a key's stored checks.
#pragma once

#include "app/cli/command.h"

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

} // namespace qw::cli
