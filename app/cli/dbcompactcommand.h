// `quotawatch db compact`: rolls up now what is older than the retention (what a running engine
// does in the background every hour), then gives the free space back (VACUUM / VACUUM ANALYZE).
#pragma once

#include "app/cli/command.h"

namespace qw::cli {

class DbCompactCommand final : public Command
{
public:
    DbCompactCommand();

protected:
    int run(CliContext &context, const QCommandLineParser &parser) override;
};

} // namespace qw::cli
