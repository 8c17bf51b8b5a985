#include "app/cli/channelscommand.h"

#include "app/cli/channelsaddcommand.h"
#include "app/cli/channelslistcommand.h"
#include "app/cli/channelsremovecommand.h"
#include "app/cli/channelstestcommand.h"

namespace qw::cli {

namespace {

std::vector<std::unique_ptr<Command>> actions()
{
    std::vector<std::unique_ptr<Command>> list;
    list.push_back(std::make_unique<ChannelsAddCommand>());
    list.push_back(std::make_unique<ChannelsListCommand>());
    list.push_back(std::make_unique<ChannelsTestCommand>());
    list.push_back(std::make_unique<ChannelsRemoveCommand>());
    return list;
}

} // namespace

ChannelsCommand::ChannelsCommand()
    : GroupCommand(
          QStringLiteral("channels"),
          QStringLiteral(
              "Usage: quotawatch channels add|list|test|remove ...\n"
              "  channels add --kind email --name N --host H [--port P] [--security none|starttls|tls] "
              "[--user U]\n"
              "               --from ADDR --to ADDR[,ADDR...] [--ca-file PEM] [--events LIST]\n"
              "               (password on standard input)\n"
              "  channels add --kind webhook|slack|discord|telegram|feishu|dingtalk|wecom --name N [--url "
              "URL]\n"
              "               [--option k=v]... [--events LIST]   (URL on standard input when --url is left "
              "out)\n"
              "  channels list [--json]\n"
              "  channels test ID\n"
              "  channels remove ID\n"),
          actions())
{}

} // namespace qw::cli
