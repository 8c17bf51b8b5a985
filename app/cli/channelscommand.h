// `quotawatch channels add|list|test|remove`: where alerts are delivered.
#pragma once

#include <QStringList>

namespace qw::cli {

class CliContext;

int runChannelsCommand(CliContext &context, const QStringList &args);

} // namespace qw::cli
