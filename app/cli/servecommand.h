// `quotawatch serve [--no-rest]`: the scheduler, headless, until SIGINT or SIGTERM.
#pragma once

#include "app/cli/command.h"
#include "app/cli/limitoptions.h"

namespace qw::cli {

class ServeCommand final : public Command
{
public:
    ServeCommand();

protected:
    int run(CliContext &context, const QCommandLineParser &parser) override;

private:
    QCommandLineOption m_noRest{QStringLiteral("no-rest"), QStringLiteral("Do not start the REST API.")};
    QCommandLineOption m_listen{QStringLiteral("listen"), QStringLiteral("REST API address (HOST:PORT)."),
                                QStringLiteral("address")};
    LimitOptions m_limits;
};

} // namespace qw::cli
