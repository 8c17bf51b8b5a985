// `quotawatch master-key import [--replace]`: the master key from standard input into the OS
// keychain, once it proved to open this database.
#pragma once

#include "app/cli/command.h"

namespace qw::cli {

class MasterKeyImportCommand final : public Command
{
public:
    MasterKeyImportCommand();

protected:
    int run(CliContext &context, const QCommandLineParser &parser) override;

private:
    QCommandLineOption m_replace{
        QStringLiteral("replace"),
        QStringLiteral("Replace a different key the keychain holds (after the new one "
                       "proved to open this database).")};
};

} // namespace qw::cli
