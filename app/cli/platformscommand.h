// `quotawatch platforms [--json]`: the platform ids a key can use.
#pragma once

#include <QStringList>

namespace qw::cli {

class CliContext;

int runPlatformsCommand(CliContext &context, const QStringList &args);

} // namespace qw::cli
