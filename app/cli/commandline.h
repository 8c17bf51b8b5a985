// The command-line front door: takes out the global options (--db) wherever they stand,
// answers --version and --help, and hands the rest to the sub-command.
#pragma once

#include <QStringList>
#include <QTextStream>
#include <optional>

class QIODevice;

namespace qw::cli {

struct GlobalOptions
{
    QString db;              // --db URL, empty when not given
    QStringList commandArgs; // the sub-command and its own arguments
    std::optional<QString> error;
};

// `args` without the program name. "--db URL" and "--db=URL" are accepted anywhere.
GlobalOptions extractGlobalOptions(const QStringList &args);

// Runs the sub-command in `args` (without the program name) on the process's standard streams
// and returns the exit code.
int runCommandLine(const QStringList &args);
// The same on the given streams: `in` stands for standard input (secrets), nullptr for the
// process's own. Lets a test run a command in-process with its output captured.
int runCommandLine(const QStringList &args, QTextStream &out, QTextStream &err, QIODevice *in);

} // namespace qw::cli
