#include "app/cli/masterkeycommand.h"

#include "app/cli/masterkeyexportcommand.h"
#include "app/cli/masterkeyimportcommand.h"
#include "app/cli/masterkeyrotatecommand.h"

namespace qw::cli {

namespace {

std::vector<std::unique_ptr<Command>> actions()
{
    std::vector<std::unique_ptr<Command>> list;
    list.push_back(std::make_unique<MasterKeyExportCommand>());
    list.push_back(std::make_unique<MasterKeyImportCommand>());
    list.push_back(std::make_unique<MasterKeyRotateCommand>());
    return list;
}

} // namespace

MasterKeyCommand::MasterKeyCommand()
    : GroupCommand(
          QStringLiteral("master-key"),
          QStringLiteral("Usage: quotawatch master-key export|import|rotate ...\n"
                         "  master-key export                 (prints the master key once, to stdout)\n"
                         "  master-key import [--replace]     (the key on stdin; into the OS keychain)\n"
                         "  master-key rotate                 (a new key; every secret sealed again)\n"),
          actions())
{}

} // namespace qw::cli
