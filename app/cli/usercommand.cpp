#include "app/cli/usercommand.h"

#include "app/cli/useraddcommand.h"
#include "app/cli/userlistcommand.h"
#include "app/cli/userpasswdcommand.h"
#include "app/cli/userregistrationcommand.h"
#include "app/cli/userremovecommand.h"

namespace qw::cli {

namespace {

std::vector<std::unique_ptr<Command>> actions()
{
    std::vector<std::unique_ptr<Command>> list;
    list.push_back(std::make_unique<UserAddCommand>());
    list.push_back(std::make_unique<UserPasswdCommand>());
    list.push_back(std::make_unique<UserListCommand>());
    list.push_back(std::make_unique<UserRemoveCommand>());
    list.push_back(std::make_unique<UserRegistrationCommand>());
    return list;
}

} // namespace

UserCommand::UserCommand()
    : GroupCommand(QStringLiteral("user"),
                   QStringLiteral("Usage: quotawatch user add|passwd|list|remove|registration ...\n"
                                  "  user add NAME [--admin]          (password on standard input)\n"
                                  "  user passwd NAME                 (password on standard input)\n"
                                  "  user list [--json]\n"
                                  "  user remove NAME\n"
                                  "  user registration [open|close]\n"),
                   actions())
{}

} // namespace qw::cli
