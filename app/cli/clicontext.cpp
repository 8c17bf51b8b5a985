#include "app/cli/clicontext.h"

#include "core/crypto/securewipe.h"
#include "core/secrets/keychainmasterkeystore.h"

#include <QCoreApplication>
#include <QFile>
#include <cstdio>

#ifdef Q_OS_UNIX
#include <termios.h>
#include <unistd.h>
#endif

namespace qw::cli {

namespace {

// One database connection per process: the command line runs one command at a time.
const QString kConnectionName = QStringLiteral("cli");

#ifdef Q_OS_UNIX
// Turns terminal echo off for as long as the object lives, so a typed secret is not shown.
class EchoOff final
{
public:
    EchoOff()
    {
        if (tcgetattr(STDIN_FILENO, &m_saved) == 0) {
            termios quiet = m_saved;
            quiet.c_lflag &= ~tcflag_t(ECHO);
            m_active = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
        }
    }
    ~EchoOff()
    {
        if (m_active)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &m_saved);
    }
    EchoOff(const EchoOff &) = delete;
    EchoOff &operator=(const EchoOff &) = delete;

private:
    termios m_saved{};
    bool m_active = false;
};
#endif

} // namespace

CliContext::CliContext(QString dbOption, QTextStream &out, QTextStream &err, QIODevice *in)
    : m_dbOption(std::move(dbOption))
    , m_out(out)
    , m_err(err)
    , m_in(in)
    , m_platforms(PlatformRegistry::builtin())
{}

int CliContext::report(const Error &error)
{
    m_err << (m_journal ? "<3>" : "") << "quotawatch: " << error.message << Qt::endl;
    return exitCodeFor(error.code);
}

int CliContext::usageError(const QString &command, const QString &message)
{
    QString text = message.trimmed();
    while (text.endsWith(u'.'))
        text.chop(1);
    m_err << (m_journal ? "<3>" : "") << "quotawatch " << command << ": " << text << ". Run “quotawatch "
          << command << " --help”." << Qt::endl;
    return kExitUsage;
}

bool CliContext::parse(QCommandLineParser &parser, const QString &command, const QStringList &args,
                       int minPositional, int maxPositional, int &exitCode)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    parser.addOption(help);
    // QCommandLineParser expects the program name first.
    if (!parser.parse(QStringList{QStringLiteral("quotawatch")} + args)) {
        exitCode = usageError(command, parser.errorText());
        return false;
    }
    if (parser.isSet(help)) {
        // Qt names the program by its argv[0]: "/usr/bin/quotawatch [options]" becomes
        // "/usr/bin/quotawatch keys add [options]". Run inside another program (the tests), the
        // command is still quotawatch's.
        QString text = parser.helpText();
        const QString usage = QStringLiteral("quotawatch ") + command + QStringLiteral(" [options]");
        if (text.contains(QLatin1String("quotawatch [options]")))
            text.replace(QStringLiteral("quotawatch [options]"), usage);
        else
            text.replace(QCoreApplication::arguments().value(0) + QStringLiteral(" [options]"), usage);
        m_out << text;
        m_out.flush();
        exitCode = kExitOk;
        return false;
    }
    const qsizetype count = parser.positionalArguments().size();
    if (count < minPositional) {
        exitCode = usageError(command, QStringLiteral("missing argument"));
        return false;
    }
    if (maxPositional >= 0 && count > maxPositional) {
        exitCode = usageError(
            command,
            QStringLiteral("unexpected argument “%1”").arg(parser.positionalArguments().at(maxPositional)));
        return false;
    }
    return true;
}

Configuration CliContext::configuration(ConfigurationFlags commandFlags) const
{
    commandFlags.db = m_dbOption;
    return Configuration(std::move(commandFlags));
}

void CliContext::warnAboutDatabasePassword(const Configuration &configuration) const
{
    if (m_warnedAboutPassword)
        return;
    m_warnedAboutPassword = true;
    if (const QString warning = configuration.databasePasswordWarning(); !warning.isEmpty())
        m_err << (m_journal ? "<4>" : "") << "quotawatch: warning: " << warning << Qt::endl;
}

Result<std::unique_ptr<Session>> CliContext::openSession(const Configuration &configuration) const
{
    warnAboutDatabasePassword(configuration);
    KeychainMasterKeyStore keychain;
    return Session::open(configuration, keychain, kConnectionName);
}

Result<MasterKeyService> CliContext::masterKeys(MasterKeyStore &store) const
{
    const Configuration current = configuration();
    warnAboutDatabasePassword(current);
    return Session::masterKeys(current, store, kConnectionName);
}

Result<std::unique_ptr<Session>> CliContext::openSession() const
{
    return openSession(configuration());
}

Result<std::unique_ptr<Session>> CliContext::openLockedSession() const
{
    const Configuration current = configuration();
    warnAboutDatabasePassword(current);
    return Session::openLocked(current, kConnectionName);
}

Result<std::vector<SecureBytes>> CliContext::readSecrets(const QStringList &prompts)
{
    std::vector<SecureBytes> values;
#ifdef Q_OS_UNIX
    if (!m_in && isatty(STDIN_FILENO)) {
        for (const QString &prompt : prompts) {
            auto value = readSecret(prompt);
            if (!value)
                return tl::unexpected(value.error());
            values.push_back(std::move(*value));
        }
        return values;
    }
#endif
    QFile standardInput;
    QIODevice *input = m_in;
    if (!input) {
        if (!standardInput.open(stdin, QIODevice::ReadOnly))
            return fail(ErrorCode::Io, QStringLiteral("cannot read the secrets from standard input"));
        input = &standardInput;
    }
    QByteArray raw = input->readAll();
    const SecureBytes all(std::move(raw));
    QByteArrayView rest = all.view();
    for (const QString &prompt : prompts) {
        const qsizetype end = rest.indexOf('\n');
        const QByteArrayView line = (end < 0 ? rest : rest.first(end)).trimmed();
        rest = end < 0 ? QByteArrayView() : rest.sliced(end + 1);
        if (line.isEmpty())
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("standard input needs %1 lines (%2); “%3” is missing")
                            .arg(prompts.size())
                            .arg(prompts.join(QStringLiteral(", ")), prompt));
        values.push_back(SecureBytes::copyOf(line));
    }
    if (!rest.trimmed().isEmpty())
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("standard input has more than the %1 lines expected (%2)")
                        .arg(prompts.size())
                        .arg(prompts.join(QStringLiteral(", "))));
    return values;
}

Result<SecureBytes> CliContext::readSecret(const QString &prompt)
{
    QFile standardInput;
    QIODevice *input = m_in;
    if (!input) {
        if (!standardInput.open(stdin, QIODevice::ReadOnly))
            return fail(ErrorCode::Io, QStringLiteral("cannot read the secret from standard input"));
        input = &standardInput;
    }

    QByteArray raw;
#ifdef Q_OS_UNIX
    if (!m_in && isatty(STDIN_FILENO)) {
        m_err << prompt << ": " << Qt::flush;
        EchoOff echoOff;
        raw = input->readLine();
        m_err << Qt::endl;
    } else {
        raw = input->readAll();
    }
#else
    Q_UNUSED(prompt);
    raw = input->readAll();
#endif
    SecureBytes secret = SecureBytes::copyOf(QByteArrayView(raw).trimmed());
    secureWipe(raw);
    if (secret.isEmpty())
        return fail(
            ErrorCode::InvalidInput,
            QStringLiteral("no secret on standard input; pipe it in, e.g. printf %s \"$KEY\" | quotawatch "
                           "keys add ..."));
    if (secret.view().contains('\n') || secret.view().contains('\r'))
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("the secret on standard input spans several lines; give one key at a time "
                                   "(or use “keys import FILE” for many)"));
    return secret;
}

} // namespace qw::cli
