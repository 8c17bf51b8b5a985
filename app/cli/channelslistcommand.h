// `quotawatch channels list [--json]`: the alert channels, never their secrets.
#pragma once

#include "app/cli/command.h"

namespace qw::cli {

class ChannelsListCommand final : public Command
{
public:
    ChannelsListCommand();

protected:
    int run(CliContext &context, const QCommandLineParser &parser) override;

private:
    QCommandLineOption m_json{QStringLiteral("json"), QStringLiteral("Print JSON.")};
};

} // namespace qw::cli
