// What every sub-command needs: the global options, output streams, the platform registry,
// the Configuration the flags make, and the sessions opened from it with the right user-facing
// errors.
#pragma once

#include "adapters/platformregistry.h"
#include "core/crypto/securebytes.h"
#include "core/result.h"
#include "core/session/configuration.h"
#include "core/session/exitcode.h"
#include "core/session/session.h"

#include <QCommandLineParser>
#include <QIODevice>
#include <QTextStream>
#include <memory>
#include <optional>

namespace qw::cli {

class CliContext final
{
public:
    // `in` stands for standard input when reading a secret; nullptr: the process's own (a
    // terminal gets a prompt without echo).
    CliContext(QString dbOption, QTextStream &out, QTextStream &err, QIODevice *in = nullptr);

    QTextStream &out() { return m_out; }
    QTextStream &err() { return m_err; }
    const PlatformRegistry &platforms() const { return m_platforms; }

    // Prints "quotawatch: <message>" and returns the exit code for the error's kind.
    int report(const Error &error);
    // With `on`, errors and warnings on stderr start with their syslog priority ("<3>", "<4>"),
    // for `serve` when its stderr is the journal (ServeLog).
    void setJournalPriorities(bool on) { m_journal = on; }
    int usageError(const QString &command, const QString &message);

    // Parses `args` for `command` ("keys add"); on an unknown option or a wrong number of
    // positional arguments prints one line and returns false with `exitCode` set. --help prints
    // the help and returns false with exit code 0.
    bool parse(QCommandLineParser &parser, const QString &command, const QStringList &args, int minPositional,
               int maxPositional, int &exitCode);

    // The global --db and `commandFlags` (a command's own --concurrency, --per-host, --listen),
    // each before its environment variable, the saved setting and the default.
    [[nodiscard]] Configuration configuration(ConfigurationFlags commandFlags = {}) const;

    // A session with the master key, for commands that encrypt, decrypt or check. The master key
    // (QUOTAWATCH_MASTER_KEY or the OS keychain) is looked up before the database is opened, so
    // nothing is written when there is none; then it is checked against the database.
    [[nodiscard]] Result<std::unique_ptr<Session>> openSession(const Configuration &configuration) const;
    [[nodiscard]] Result<std::unique_ptr<Session>> openSession() const;
    // A session without the master key, for what needs no secret (lists, history, removal).
    [[nodiscard]] Result<std::unique_ptr<Session>> openLockedSession() const;
    // Export, import and rotation of the master key of the database the flags name; `store`
    // (the keychain) must outlive it.
    [[nodiscard]] Result<MasterKeyService> masterKeys(MasterKeyStore &store) const;
    // Warns (once) when the database URL carries its password; see Configuration.
    void warnAboutDatabasePassword(const Configuration &configuration) const;

    // The secret from standard input (or the injected device, read whole): prompted without echo
    // on a terminal, else read whole; surrounding whitespace removed. Never from argv.
    [[nodiscard]] Result<SecureBytes> readSecret(const QString &prompt);
    // readSecret() for several values, one a line, in the order of `prompts` (on a terminal,
    // one prompt each). Every line must be there and not be empty.
    [[nodiscard]] Result<std::vector<SecureBytes>> readSecrets(const QStringList &prompts);

private:
    QString m_dbOption;
    // Said once per run, whichever session the command opens first.
    mutable bool m_warnedAboutPassword = false;
    bool m_journal = false;
    QTextStream &m_out;
    QTextStream &m_err;
    QIODevice *m_in;
    PlatformRegistry m_platforms;
};

} // namespace qw::cli
