// `quotawatch token create|list|revoke`: personal access tokens for the REST API.
#pragma once

#include "app/cli/groupcommand.h"

namespace qw::cli {

class TokenCommand final : public GroupCommand
{
public:
    TokenCommand();
};

} // namespace qw::cli
