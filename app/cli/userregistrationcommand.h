// `quotawatch user registration [open|close]`: the administrator's switch for self-service
// registration through the REST API; without an argument, whether it is open now.
#pragma once

#include "app/cli/command.h"

namespace qw::cli {

class UserRegistrationCommand final : public Command
{
public:
    UserRegistrationCommand();

protected:
    int run(CliContext &context, const QCommandLineParser &parser) override;
};

} // namespace qw::cli
