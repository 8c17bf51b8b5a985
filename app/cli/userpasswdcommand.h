// `quotawatch user passwd NAME`: sets an account's password (standard input), also the local
// owner's, so that the desktop's keys are reachable through the REST API.
#pragma once

#include "app/cli/command.h"

namespace qw::cli {

class UserPasswdCommand final : public Command
{
public:
    UserPasswdCommand();

protected:
    int run(CliContext &context, const QCommandLineParser &parser) override;
};

} // namespace qw::cli
