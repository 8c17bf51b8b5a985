// What every sub-command needs: the global options, output streams, the platform registry,
// and the steps to open the database and unlock the vault with the right user-facing errors.
#pragma once

#include "adapters/platformregistry.h"
#include "core/crypto/vault.h"
#include "core/result.h"
#include "core/secrets/unlockeddatabase.h"
#include "core/storage/database.h"

#include <QCommandLineParser>
#include <QIODevice>
#include <QTextStream>
#include <memory>
#include <optional>

namespace qw::cli {

// Exit codes, documented in the README.
enum ExitCode : int
{
    kExitOk = 0,
    kExitCheckFailed = 1, // a check or test ran and did not succeed
    kExitUsage = 2,       // bad flag, bad value, unknown id, unreadable or invalid file
    kExitMasterKey = 3,   // no master key, or one that does not fit the database
    kExitDatabase = 4,    // the database cannot be opened, read or written
};

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
    int usageError(const QString &command, const QString &message);

    // Parses `args` for `command` ("keys add"); on an unknown option or a wrong number of
    // positional arguments prints one line and returns false with `exitCode` set. --help prints
    // the help and returns false with exit code 0.
    bool parse(QCommandLineParser &parser, const QString &command, const QStringList &args, int minPositional,
               int maxPositional, int &exitCode);

    // --db, else QUOTAWATCH_DB, else the saved setting, else the default SQLite file.
    [[nodiscard]] Result<DatabaseUrl> databaseUrl() const;
    [[nodiscard]] Result<std::unique_ptr<Database>> openDatabase() const;

    // The database with its vault unlocked, for commands that encrypt or decrypt secrets. The
    // master key (QUOTAWATCH_MASTER_KEY or the OS keychain) is looked up before the database is
    // opened, so nothing is written when there is none; then it is checked against the database.
    [[nodiscard]] Result<UnlockedDatabase> openUnlocked() const;

    // The secret from standard input (or the injected device, read whole): prompted without echo
    // on a terminal, else read whole; surrounding whitespace removed. Never from argv.
    [[nodiscard]] Result<SecureBytes> readSecret(const QString &prompt);

private:
    QString m_dbOption;
    QTextStream &m_out;
    QTextStream &m_err;
    QIODevice *m_in;
    PlatformRegistry m_platforms;
};

} // namespace qw::cli
