// `quotawatch keys import FILE.csv`: many keys from a CSV file, all or none.
#pragma once

#include "app/cli/command.h"

namespace qw::cli {

class KeysImportCommand final : public Command
{
public:
    KeysImportCommand();

protected:
    int run(CliContext &context, const QCommandLineParser &parser) override;
};

} // namespace qw::cli
