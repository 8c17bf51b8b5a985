// `quotawatch user add|passwd|list|remove|registration`: the accounts of the REST API.
#pragma once

#include "app/cli/groupcommand.h"

namespace qw::cli {

class UserCommand final : public GroupCommand
{
public:
    UserCommand();
};

} // namespace qw::cli
