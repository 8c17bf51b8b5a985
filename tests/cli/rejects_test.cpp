// Bad input, one case each: the right exit code (2 input, 4 database), one line on stderr that
// says what is wrong, the secret never echoed, and nothing written to the database.
#include "tests/cli/clitest.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUrl>

namespace qw::test {
namespace {

const QByteArray kSecret = "sk-or-v1-REJECTCANARY1234567890";
const QByteArray kSeedSecret = "sk-seed-SEEDCANARY99887766";

struct RejectCase
{
    const char *name;        // the test's name
    QStringList args;        // "{dir}" stands for an existing folder
    QByteArray input;        // standard input
    int exitCode;            // expected
    QStringList mentions;    // what the one line on stderr must name
    QStringList absent = {}; // what it must not contain, besides the secret
    bool withDb = true;      // put "--db <test database>" in front
};

QStringList add(std::initializer_list<const char *> extra)
{
    return cmd({"keys", "add"}) + cmd(extra);
}

// A well-formed `keys add` with one thing changed.
QStringList addWith(std::initializer_list<const char *> extra)
{
    return cmd({"keys", "add", "--name", "Bad", "--platform", "openrouter"}) + cmd(extra);
}

const QString kUnreachable = QStringLiteral("postgresql://u:Pw0rdCanary@127.0.0.1:1/db");

// A password inside --db earns a warning line of its own before anything else (see
// databasepassword_test.cpp); the error these tests judge is what follows it.
CliResult withoutPasswordWarning(CliResult result)
{
    const QByteArray warning = "quotawatch: warning: the database password in --db";
    if (result.err.startsWith(warning)) {
        EXPECT_FALSE(result.err.contains("Pw0rdCanary")) << "the warning names no password";
        result.err = result.err.mid(result.err.indexOf('\n') + 1);
    }
    return result;
}

std::vector<RejectCase> rejectCases()
{
    return {
        {"UnknownPlatform", add({"--name", "Bad", "--platform", "nope"}), kSecret, kExitUsage,
         cmd({"unknown platform", "nope", "openrouter"})},
        // Listed by `platforms`, but no API key of theirs has a balance to read: the refusal says why.
        {"PlatformNoKeyCanRead", add({"--name", "Bad", "--platform", "groq"}), kSecret, kExitUsage,
         cmd({"groq", "cannot be watched", "GroqCloud console", "relay"})},
        {"SiliconFlowChinaRetired", add({"--name", "Bad", "--platform", "siliconflow"}), kSecret, kExitUsage,
         cmd({"siliconflow", "HTTP 410", "siliconflow-intl"})},
        {"EmptySecret", addWith({}), "", kExitUsage, cmd({"no secret", "standard input"})},
        {"WhitespaceOnlySecret", addWith({}), " \n\t \r\n", kExitUsage, cmd({"no secret"})},
        {"SecretOnSeveralLines", addWith({}), QByteArray(kSecret + "\n" + kSecret + "\n"), kExitUsage,
         cmd({"several lines"})},
        {"MissingName", add({"--platform", "openrouter"}), kSecret, kExitUsage, cmd({"--name"})},
        {"MissingPlatform", add({"--name", "Bad"}), kSecret, kExitUsage, cmd({"--platform"})},
        {"BlankName", add({"--name", "  ", "--platform", "openrouter"}), kSecret, kExitUsage, cmd({"name"})},
        {"UnknownFlag", addWith({"--bogus"}), kSecret, kExitUsage, cmd({"bogus"})},
        {"UnexpectedArgument", addWith({"extra"}), kSecret, kExitUsage, cmd({"extra"})},
        {"IntervalTooShort", addWith({"--interval", "5s"}), kSecret, kExitUsage, cmd({"interval", "5s"})},
        {"IntervalTooLong", addWith({"--interval", "25h"}), kSecret, kExitUsage, cmd({"interval", "25h"})},
        {"IntervalNotADuration", addWith({"--interval", "abc"}), kSecret, kExitUsage,
         cmd({"interval", "abc"})},
        {"IntervalZero", addWith({"--interval", "0"}), kSecret, kExitUsage, cmd({"interval"})},
        {"IntervalNegative", addWith({"--interval=-30m"}), kSecret, kExitUsage, cmd({"interval"})},
        // 2^60 + 1 hours is 1 hour after a 64-bit overflow; it must be refused as too long.
        {"IntervalOverflowingHours", addWith({"--interval", "1152921504606846977h"}), kSecret, kExitUsage,
         cmd({"interval"})},
        {"IntervalOverflowingMinutes", addWith({"--interval", "4611686018427387934m"}), kSecret, kExitUsage,
         cmd({"interval"})},
        {"ThresholdNegative", addWith({"--threshold", "-1"}), kSecret, kExitUsage, cmd({"threshold", "-1"})},
        {"ThresholdNegativeWithEquals", addWith({"--threshold=-1"}), kSecret, kExitUsage, cmd({"threshold"})},
        {"ThresholdNotANumber", addWith({"--threshold", "abc"}), kSecret, kExitUsage,
         cmd({"threshold", "abc"})},
        {"ThresholdPercentOver100", addWith({"--threshold", "101%"}), kSecret, kExitUsage,
         cmd({"threshold", "101%"})},
        {"ThresholdPercentAlone", addWith({"--threshold", "%"}), kSecret, kExitUsage, cmd({"threshold"})},
        {"BaseUrlFtp", addWith({"--base-url", "ftp://x"}), kSecret, kExitUsage, cmd({"base URL", "ftp://x"})},
        {"BaseUrlNotAUrl", addWith({"--base-url", "not a url"}), kSecret, kExitUsage, cmd({"base URL"})},
        {"BaseUrlWithCredentials", addWith({"--base-url", "https://me:UrlPwCanary@relay.example.com"}),
         kSecret, kExitUsage, cmd({"base URL", "credentials"}), cmd({"UrlPwCanary"})},
        {"NewapiWithoutBaseUrl", add({"--name", "Relay", "--platform", "newapi"}), kSecret, kExitUsage,
         cmd({"newapi", "base URL"})},
        {"OptionWithoutValue", addWith({"--option", "currency"}), kSecret, kExitUsage,
         cmd({"currency", "name=value"})},
        {"OptionUnknownToPlatform", addWith({"--option", "colour=red"}), kSecret, kExitUsage,
         cmd({"colour", "openrouter"})},
        {"OptionRequiredButMissing",
         add({"--name", "Relay", "--platform", "newapi-user", "--base-url", "https://relay.example.com"}),
         kSecret, kExitUsage, cmd({"user_id"})},
        {"OptionTwice", addWith({"--option", "a=1", "--option", "a=2"}), kSecret, kExitUsage, cmd({"twice"})},
        {"DbMysql", cmd({"--db", "mysql://x", "keys", "list"}), {}, kExitUsage, cmd({"mysql"}), {}, false},
        {"DbMysqlOnAdd",
         cmd({"--db", "mysql://x"}) + addWith({}),
         kSecret,
         kExitUsage,
         cmd({"mysql"}),
         {},
         false},
        // An empty --db (say, --db "$UNSET_VARIABLE") is a mistake, not a request for the default.
        {"DbEmptyValue", cmd({"--db", "", "keys", "list"}), {}, kExitUsage, cmd({"--db"}), {}, false},
        {"DbEmptyValueWithEquals", cmd({"--db=", "keys", "list"}), {}, kExitUsage, cmd({"--db"}), {}, false},
        {"DbEmptyValueOnAdd", cmd({"--db", ""}) + addWith({}), kSecret, kExitUsage, cmd({"--db"}), {}, false},
        {"DbPostgresWithoutDatabase",
         cmd({"--db", "postgresql://host", "keys", "list"}),
         {},
         kExitUsage,
         cmd({"database"}),
         {},
         false},
        {"DbUnreachablePostgres",
         cmd({"--db"}) << kUnreachable << cmd({"keys", "list"}),
         {},
         kExitDatabase,
         cmd({"127.0.0.1"}),
         cmd({"Pw0rdCanary"}),
         false},
        {"DbUnreachablePostgresOnAdd", cmd({"--db"}) << kUnreachable << addWith({}), kSecret, kExitDatabase,
         cmd({"127.0.0.1"}), cmd({"Pw0rdCanary"}), false},
        {"DbUnreachablePostgresOnRemove",
         cmd({"--db"}) << kUnreachable << cmd({"keys", "remove", "1"}),
         {},
         kExitDatabase,
         cmd({"127.0.0.1"}),
         cmd({"Pw0rdCanary"}),
         false},
        {"RemoveUnknownId", cmd({"keys", "remove", "999999"}), {}, kExitUsage, cmd({"999999"})},
        {"RemoveNotAnId", cmd({"keys", "remove", "abc"}), {}, kExitUsage, cmd({"abc"})},
        {"RemoveZero", cmd({"keys", "remove", "0"}), {}, kExitUsage, cmd({"0"})},
        {"RemoveWithoutId", cmd({"keys", "remove"}), {}, kExitUsage, cmd({"missing"})},
        {"RemoveTwoIds", cmd({"keys", "remove", "1", "2"}), {}, kExitUsage, cmd({"2"})},
        {"ImportMissingFile",
         cmd({"keys", "import", "/nonexistent.csv"}),
         {},
         kExitUsage,
         cmd({"/nonexistent.csv"})},
        {"ImportDirectory", cmd({"keys", "import", "{dir}"}), {}, kExitUsage, cmd({"directory"})},
        {"ImportWithoutFile", cmd({"keys", "import"}), {}, kExitUsage, cmd({"missing"})},
    };
}

// A database with one key already in it, so that "nothing written" also means "nothing changed
// or removed".
void PrintTo(const RejectCase &rejectCase, std::ostream *os)
{
    *os << rejectCase.name;
}

class CliSeeded : public CliTest
{
protected:
    void SetUp() override
    {
        CliTest::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        ASSERT_GT(addKey(QStringLiteral("Seed"), QStringLiteral("deepseek"), kSeedSecret,
                         cmd({"--threshold", "3", "--interval", "1h"})),
                  0);
        m_before = listJson();
        m_check = setting(QStringLiteral("vault.check"));
        ASSERT_TRUE(m_check.has_value());
    }

    QJsonArray m_before;
    std::optional<QString> m_check;
};

class CliRejects : public CliSeeded, public ::testing::WithParamInterface<RejectCase>
{
};

TEST_P(CliRejects, OneLineRightExitCodeNothingWritten)
{
    const RejectCase &c = GetParam();
    QStringList args = c.args;
    args.replaceInStrings(QStringLiteral("{dir}"), QDir(m_home.path()).filePath(QStringLiteral("files")));
    const CliResult result = withoutPasswordWarning(c.withDb ? runDb(args, c.input) : run(args, c.input));

    EXPECT_TRUE(failedWith(result, c.exitCode, c.mentions));
    for (const QString &absent : c.absent)
        EXPECT_FALSE(result.errText().contains(absent)) << absent.toStdString() << "\n" << result.describe();
    EXPECT_FALSE(result.err.contains(kSecret)) << result.describe();
    EXPECT_FALSE(result.err.contains("REJECTCANARY")) << result.describe();

    EXPECT_EQ(listJson(), m_before);
    EXPECT_EQ(keyCount(), 1);
    EXPECT_EQ(setting(QStringLiteral("vault.check")), m_check);
    // Nor did it fall back to the default database.
    EXPECT_FALSE(QFileInfo::exists(QDir(m_home.path()).filePath(QStringLiteral("data/QuotaWatch"))));
}

INSTANTIATE_TEST_SUITE_P(BadInput, CliRejects, ::testing::ValuesIn(rejectCases()),
                         [](const ::testing::TestParamInfo<RejectCase> &testCase) {
                             return std::string(testCase.param.name);
                         });

using CliRejectsFile = CliSeeded;

// A file that is not a database is refused as a database problem and left exactly as it was.
TEST_F(CliRejectsFile, NotADatabaseFileIsLeftAlone)
{
    const QByteArray notes = "these are my notes, not a database\n";
    const QString file = writeFile(QStringLiteral("notes.txt"), notes);
    for (const QStringList &args :
         {cmd({"keys", "list"}), cmd({"keys", "add", "--name", "x", "--platform", "deepseek"})}) {
        const CliResult result = run(cmd({"--db"}) << file << args, kSecret);
        EXPECT_TRUE(failedWith(result, kExitDatabase, {file}));
    }
    QFile reread(file);
    ASSERT_TRUE(reread.open(QIODevice::ReadOnly));
    EXPECT_EQ(reread.readAll(), notes);
    EXPECT_FALSE(QFile::exists(file + QStringLiteral("-wal")));
    EXPECT_EQ(keyCount(), 1);
}

// A reachable server but no such database: a database error, and the password from the URL is
// not repeated back (it may end up in a terminal log or a CI transcript).
TEST_F(CliRejectsFile, MissingPostgresDatabaseDoesNotShowThePassword)
{
    if (!isPostgres())
        GTEST_SKIP() << "needs the PostgreSQL server (cli.postgres)";
    QUrl url(dbUrl());
    url.setPassword(QStringLiteral("Pw0rdCanary"));
    url.setPath(QStringLiteral("/qw_no_such_database"));
    const QString missing = url.toString();
    for (const QStringList &args :
         {cmd({"keys", "list"}), cmd({"keys", "add", "--name", "x", "--platform", "deepseek"})}) {
        const CliResult result = withoutPasswordWarning(run(cmd({"--db"}) << missing << args, kSecret));
        EXPECT_TRUE(failedWith(result, kExitDatabase, {QStringLiteral("qw_no_such_database")}));
        EXPECT_FALSE(result.err.contains("Pw0rdCanary")) << result.describe();
    }
    EXPECT_EQ(keyCount(), 1);
}

} // namespace
} // namespace qw::test
