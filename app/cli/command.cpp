#include "app/cli/command.h"

#include "app/cli/clicontext.h"
#include "core/result.h"

namespace qw::cli {

Command::Command(QString name, QString description)
    : m_name(std::move(name))
    , m_description(std::move(description))
{}

Command::~Command() = default;

void Command::addPositional(const QString &name, const QString &description, const QString &syntax)
{
    m_positionals.append(Positional{name, description, syntax});
    ++m_minPositional;
    ++m_maxPositional;
}

void Command::setPositionalRange(int min, int max)
{
    m_minPositional = min;
    m_maxPositional = max;
}

int Command::execute(CliContext &context, const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(m_description);
    for (const Positional &positional : std::as_const(m_positionals))
        parser.addPositionalArgument(positional.name, positional.description, positional.syntax);
    parser.addOptions(m_options);
    int exitCode = kExitOk;
    if (!context.parse(parser, m_name, args, m_minPositional, m_maxPositional, exitCode))
        return exitCode;
    return run(context, parser);
}

std::optional<qint64> Command::parseId(CliContext &context, const QString &text, const QString &what,
                                       int &exitCode) const
{
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    if (ok && id > 0)
        return id;
    exitCode = context.usageError(m_name, QStringLiteral("“%1” is not a %2 id").arg(text, what));
    return std::nullopt;
}

Error Command::withKeysHint(Error error)
{
    if (error.code == ErrorCode::NotFound)
        error.message += QStringLiteral("; see “quotawatch keys list”");
    return error;
}

Error Command::withChannelsHint(Error error)
{
    if (error.code == ErrorCode::NotFound)
        error.message += QStringLiteral("; see “quotawatch channels list”");
    return error;
}

} // namespace qw::cli
