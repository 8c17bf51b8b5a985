// `quotawatch channels remove ID`: deletes a channel and its undelivered alerts.
#pragma once

#include "app/cli/command.h"

namespace qw::cli {

class ChannelsRemoveCommand final : public Command
{
public:
    ChannelsRemoveCommand();

protected:
    int run(CliContext &context, const QCommandLineParser &parser) override;
};

} // namespace qw::cli
