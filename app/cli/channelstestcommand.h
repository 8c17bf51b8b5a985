// `quotawatch channels test ID`: sends a test message through a channel now.
#pragma once

#include "app/cli/command.h"

namespace qw::cli {

class ChannelsTestCommand final : public Command
{
public:
    ChannelsTestCommand();

protected:
    int run(CliContext &context, const QCommandLineParser &parser) override;
};

} // namespace qw::cli
