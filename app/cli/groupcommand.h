// A command made of actions (`keys add|list|…`, `channels add|list|…`): hands the arguments to
// the action named first, and prints the group's usage for --help (stdout) or no action (stderr).
#pragma once

#include "app/cli/command.h"

#include <memory>
#include <vector>

namespace qw::cli {

class GroupCommand : public Command
{
public:
    // `usage`: the whole text printed for --help, ending in a newline. Each action's name is the
    // group's name, a space and the action ("keys add").
    GroupCommand(QString name, QString usage, std::vector<std::unique_ptr<Command>> actions);

    int execute(CliContext &context, const QStringList &args) override;

protected:
    // Never reached: execute() hands every call to an action.
    int run(CliContext &context, const QCommandLineParser &parser) final;

private:
    QString m_usage;
    std::vector<std::unique_ptr<Command>> m_actions;
};

} // namespace qw::cli
