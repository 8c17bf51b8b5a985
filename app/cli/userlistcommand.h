// `quotawatch user list [--json]`: the accounts, whether they can sign in with a password, never
// a password hash.
#pragma once

#include "app/cli/command.h"

namespace qw::cli {

class UserListCommand final : public Command
{
public:
    UserListCommand();

protected:
    int run(CliContext &context, const QCommandLineParser &parser) override;

private:
    QCommandLineOption m_json{QStringLiteral("json"), QStringLiteral("Print JSON.")};
};

} // namespace qw::cli
