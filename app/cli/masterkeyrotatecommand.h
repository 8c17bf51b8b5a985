// `quotawatch master-key rotate`: a new master key; every secret is sealed again under it in one
// transaction, and the key is stored (or shown) only after the commit.
#pragma once

#include "app/cli/command.h"

namespace qw::cli {

class MasterKeyRotateCommand final : public Command
{
public:
    MasterKeyRotateCommand();

protected:
    int run(CliContext &context, const QCommandLineParser &parser) override;
};

} // namespace qw::cli
