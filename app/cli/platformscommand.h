// `quotawatch platforms [--json]`: the platforms a key can belong to.
#pragma once

#include "app/cli/command.h"

namespace qw::cli {

class PlatformsCommand final : public Command
{
public:
    PlatformsCommand();

protected:
    int run(CliContext &context, const QCommandLineParser &parser) override;

private:
    QCommandLineOption m_json{QStringLiteral("json"), QStringLiteral("Print JSON instead of a table.")};
};

} // namespace qw::cli
