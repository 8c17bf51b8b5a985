// `quotawatch keys remove ID`: stops watching a key and deletes its history.
#pragma once

#include "app/cli/command.h"

namespace qw::cli {

class KeysRemoveCommand final : public Command
{
public:
    KeysRemoveCommand();

protected:
    int run(CliContext &context, const QCommandLineParser &parser) override;
};

} // namespace qw::cli
