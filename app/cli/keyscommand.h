// `quotawatch keys add|list|remove|import`.
#pragma once

#include <QStringList>

namespace qw::cli {

class CliContext;

int runKeysCommand(CliContext &context, const QStringList &args);

} // namespace qw::cli
