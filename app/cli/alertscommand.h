// `quotawatch alerts`: the alerts raised, newest first, with where each was delivered.
#pragma once

#include <QStringList>

namespace qw::cli {

class CliContext;

int runAlertsCommand(CliContext &context, const QStringList &args);

} // namespace qw::cli
