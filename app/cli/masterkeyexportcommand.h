// `quotawatch master-key export`: prints the master key in use, once it opened this database, so
// another instance on the same database can be given it.
#pragma once

#include "app/cli/command.h"

namespace qw::cli {

class MasterKeyExportCommand final : public Command
{
public:
    MasterKeyExportCommand();

protected:
    int run(CliContext &context, const QCommandLineParser &parser) override;
};

} // namespace qw::cli
