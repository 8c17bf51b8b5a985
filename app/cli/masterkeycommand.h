// `quotawatch master-key export|import|rotate`: one master key for every instance on a shared
// database.
#pragma once

#include "app/cli/groupcommand.h"

namespace qw::cli {

class MasterKeyCommand final : public GroupCommand
{
public:
    MasterKeyCommand();
};

} // namespace qw::cli
