#include "app/cli/tokencommand.h"

#include "app/cli/tokencreatecommand.h"
#include "app/cli/tokenlistcommand.h"
#include "app/cli/tokenrevokecommand.h"

namespace qw::cli {

namespace {

std::vector<std::unique_ptr<Command>> actions()
{
    std::vector<std::unique_ptr<Command>> list;
    list.push_back(std::make_unique<TokenCreateCommand>());
    list.push_back(std::make_unique<TokenListCommand>());
    list.push_back(std::make_unique<TokenRevokeCommand>());
    return list;
}

} // namespace

TokenCommand::TokenCommand()
    : GroupCommand(QStringLiteral("token"),
                   QStringLiteral("Usage: quotawatch token create|list|revoke ...\n"
                                  "  token create NAME [--user U]     (the token is shown once)\n"
                                  "  token list [--user U] [--json]\n"
                                  "  token revoke ID [--user U]\n"),
                   actions())
{}

} // namespace qw::cli
