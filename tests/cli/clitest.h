// Base fixture for the tests of the quotawatch command line: runs a command in-process through
// qw_cli (captured stdout and stderr, injected stdin) or through the real binary (QW_CLI_BINARY)
// as a child process, either way in a private, throw-away environment against a fresh database
// on the backend named by QW_TEST_BACKEND, and gives the test its own library connection to
// that database to check what the command wrote.
#pragma once

#include "core/model/apikey.h"
#include "core/storage/database.h"
#include "tests/support/testdatabase.h"

#include <QByteArray>
#include <QByteArrayList>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>
#include <QTemporaryDir>
#include <gtest/gtest.h>
#include <initializer_list>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace qw::test {

inline const QString kMasterKeyVar = QStringLiteral("QUOTAWATCH_MASTER_KEY");
inline const QString kDbVar = QStringLiteral("QUOTAWATCH_DB");

// The CLI's documented exit codes (README, `quotawatch --help`), spelled out here on purpose
// rather than taken from the app's header: the tests check the contract, not the code.
inline constexpr int kExitOk = 0;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitMasterKey = 3;
inline constexpr int kExitDatabase = 4;

struct CliResult
{
    bool finished = false; // false: did not start, crashed or timed out (already a test failure)
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    [[nodiscard]] QString outText() const { return QString::fromUtf8(out); }
    [[nodiscard]] QString errText() const { return QString::fromUtf8(err); }
    // The non-blank lines of stderr.
    [[nodiscard]] QStringList errLines() const;
    // Exit code and both streams, for failure messages.
    [[nodiscard]] std::string describe() const;
};

// Changes to a command's environment on top of the fixture's clean one: a value sets the
// variable, nullopt removes it.
using EnvChanges = QMap<QString, std::optional<QString>>;

// One invocation of the quotawatch binary, for runAll().
struct CliCall
{
    QStringList args;
    QByteArray input;
    EnvChanges env;
};

// UTF-8 literals to Qt strings, so argument lists stay readable: cmd({"keys", "list", "--json"}).
[[nodiscard]] QString u8(const char *text);
[[nodiscard]] QStringList cmd(std::initializer_list<const char *> words);

// Exit 0 and nothing on stderr.
[[nodiscard]] ::testing::AssertionResult succeeded(const CliResult &result);
// Exit `exitCode`, nothing on stdout, and exactly one line on stderr that starts with
// "quotawatch" and names each of `mentions` (case-insensitively): one sentence a user can act
// on, not a driver's multi-line dump or a stack trace.
[[nodiscard]] ::testing::AssertionResult failedWith(const CliResult &result, int exitCode,
                                                    const QStringList &mentions = {});

class CliTest : public ::testing::Test
{
protected:
    void SetUp() override;
    void TearDown() override;

    // Runs the command line with `args` and `input` as its standard input: in-process, with the
    // environment, the settings folder and the working directory a child would have (restored
    // afterwards); through the binary when m_throughBinary is set.
    CliResult run(const QStringList &args, const QByteArray &input = {}, const EnvChanges &env = {});
    // Runs the quotawatch binary with `args`, writes `input` to its stdin and closes it, and waits
    // (30 s): for what only the executable does (its main(), signals, translations, argv).
    CliResult runBinary(const QStringList &args, const QByteArray &input = {}, const EnvChanges &env = {});
    // Starts every call at once, then waits for all of them: for races between processes.
    std::vector<CliResult> runAll(const std::vector<CliCall> &calls);
    // run() with "--db <the test database>" in front.
    CliResult runDb(const QStringList &args, const QByteArray &input = {}, const EnvChanges &env = {});

    // Starts `quotawatch serve --no-rest --db <the test database>` and waits (15 s) until it says
    // it is watching; what it printed on stderr so far is appended to `err`.
    bool startServe(QProcess &process, QByteArray &err);
    // Reads the server's stderr into `err` until it contains `text` (or `timeoutMs` passes).
    static bool waitForOutput(QProcess &process, QByteArray &err, const QByteArray &text, int timeoutMs);

    // `keys add` through the CLI; the id it printed, or 0 after recording a test failure.
    qint64 addKey(const QString &name, const QString &platform, const QByteArray &secret,
                  const QStringList &extra = {}, const EnvChanges &env = {});
    // `keys list --json`, parsed; an empty array after recording a failure.
    QJsonArray listJson();

    // The test's own connection to the database the CLI uses. Opened on first use, so that the
    // CLI's first run also creates (SQLite) and migrates the database, as it does for a user.
    Database &db();
    // Through the library, not the CLI.
    std::vector<ApiKey> storedKeys();
    qint64 keyCount();
    std::optional<QString> setting(const QString &key);

    [[nodiscard]] bool isPostgres() const;
    [[nodiscard]] QString dbUrl() const { return m_testDb->url(); }
    // SQLite only: the database file the URL names.
    [[nodiscard]] QString sqlitePath() const;
    // A path inside the fixture's private folder (not created).
    [[nodiscard]] QString path(const QString &name) const;
    // Writes `content` to a new file in the private folder; its path.
    QString writeFile(const QString &name, const QByteArray &content);

    // The plaintext of a stored secret token under `masterKey`, through the core's Vault; nullopt
    // when it does not decrypt.
    [[nodiscard]] static std::optional<QByteArray> decrypt(const QByteArray &masterKey,
                                                           const QByteArray &token);

    // A new Fernet key made independently of the code under test: url-safe base64 of 32 random
    // bytes, as `openssl rand -base64 32 | tr '+/' '-_'` would.
    [[nodiscard]] static QByteArray newMasterKey();

    QTemporaryDir m_home; // HOME, XDG folders, working directory and files of every command
    std::unique_ptr<TestDatabase> m_testDb;
    std::unique_ptr<Database> m_db;
    QByteArray m_masterKey = newMasterKey(); // QUOTAWATCH_MASTER_KEY for commands; empty: unset
    bool m_keychainReachable = false;        // true: commands keep the (private) session bus
    bool m_throughBinary = false;            // true: run() starts the binary too
    QByteArrayList m_outputs;                // everything every command printed, for secret checks

    // The environment a child process of the test runs with: the fixture's private folders and
    // master key, then `changes`.
    [[nodiscard]] QProcessEnvironment childEnvironment(const EnvChanges &changes) const;

private:
    // What a command's environment changes from this process's: the fixture's private folders
    // and master key, then `changes`.
    [[nodiscard]] EnvChanges environmentFor(const EnvChanges &changes) const;
    CliResult runInProcess(const QStringList &args, const QByteArray &input, const EnvChanges &env);
};

} // namespace qw::test

// Readable gtest messages for Qt values (found by argument-dependent lookup, hence global).
inline void PrintTo(const QString &text, std::ostream *os)
{
    *os << '"' << text.toStdString() << '"';
}
inline void PrintTo(const QByteArray &bytes, std::ostream *os)
{
    *os << '"' << bytes.toStdString() << '"';
}
inline void PrintTo(const QJsonArray &array, std::ostream *os)
{
    *os << QJsonDocument(array).toJson(QJsonDocument::Compact).toStdString();
}
