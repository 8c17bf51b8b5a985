// `quotawatch user add NAME [--admin]`: an account for the REST API, its password read from
// standard input (never argv).
#pragma once

#include "app/cli/command.h"

namespace qw::cli {

class UserAddCommand final : public Command
{
public:
    UserAddCommand();

protected:
    int run(CliContext &context, const QCommandLineParser &parser) override;

private:
    QCommandLineOption m_admin{QStringLiteral("admin"), QStringLiteral("Make the account an administrator.")};
};

} // namespace qw::cli
