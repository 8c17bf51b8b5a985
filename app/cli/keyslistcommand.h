// `quotawatch keys list [--json]`: the watched keys, never their secrets.
#pragma once

#include "app/cli/command.h"

namespace qw::cli {

class KeysListCommand final : public Command
{
public:
    KeysListCommand();

protected:
    int run(CliContext &context, const QCommandLineParser &parser) override;

private:
    QCommandLineOption m_json{QStringLiteral("json"), QStringLiteral("Print JSON instead of a table.")};
};

} // namespace qw::cli
