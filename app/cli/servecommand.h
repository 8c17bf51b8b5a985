// `quotawatch serve [--no-rest]`: the scheduler, headless, until SIGINT or SIGTERM.
#pragma once

#include <QStringList>

namespace qw::cli {

class CliContext;

int runServeCommand(CliContext &context, const QStringList &args);

} // namespace qw::cli
