// `quotawatch token revoke ID [--user U]`: a personal access token stops working at once.
#pragma once

#include "app/cli/command.h"

namespace qw::cli {

class TokenRevokeCommand final : public Command
{
public:
    TokenRevokeCommand();

protected:
    int run(CliContext &context, const QCommandLineParser &parser) override;

private:
    QCommandLineOption m_user{QStringLiteral("user"),
                              QStringLiteral("The account (default: the local owner)."), QStringLiteral("U")};
};

} // namespace qw::cli
