#include "app/cli/dbcommand.h"

#include "app/cli/dbcompactcommand.h"
#include "app/cli/dbretentioncommand.h"
#include "app/cli/dbstatscommand.h"

namespace qw::cli {

namespace {

std::vector<std::unique_ptr<Command>> actions()
{
    std::vector<std::unique_ptr<Command>> list;
    list.push_back(std::make_unique<DbStatsCommand>());
    list.push_back(std::make_unique<DbCompactCommand>());
    list.push_back(std::make_unique<DbRetentionCommand>());
    return list;
}

} // namespace

DbCommand::DbCommand()
    : GroupCommand(
          QStringLiteral("db"),
          QStringLiteral(
              "Usage: quotawatch db stats|compact|retention ...\n"
              "  db stats [--json]      rows (raw and rolled up), size, oldest raw check, retention\n"
              "  db compact             roll up what is older than the retention now, then VACUUM\n"
              "  db retention [DAYS]    show or set how many days raw checks are kept\n"),
          actions())
{}

} // namespace qw::cli
