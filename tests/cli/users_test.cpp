// `quotawatch user ...` and `quotawatch token ...`: accounts and personal access tokens from the
// command line, with passwords only ever on standard input; the one-time token is the only secret
// ever printed, and neither a password nor a hash appears in any output.
#include "core/crypto/tokenhasher.h"
#include "tests/cli/clitest.h"

#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlQuery>

namespace qw::test {
namespace {

const QByteArray kPassword = "a long enough password";

class CliUsers : public CliTest
{
protected:
    void TearDown() override
    {
        // Nothing a command printed holds a password or a password hash.
        for (const QByteArray &output : std::as_const(m_outputs)) {
            EXPECT_FALSE(output.contains(kPassword)) << output.toStdString();
            EXPECT_FALSE(output.contains("scrypt$")) << output.toStdString();
        }
        CliTest::TearDown();
    }

    QJsonArray usersJson()
    {
        const CliResult listed = runDb(cmd({"user", "list", "--json"}));
        EXPECT_TRUE(succeeded(listed)) << listed.describe();
        return QJsonDocument::fromJson(listed.out).array();
    }

    QJsonObject userNamed(const QString &name)
    {
        for (const QJsonValue &user : usersJson()) {
            if (user.toObject().value(QStringLiteral("username")).toString() == name)
                return user.toObject();
        }
        return {};
    }

    // The token `token create` printed, or empty.
    static QString printedToken(const CliResult &result)
    {
        static const QRegularExpression pattern(QStringLiteral("qwp_[A-Za-z0-9_-]+"));
        return pattern.match(result.outText()).captured(0);
    }
};

TEST_F(CliUsers, AddListPasswdAndRemoveAccounts)
{
    const CliResult added = runDb(cmd({"user", "add", "alice", "--admin"}), kPassword);
    ASSERT_TRUE(succeeded(added)) << added.describe();
    EXPECT_TRUE(added.outText().contains(QStringLiteral("alice")));
    ASSERT_TRUE(succeeded(runDb(cmd({"user", "add", "bob"}), kPassword + "\n")));

    const QJsonObject alice = userNamed(QStringLiteral("alice"));
    EXPECT_TRUE(alice.value(QStringLiteral("is_admin")).toBool());
    EXPECT_TRUE(alice.value(QStringLiteral("has_password")).toBool());
    const QJsonObject bob = userNamed(QStringLiteral("bob"));
    EXPECT_FALSE(bob.value(QStringLiteral("is_admin")).toBool());
    for (const QJsonValue &user : usersJson())
        EXPECT_FALSE(user.toObject().contains(QStringLiteral("password_hash")));

    const CliResult table = runDb(cmd({"user", "list"}));
    ASSERT_TRUE(succeeded(table));
    EXPECT_TRUE(table.outText().contains(QStringLiteral("alice")));
    EXPECT_TRUE(table.outText().contains(QStringLiteral("owner")));

    // The stored hash changes with passwd, and is never the password.
    auto hashOf = [this](const QString &name) {
        auto query = db().run(QStringLiteral("SELECT password_hash FROM users WHERE username = ?"), {name});
        return query && query->next() ? query->value(0).toString() : QString();
    };
    const QString before = hashOf(QStringLiteral("bob"));
    EXPECT_FALSE(before.isEmpty());
    EXPECT_FALSE(before.contains(QString::fromUtf8(kPassword)));
    ASSERT_TRUE(succeeded(runDb(cmd({"user", "passwd", "bob"}), "another long password")));
    EXPECT_NE(hashOf(QStringLiteral("bob")), before);
    // The owner may set a password too (to reach its keys through the API).
    ASSERT_TRUE(succeeded(runDb(cmd({"user", "passwd", "owner"}), kPassword)));
    EXPECT_TRUE(userNamed(QStringLiteral("owner")).value(QStringLiteral("has_password")).toBool());

    const CliResult removed = runDb(cmd({"user", "remove", "bob"}));
    ASSERT_TRUE(succeeded(removed)) << removed.describe();
    EXPECT_TRUE(userNamed(QStringLiteral("bob")).isEmpty());
}

TEST_F(CliUsers, BadInputIsOneClearLine)
{
    ASSERT_TRUE(succeeded(runDb(cmd({"user", "add", "alice"}), kPassword)));
    EXPECT_TRUE(
        failedWith(runDb(cmd({"user", "add", "carol"}), ""), kExitUsage, {QStringLiteral("standard input")}));
    EXPECT_TRUE(
        failedWith(runDb(cmd({"user", "add", "carol"}), "short"), kExitUsage, {QStringLiteral("password")}));
    EXPECT_TRUE(failedWith(runDb(cmd({"user", "add", "no spaces"}), kPassword), kExitUsage,
                           {QStringLiteral("username")}));
    EXPECT_TRUE(
        failedWith(runDb(cmd({"user", "add", "alice"}), kPassword), kExitUsage, {QStringLiteral("taken")}));
    EXPECT_TRUE(failedWith(runDb(cmd({"user", "add", "carol", "--superuser"}), kPassword), kExitUsage,
                           {QStringLiteral("superuser")}));
    EXPECT_TRUE(failedWith(runDb(cmd({"user", "passwd", "nobody"}), kPassword), kExitUsage,
                           {QStringLiteral("nobody"), QStringLiteral("user list")}));
    EXPECT_TRUE(failedWith(runDb(cmd({"user", "passwd", "alice"}), ""), kExitUsage,
                           {QStringLiteral("standard input")}));
    EXPECT_TRUE(failedWith(runDb(cmd({"user", "remove", "nobody"})), kExitUsage, {QStringLiteral("nobody")}));
    EXPECT_TRUE(
        failedWith(runDb(cmd({"user", "registration", "maybe"})), kExitUsage, {QStringLiteral("maybe")}));
    EXPECT_TRUE(userNamed(QStringLiteral("carol")).isEmpty());
}

TEST_F(CliUsers, TheLocalOwnerIsNeverRemoved)
{
    ASSERT_TRUE(succeeded(runDb(cmd({"user", "list"}))));
    const CliResult refused = runDb(cmd({"user", "remove", "owner"}));
    EXPECT_TRUE(
        failedWith(refused, kExitUsage, {QStringLiteral("owner"), QStringLiteral("cannot be removed")}));
    EXPECT_FALSE(userNamed(QStringLiteral("owner")).isEmpty());
}

TEST_F(CliUsers, RegistrationIsOpenUntilTheFirstPasswordThenFollowsTheSwitch)
{
    const CliResult initially = runDb(cmd({"user", "registration"}));
    ASSERT_TRUE(succeeded(initially)) << initially.describe();
    EXPECT_TRUE(initially.outText().contains(QStringLiteral("open until the first account")));
    ASSERT_TRUE(succeeded(runDb(cmd({"user", "add", "alice", "--admin"}), kPassword)));
    EXPECT_TRUE(runDb(cmd({"user", "registration"})).outText().contains(QStringLiteral("closed")));
    const CliResult opened = runDb(cmd({"user", "registration", "open"}));
    ASSERT_TRUE(succeeded(opened));
    EXPECT_TRUE(opened.outText().contains(QStringLiteral("Registration: open")));
    EXPECT_EQ(setting(QStringLiteral("registration_open")).value_or(QString()), QStringLiteral("1"));
    ASSERT_TRUE(succeeded(runDb(cmd({"user", "registration", "close"}))));
    EXPECT_TRUE(runDb(cmd({"user", "registration"})).outText().contains(QStringLiteral("closed")));
}

TEST_F(CliUsers, TokensAreShownOnceListedWithoutThemAndRevoked)
{
    const CliResult created = runDb(cmd({"token", "create", "prometheus"}));
    ASSERT_TRUE(succeeded(created)) << created.describe();
    const QString token = printedToken(created);
    ASSERT_TRUE(token.startsWith(QLatin1String(TokenHasher::kPrefix)));
    EXPECT_TRUE(created.outText().contains(QStringLiteral("only this once")));
    EXPECT_TRUE(created.outText().contains(QStringLiteral("owner")));

    // Stored only as its hash.
    auto stored = db().run(QStringLiteral("SELECT token_hash FROM access_tokens"));
    ASSERT_TRUE(stored && stored->next());
    EXPECT_EQ(stored->value(0).toString(), TokenHasher::hashOf(token));

    const CliResult listed = runDb(cmd({"token", "list", "--json"}));
    ASSERT_TRUE(succeeded(listed));
    EXPECT_FALSE(listed.outText().contains(token));
    EXPECT_FALSE(listed.outText().contains(TokenHasher::hashOf(token)));
    const QJsonArray tokens = QJsonDocument::fromJson(listed.out).array();
    ASSERT_EQ(tokens.size(), 1);
    const QJsonObject entry = tokens.first().toObject();
    EXPECT_EQ(entry.value(QStringLiteral("name")).toString(), QStringLiteral("prometheus"));
    EXPECT_TRUE(entry.value(QStringLiteral("last_used_at")).isNull());
    EXPECT_FALSE(entry.value(QStringLiteral("revoked")).toBool());
    const qint64 id = entry.value(QStringLiteral("id")).toInteger();
    const CliResult table = runDb(cmd({"token", "list"}));
    EXPECT_TRUE(table.outText().contains(QStringLiteral("never")));
    EXPECT_FALSE(table.outText().contains(token));

    const CliResult revoked = runDb({QStringLiteral("token"), QStringLiteral("revoke"), QString::number(id)});
    ASSERT_TRUE(succeeded(revoked)) << revoked.describe();
    EXPECT_TRUE(QJsonDocument::fromJson(runDb(cmd({"token", "list", "--json"})).out)
                    .array()
                    .first()
                    .toObject()
                    .value(QStringLiteral("revoked"))
                    .toBool());

    // No command but create ever prints the token.
    int printedTimes = 0;
    for (const QByteArray &output : std::as_const(m_outputs))
        printedTimes += output.contains(token.toLatin1());
    EXPECT_EQ(printedTimes, 1);
}

TEST_F(CliUsers, TokensBelongToTheNamedAccount)
{
    ASSERT_TRUE(succeeded(runDb(cmd({"user", "add", "alice"}), kPassword)));
    const CliResult created = runDb(cmd({"token", "create", "script", "--user", "alice"}));
    ASSERT_TRUE(succeeded(created)) << created.describe();
    EXPECT_TRUE(created.outText().contains(QStringLiteral("alice")));
    EXPECT_EQ(QJsonDocument::fromJson(runDb(cmd({"token", "list", "--user", "alice", "--json"})).out)
                  .array()
                  .size(),
              1);
    EXPECT_EQ(QJsonDocument::fromJson(runDb(cmd({"token", "list", "--json"})).out).array().size(), 0);
    const qint64 id = QJsonDocument::fromJson(runDb(cmd({"token", "list", "--user", "alice", "--json"})).out)
                          .array()
                          .first()
                          .toObject()
                          .value(QStringLiteral("id"))
                          .toInteger();
    // Another account's token is not found: ids cannot be probed.
    EXPECT_TRUE(failedWith(runDb({QStringLiteral("token"), QStringLiteral("revoke"), QString::number(id)}),
                           kExitUsage, {QString::number(id)}));
    EXPECT_TRUE(succeeded(runDb({QStringLiteral("token"), QStringLiteral("revoke"), QString::number(id),
                                 QStringLiteral("--user"), QStringLiteral("alice")})));

    EXPECT_TRUE(failedWith(runDb(cmd({"token", "create", "x", "--user", "nobody"})), kExitUsage,
                           {QStringLiteral("nobody")}));
    EXPECT_TRUE(failedWith(runDb(cmd({"token", "list", "--user", "nobody"})), kExitUsage,
                           {QStringLiteral("nobody")}));
    EXPECT_TRUE(failedWith(runDb(cmd({"token", "revoke", "abc"})), kExitUsage, {QStringLiteral("abc")}));
    EXPECT_TRUE(failedWith(runDb(cmd({"token", "create", "x", "--forever"})), kExitUsage,
                           {QStringLiteral("forever")}));
    EXPECT_TRUE(failedWith(runDb(cmd({"token", "create", "   "})), kExitUsage, {QStringLiteral("name")}));
}

} // namespace
} // namespace qw::test
