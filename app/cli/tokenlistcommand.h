// `quotawatch token list [--user U] [--json]`: an account's personal access tokens with when they
// were last used; never a token or its hash.
#pragma once

#include "app/cli/command.h"

namespace qw::cli {

class TokenListCommand final : public Command
{
public:
    TokenListCommand();

protected:
    int run(CliContext &context, const QCommandLineParser &parser) override;

private:
    QCommandLineOption m_user{QStringLiteral("user"),
                              QStringLiteral("The account (default: the local owner)."), QStringLiteral("U")};
    QCommandLineOption m_json{QStringLiteral("json"), QStringLiteral("Print JSON.")};
};

} // namespace qw::cli
