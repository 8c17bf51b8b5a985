// Where the database comes from: --db before or after the sub-command, --db=URL, QUOTAWATCH_DB,
// the precedence between them, and the default file in the (private) application-data folder.
#include "tests/cli/clitest.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace qw::test {
namespace {

class CliGlobalOptions : public CliTest
{
protected:
    void SetUp() override
    {
        CliTest::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        ASSERT_GT(addKey(QStringLiteral("Placement"), QStringLiteral("deepseek"), "sk-placement-0001"), 0);
    }

    // The names `keys list --json` printed, or a failure.
    static QStringList listedNames(const CliResult &result)
    {
        EXPECT_TRUE(succeeded(result));
        QStringList names;
        for (const QJsonValue &key : QJsonDocument::fromJson(result.out).array())
            names << key.toObject().value(QLatin1String("name")).toString();
        return names;
    }
};

TEST_F(CliGlobalOptions, DbIsAcceptedAnywhereAndWithEquals)
{
    const QString url = dbUrl();
    const QString equals = QStringLiteral("--db=") + url;
    const std::vector<QStringList> placements{
        cmd({"--db"}) << url << cmd({"keys", "list", "--json"}),
        cmd({"keys", "list", "--json", "--db"}) << url,
        cmd({"keys", "--db"}) << url << cmd({"list", "--json"}),
        QStringList{equals} << cmd({"keys", "list", "--json"}),
        cmd({"keys", "list"}) << equals << QStringLiteral("--json"),
    };
    for (const QStringList &args : placements) {
        SCOPED_TRACE(args.join(u' ').toStdString());
        EXPECT_EQ(listedNames(run(args)), QStringList{QStringLiteral("Placement")});
    }
}

TEST_F(CliGlobalOptions, DbBetweenSubcommandFlagsWorksForAdd)
{
    const CliResult result =
        run(cmd({"keys", "add", "--name", "Between", "--db"}) << dbUrl() << cmd({"--platform", "deepseek"}),
            "sk-between-0002");
    ASSERT_TRUE(succeeded(result));
    EXPECT_EQ(listedNames(runDb(cmd({"keys", "list", "--json"}))), cmd({"Placement", "Between"}));
}

TEST_F(CliGlobalOptions, EnvironmentVariableIsUsedWithoutDb)
{
    const EnvChanges env{{kDbVar, dbUrl()}};
    EXPECT_EQ(listedNames(run(cmd({"keys", "list", "--json"}), {}, env)),
              QStringList{QStringLiteral("Placement")});

    const CliResult added =
        run(cmd({"keys", "add", "--name", "FromEnv", "--platform", "deepseek"}), "sk-fromenv-0003", env);
    ASSERT_TRUE(succeeded(added));
    EXPECT_EQ(keyCount(), 2);
}

TEST_F(CliGlobalOptions, DbFlagWinsOverEnvironmentVariable)
{
    const QString other = path(QStringLiteral("other.db"));
    EXPECT_EQ(listedNames(runDb(cmd({"keys", "list", "--json"}), {},
                                {{kDbVar, QStringLiteral("sqlite://") + other}})),
              QStringList{QStringLiteral("Placement")});
    EXPECT_FALSE(QFileInfo::exists(other)) << "the database named by QUOTAWATCH_DB was opened";

    // Not even parsed: a broken QUOTAWATCH_DB does not matter when --db is given.
    EXPECT_EQ(
        listedNames(runDb(cmd({"keys", "list", "--json"}), {}, {{kDbVar, QStringLiteral("mysql://x")}})),
        QStringList{QStringLiteral("Placement")});
}

TEST_F(CliGlobalOptions, PlainAndRelativeFilePathsAreSqliteFiles)
{
    const QString plain = path(QStringLiteral("plain.db"));
    ASSERT_TRUE(
        succeeded(run(cmd({"keys", "add", "--name", "Plain", "--platform", "deepseek", "--db"}) << plain,
                      "sk-plain-0004")));
    EXPECT_TRUE(QFileInfo(plain).isFile());
    EXPECT_EQ(listedNames(run(cmd({"keys", "list", "--json", "--db"}) << plain)),
              QStringList{QStringLiteral("Plain")});

    // Relative to the working directory, like any command-line path.
    ASSERT_TRUE(succeeded(run(cmd({"keys", "list", "--db", "relative.db"}))));
    EXPECT_TRUE(QFileInfo(QDir(m_home.path()).filePath(QStringLiteral("work/relative.db"))).isFile());
}

TEST_F(CliGlobalOptions, DefaultDatabaseLivesInTheApplicationDataFolder)
{
    // No --db and no QUOTAWATCH_DB: the file goes to $XDG_DATA_HOME/QuotaWatch, here the
    // fixture's private folder, and nowhere else.
    const CliResult added =
        run(cmd({"keys", "add", "--name", "Default", "--platform", "deepseek"}), "sk-default-0005");
    ASSERT_TRUE(succeeded(added));
    const QString expected = QDir(m_home.path()).filePath(QStringLiteral("data/QuotaWatch/quotawatch.db"));
    EXPECT_TRUE(QFileInfo(expected).isFile()) << expected.toStdString();
    EXPECT_EQ(listedNames(run(cmd({"keys", "list", "--json"}))), QStringList{QStringLiteral("Default")});
    // The test database was not touched.
    EXPECT_EQ(keyCount(), 1);
}

} // namespace
} // namespace qw::test
