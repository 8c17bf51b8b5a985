// `quotawatch db stats|compact|retention`: what the history takes and how long raw checks are kept.
#pragma once

#include "app/cli/groupcommand.h"

namespace qw::cli {

class DbCommand final : public GroupCommand
{
public:
    DbCommand();
};

} // namespace qw::cli
