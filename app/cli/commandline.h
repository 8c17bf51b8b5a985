// The command-line front door: takes out the global options (--db) wherever they stand,
// answers --version and --help, and hands the rest to the sub-command.
#pragma once

#include <QStringList>
#include <optional>

namespace qw::cli {

struct GlobalOptions
{
    QString db;              // --db URL, empty when not given
    QStringList commandArgs; // the sub-command and its own arguments
    std::optional<QString> error;
};

// `args` without the program name. "--db URL" and "--db=URL" are accepted anywhere.
GlobalOptions extractGlobalOptions(const QStringList &args);

// Runs the sub-command in `args` (without the program name) and returns the exit code.
int runCommandLine(const QStringList &args);

} // namespace qw::cli
