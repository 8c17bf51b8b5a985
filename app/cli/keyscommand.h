// `quotawatch keys add|list|remove|import|test`: the watched keys.
#pragma once

#include "app/cli/groupcommand.h"

namespace qw::cli {

class KeysCommand final : public GroupCommand
{
public:
    KeysCommand();
};

} // namespace qw::cli
