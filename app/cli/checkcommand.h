// `quotawatch check [ID...]` and `quotawatch keys test`: checks run now, through CheckService
// (stored) or CheckRunner (a key not saved yet), with their results as a table or JSON.
#pragma once

#include <QStringList>

namespace qw::cli {

class CliContext;

int runCheckCommand(CliContext &context, const QStringList &args);
int runKeyTestCommand(CliContext &context, const QStringList &args);

} // namespace qw::cli
