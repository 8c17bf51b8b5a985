#include "app/cli/keyscommand.h"

#include "app/cli/keysaddcommand.h"
#include "app/cli/keysimportcommand.h"
#include "app/cli/keyslistcommand.h"
#include "app/cli/keysremovecommand.h"
#include "app/cli/keystestcommand.h"

namespace qw::cli {

namespace {

std::vector<std::unique_ptr<Command>> actions()
{
    std::vector<std::unique_ptr<Command>> list;
    list.push_back(std::make_unique<KeysAddCommand>());
    list.push_back(std::make_unique<KeysListCommand>());
    list.push_back(std::make_unique<KeysRemoveCommand>());
    list.push_back(std::make_unique<KeysImportCommand>());
    list.push_back(std::make_unique<KeysTestCommand>());
    return list;
}

} // namespace

KeysCommand::KeysCommand()
    : GroupCommand(
          QStringLiteral("keys"),
          QStringLiteral("Usage: quotawatch keys add|list|remove|import|test ...\n"
                         "  keys add --name N --platform P [--base-url URL] [--threshold X] [--interval "
                         "30m] [--tag T]... [--option k=v]...\n"
                         "  keys list [--json]\n"
                         "  keys remove ID\n"
                         "  keys import FILE.csv\n"
                         "  keys test --platform P [--base-url URL] [--option k=v]...\n"),
          actions())
{}

} // namespace qw::cli
