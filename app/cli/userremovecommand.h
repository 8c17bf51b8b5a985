// `quotawatch user remove NAME`: removes an account with its keys, channels and tokens; never
// the local owner the desktop and the command line act as.
#pragma once

#include "app/cli/command.h"

namespace qw::cli {

class UserRemoveCommand final : public Command
{
public:
    UserRemoveCommand();

protected:
    int run(CliContext &context, const QCommandLineParser &parser) override;
};

} // namespace qw::cli
