// `quotawatch token create NAME [--user U]`: a personal access token for scripts and Prometheus,
// printed this once (only its hash is kept).
#pragma once

#include "app/cli/command.h"

namespace qw::cli {

class TokenCreateCommand final : public Command
{
public:
    TokenCreateCommand();

protected:
    int run(CliContext &context, const QCommandLineParser &parser) override;

private:
    QCommandLineOption m_user{QStringLiteral("user"),
                              QStringLiteral("The account (default: the local owner)."), QStringLiteral("U")};
};

} // namespace qw::cli
