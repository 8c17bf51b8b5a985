// Where the PostgreSQL password comes from: never argv or the settings file if the user follows
// the advice, but a password in --db still works, with a warning naming the safer ways; PGPASSWORD
// (libpq's own) works; and the OS keychain entry works (CliPgKeychain, run by ctest as
// cli.keychain.postgres inside a private gnome-keyring). The test server lets every role in
// without a password except `qw_password_user` (tests/fixtures/pg-fixture.sh), which these use.
#include "core/model/databaseurl.h"
#include "core/secrets/databasepasswordstore.h"
#include "tests/cli/clitest.h"
#include "tests/support/pgtestserver.h"
#include "tests/support/secretscan.h"

#include <QUrl>

namespace qw::test {
namespace {

const QString kRolePassword = QStringLiteral("Pg-Role-Pass-4711");

// The role that needs a password, owning the test database, so the CLI can make its tables.
bool preparePasswordRole(const QString &databaseUrl)
{
    const QString name = QUrl(databaseUrl).path().mid(1);
    return PgTestServer::runAdmin(
               QStringLiteral("DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = "
                              "'qw_password_user') THEN CREATE ROLE qw_password_user LOGIN; "
                              "END IF; END$$")) &&
           PgTestServer::runAdmin(
               QStringLiteral("ALTER ROLE qw_password_user PASSWORD '%1'").arg(kRolePassword)) &&
           PgTestServer::runAdmin(QStringLiteral("ALTER DATABASE %1 OWNER TO qw_password_user").arg(name));
}

// The test database's URL as that role, with `password` in it (none when empty).
QString roleUrl(const QString &databaseUrl, const QString &password = {})
{
    QUrl url(databaseUrl);
    url.setUserName(QStringLiteral("qw_password_user"));
    url.setPassword(password);
    return url.toString();
}

} // namespace

class CliDatabasePassword : public CliTest
{
protected:
    void SetUp() override
    {
        CliTest::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        if (!isPostgres())
            GTEST_SKIP() << "PostgreSQL only";
        ASSERT_TRUE(preparePasswordRole(dbUrl()));
    }
};

TEST_F(CliDatabasePassword, APasswordInDbWorksAndWarnsNamingTheSaferWays)
{
    const CliResult listed =
        run(QStringList{QStringLiteral("--db"), roleUrl(dbUrl(), kRolePassword)} + cmd({"keys", "list"}));
    EXPECT_EQ(listed.exitCode, kExitOk) << listed.describe();
    const QString err = listed.errText();
    EXPECT_TRUE(err.contains(QStringLiteral("warning"))) << err.toStdString();
    EXPECT_TRUE(err.contains(QStringLiteral("keychain"))) << err.toStdString();
    EXPECT_TRUE(err.contains(QStringLiteral(".pgpass"))) << err.toStdString();
    EXPECT_TRUE(err.contains(QStringLiteral("PGPASSWORD"))) << err.toStdString();
    EXPECT_TRUE(
        holdsNoSecret({kRolePassword.toUtf8()}, listed.err + listed.out, QStringLiteral("the output")));

    // The same through QUOTAWATCH_DB.
    const CliResult viaEnv = run(cmd({"keys", "list"}), {}, {{kDbVar, roleUrl(dbUrl(), kRolePassword)}});
    EXPECT_EQ(viaEnv.exitCode, kExitOk) << viaEnv.describe();
    EXPECT_TRUE(viaEnv.errText().contains(QStringLiteral("QUOTAWATCH_DB"))) << viaEnv.describe();
}

TEST_F(CliDatabasePassword, WithoutAPasswordInTheUrlPgPasswordIsUsed)
{
    const QStringList list = QStringList{QStringLiteral("--db"), roleUrl(dbUrl())} + cmd({"keys", "list"});
    const CliResult refused = runBinary(list, {}, {{QStringLiteral("PGPASSWORD"), std::nullopt}});
    EXPECT_EQ(refused.exitCode, kExitDatabase) << "the role needs its password: " << refused.describe();
    const CliResult listed = runBinary(list, {}, {{QStringLiteral("PGPASSWORD"), kRolePassword}});
    EXPECT_TRUE(succeeded(listed)) << "no warning either: " << listed.describe();
}

// Inside the private keyring of with-keyring.sh only: a real user's keyring is never touched.
class CliPgKeychain : public CliDatabasePassword
{
protected:
    void SetUp() override
    {
        if (qEnvironmentVariable("QW_PRIVATE_KEYRING") != QLatin1String("1"))
            GTEST_SKIP() << "needs the private keyring of tests/fixtures/with-keyring.sh (ctest -R "
                            "cli.keychain.postgres)";
        CliDatabasePassword::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        m_keychainReachable = true;
        m_url = *DatabaseUrl::parse(roleUrl(dbUrl()));
    }

    void TearDown() override
    {
        if (qEnvironmentVariable("QW_PRIVATE_KEYRING") == QLatin1String("1") && !m_url.host.isEmpty())
            (void)DatabasePasswordStore().remove(m_url);
        CliDatabasePassword::TearDown();
    }

    DatabaseUrl m_url;
};

TEST_F(CliPgKeychain, ThePasswordKeptInTheKeychainIsUsed)
{
    const QStringList list = QStringList{QStringLiteral("--db"), roleUrl(dbUrl())} + cmd({"keys", "list"});
    const EnvChanges noPgPassword{{QStringLiteral("PGPASSWORD"), std::nullopt}};

    ASSERT_TRUE(DatabasePasswordStore().write(m_url, QStringLiteral("not-the-password")));
    const CliResult wrong = runBinary(list, {}, noPgPassword);
    EXPECT_EQ(wrong.exitCode, kExitDatabase) << "the stored password is the one sent: " << wrong.describe();

    ASSERT_TRUE(DatabasePasswordStore().write(m_url, kRolePassword));
    auto stored = DatabasePasswordStore().read(m_url);
    ASSERT_TRUE(stored && *stored);
    EXPECT_EQ(**stored, kRolePassword);
    const CliResult listed = runBinary(list, {}, noPgPassword);
    EXPECT_TRUE(succeeded(listed)) << listed.describe();
}

} // namespace qw::test
