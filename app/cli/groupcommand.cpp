#include "app/cli/groupcommand.h"

#include "app/cli/clicontext.h"

namespace qw::cli {

GroupCommand::GroupCommand(QString name, QString usage, std::vector<std::unique_ptr<Command>> actions)
    : Command(std::move(name), QString())
    , m_usage(std::move(usage))
    , m_actions(std::move(actions))
{}

int GroupCommand::execute(CliContext &context, const QStringList &args)
{
    const QString action = args.value(0);
    const QString actionName = name() + u' ' + action;
    for (const auto &command : m_actions) {
        if (command->name() == actionName)
            return command->execute(context, args.mid(1));
    }
    if (action == QLatin1String("--help") || action == QLatin1String("-h") || action.isEmpty()) {
        (action.isEmpty() ? context.err() : context.out()) << m_usage << Qt::flush;
        return action.isEmpty() ? kExitUsage : kExitOk;
    }
    return context.usageError(name(), QStringLiteral("unknown action “%1”").arg(action));
}

int GroupCommand::run(CliContext &context, const QCommandLineParser &)
{
    context.err() << m_usage << Qt::flush;
    return kExitUsage;
}

} // namespace qw::cli
