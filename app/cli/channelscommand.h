// `quotawatch channels add|list|test|remove`: where alerts are delivered.
#pragma once

#include "app/cli/groupcommand.h"

namespace qw::cli {

class ChannelsCommand final : public GroupCommand
{
public:
    ChannelsCommand();
};

} // namespace qw::cli
