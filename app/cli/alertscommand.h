// `quotawatch alerts [--key ID] [--limit N] [--json]`: the alerts raised, newest first, and where
// they were delivered; `alerts settings` goes to AlertsSettingsCommand.
#pragma once

#include "app/cli/alertssettingscommand.h"
#include "app/cli/command.h"

namespace qw::cli {

class AlertsCommand final : public Command
{
public:
    AlertsCommand();

    int execute(CliContext &context, const QStringList &args) override;

protected:
    int run(CliContext &context, const QCommandLineParser &parser) override;

private:
    AlertsSettingsCommand m_settings;
    QCommandLineOption m_key{QStringLiteral("key"), QStringLiteral("Only this key's alerts."),
                             QStringLiteral("id")};
    QCommandLineOption m_limit{QStringLiteral("limit"), QStringLiteral("At most this many (default 50)."),
                               QStringLiteral("n")};
    QCommandLineOption m_json{QStringLiteral("json"), QStringLiteral("Print JSON.")};
};

} // namespace qw::cli
