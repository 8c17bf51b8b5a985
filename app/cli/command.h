// One sub-command of `quotawatch` (KeePassXC's cli/Command): its name ("keys add"), what it does,
// its options and positional arguments; execute() parses the arguments and runs it.
#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace qw {
struct Error;
}

namespace qw::cli {

class CliContext;

class Command
{
public:
    Command(QString name, QString description);
    virtual ~Command();
    Q_DISABLE_COPY_MOVE(Command)

    // The words that call it, e.g. "keys add".
    [[nodiscard]] const QString &name() const { return m_name; }
    [[nodiscard]] const QString &description() const { return m_description; }

    // Runs the command with `args` (the words after its name) and returns the exit code. Help,
    // unknown options and a wrong number of positional arguments are answered here.
    virtual int execute(CliContext &context, const QStringList &args);

protected:
    void addOptions(const QList<QCommandLineOption> &options) { m_options += options; }
    // A required positional argument, unless setPositionalRange() says otherwise.
    void addPositional(const QString &name, const QString &description, const QString &syntax = {});
    // `max` -1: any number.
    void setPositionalRange(int min, int max);

    // What the command does, once its arguments parsed.
    virtual int run(CliContext &context, const QCommandLineParser &parser) = 0;

    // `text` as the id of a `what` ("key", "channel"); else reports a usage error and returns
    // nullopt with `exitCode` set.
    std::optional<qint64> parseId(CliContext &context, const QString &text, const QString &what,
                                  int &exitCode) const;
    // A NotFound error about a key or channel ("no key with id 7") with where to look up the
    // ids; any other error as it is.
    [[nodiscard]] static Error withKeysHint(Error error);
    [[nodiscard]] static Error withChannelsHint(Error error);

private:
    struct Positional
    {
        QString name;
        QString description;
        QString syntax;
    };

    QString m_name;
    QString m_description;
    QList<QCommandLineOption> m_options;
    QList<Positional> m_positionals;
    int m_minPositional = 0;
    int m_maxPositional = 0;
};

} // namespace qw::cli
