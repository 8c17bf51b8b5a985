// `quotawatch check [ID...]`: checks stored keys now through the session (Session::checkNow), stores the
// results, delivers the alerts they raise once, and prints them as a table or JSON.
#pragma once

#include "app/cli/command.h"
#include "app/cli/limitoptions.h"

namespace qw::cli {

class CheckCommand final : public Command
{
public:
    CheckCommand();

protected:
    int run(CliContext &context, const QCommandLineParser &parser) override;

private:
    QCommandLineOption m_json{QStringLiteral("json"), QStringLiteral("Print JSON instead of a table.")};
    LimitOptions m_limits;
};

} // namespace qw::cli
