// `quotawatch db retention [DAYS]`: shows or sets how many days raw checks are kept before they
// are rolled up (the same setting as the desktop's Settings > Database, shared by every
// instance on the database).
#pragma once

#include "app/cli/command.h"

namespace qw::cli {

class DbRetentionCommand final : public Command
{
public:
    DbRetentionCommand();

protected:
    int run(CliContext &context, const QCommandLineParser &parser) override;
};

} // namespace qw::cli
