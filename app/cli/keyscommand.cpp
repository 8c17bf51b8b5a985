#include "app/cli/keyscommand.h"

#include "app/cli/keysaddcommand.h"
#include "app/cli/keyseditcommand.h"
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
    list.push_back(std::make_unique<KeysEditCommand>());
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
          QStringLiteral("Usage: quotawatch keys add|edit|list|remove|import|test ...\n"
                         "  keys add --name N --platform P [--base-url URL] [--threshold X] [--interval "
                         "30m] [--tag T]... [--option k=v]...\n"
                         "  keys edit ID [--name N] [--platform P] [--base-url URL] [--threshold X] "
                         "[--interval 30m] [--option k=v]... [--secret-stdin] [--rebind]\n"
                         "  keys list [--json]\n"
                         "  keys remove ID\n"
                         "  keys import FILE.csv\n"
                         "  keys test --platform P [--base-url URL] [--option k=v]...\n"),
          actions())
{}

} // namespace qw::cli
