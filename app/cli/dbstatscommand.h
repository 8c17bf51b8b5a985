// `quotawatch db stats [--json]`: the database's size, its raw checks and rolled-up runs, the
// oldest raw check and the retention.
#pragma once

#include "app/cli/command.h"

namespace qw::cli {

class DbStatsCommand final : public Command
{
public:
    DbStatsCommand();

    // "812 KB", "74.3 MB", "1.20 GB" (decimal units, as file managers show sizes).
    [[nodiscard]] static QString sizeText(qint64 bytes);

protected:
    int run(CliContext &context, const QCommandLineParser &parser) override;

private:
    QCommandLineOption m_json{QStringLiteral("json"), QStringLiteral("Print JSON.")};
};

} // namespace qw::cli
