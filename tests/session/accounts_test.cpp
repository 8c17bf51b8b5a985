// Accounts and personal access tokens through the Session's AccountService, on a real database
// (SQLite or the PostgreSQL fixture): the registration rules, sign-in that never says which part
// was wrong, the local owner without a password, tokens that are shown once, recorded when used,
// revoked per account, and neither passwords nor tokens ever stored.
#include "core/accounts/accountservice.h"
#include "core/session/exitcode.h"
#include "core/session/session.h"
#include "core/storage/database.h"
#include "tests/session/sessionfixture.h"

#include <QSqlRecord>
#include <gtest/gtest.h>

namespace qw::test {
namespace {

const QDateTime kNow = kSessionNow;
const QString kPassword = QStringLiteral("hunter2-but-longer");

class AccountsTest : public SessionFixture
{
protected:
    // Most tests register several accounts: an administrator has opened registration. The
    // policy itself is tested below with it closed.
    void SetUp() override
    {
        SessionFixture::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        ASSERT_TRUE(accounts().setRegistrationOpen(true));
    }

    AccountService &accounts() { return m_session->accounts(); }

    User registered(const QString &name, const QString &password = kPassword)
    {
        auto user = accounts().registerUser(name, password);
        EXPECT_TRUE(user) << (user ? "" : user.error().message.toStdString());
        return user.value_or(User{});
    }

    // Every value of every row of `table`, as text.
    QStringList cells(const QString &table)
    {
        QStringList out;
        auto query = m_session->database().run(QStringLiteral("SELECT * FROM %1").arg(table));
        EXPECT_TRUE(query);
        if (!query)
            return out;
        while (query->next()) {
            for (int column = 0; column < query->record().count(); ++column)
                out << query->value(column).toString();
        }
        return out;
    }
};

void expectError(const Error &error, ErrorCode code, const char *mentions)
{
    EXPECT_EQ(error.code, code) << error.message.toStdString();
    EXPECT_TRUE(error.message.contains(QLatin1String(mentions))) << error.message.toStdString();
}

TEST_F(AccountsTest, UserNamesAreThreeToSixtyFourLettersDigitsDotsUnderscoresOrDashes)
{
    for (const QString &bad : QStringList{QString(), QStringLiteral("ab"), QString(65, QLatin1Char('a')),
                                          QStringLiteral("has space"), QStringLiteral("semi;colon"),
                                          QStringLiteral("ünïcode"), QStringLiteral("slash/name")}) {
        auto user = accounts().registerUser(bad, kPassword);
        ASSERT_FALSE(user) << bad.toStdString();
        expectError(user.error(), ErrorCode::InvalidInput, "username");
    }
    EXPECT_EQ(registered(QStringLiteral("abc")).username, QStringLiteral("abc"));
    EXPECT_TRUE(accounts().registerUser(QString(64, QLatin1Char('z')), kPassword));
    EXPECT_TRUE(accounts().registerUser(QStringLiteral("A.b_c-9"), kPassword));
}

TEST_F(AccountsTest, PasswordsHaveAtLeastEightCharacters)
{
    auto shortOne = accounts().registerUser(QStringLiteral("alice"), QStringLiteral("1234567"));
    ASSERT_FALSE(shortOne);
    expectError(shortOne.error(), ErrorCode::InvalidInput, "password");
    EXPECT_FALSE(shortOne.error().message.contains(QLatin1String("1234567")));
    // Characters, not bytes: seven two-byte characters are still too short.
    EXPECT_FALSE(accounts().registerUser(QStringLiteral("alice"), QStringLiteral("ééééééé")));
    EXPECT_TRUE(accounts().registerUser(QStringLiteral("alice"), QStringLiteral("12345678")));
}

TEST_F(AccountsTest, ATakenNameIsAConflict)
{
    registered(QStringLiteral("alice"));
    auto again = accounts().registerUser(QStringLiteral("alice"), QStringLiteral("another password"));
    ASSERT_FALSE(again);
    expectError(again.error(), ErrorCode::Conflict, "username");
    EXPECT_FALSE(again.error().message.contains(QLatin1String("another password")));
    // The local owner's name is taken too.
    auto owner = accounts().registerUser(QLatin1String(User::kOwnerName), kPassword);
    ASSERT_FALSE(owner);
    EXPECT_EQ(owner.error().code, ErrorCode::Conflict);
    EXPECT_EQ(exitCodeFor(ErrorCode::Conflict), kExitUsage);
    EXPECT_EQ(exitCodeFor(ErrorCode::Unauthorized), kExitUsage);
}

TEST_F(AccountsTest, TheFirstAccountWithAPasswordBecomesAdministrator)
{
    const User first = registered(QStringLiteral("alice"));
    const User second = registered(QStringLiteral("bob"));
    EXPECT_TRUE(first.isAdmin);
    EXPECT_FALSE(second.isAdmin);
    EXPECT_EQ(first.createdAt, kNow);
    auto listed = accounts().list();
    ASSERT_TRUE(listed);
    ASSERT_EQ(listed->size(), 3u); // the owner, alice, bob
    EXPECT_EQ(listed->at(1).username, QStringLiteral("alice"));
    EXPECT_TRUE(listed->at(1).isAdmin);
    EXPECT_FALSE(listed->at(2).isAdmin);
}

TEST_F(AccountsTest, RegistrationIsOpenUntilTheFirstAccountHasAPasswordThenOnlyWhenAnAdminOpensIt)
{
    ASSERT_TRUE(accounts().setRegistrationOpen(false));
    EXPECT_EQ(accounts().registrationOpen().value_or(false), true); // nobody has a password yet
    const User first = registered(QStringLiteral("alice"));
    EXPECT_TRUE(first.isAdmin);
    EXPECT_EQ(accounts().registrationOpen().value_or(true), false);
    auto closed = accounts().registerUser(QStringLiteral("bob"), kPassword);
    ASSERT_FALSE(closed);
    expectError(closed.error(), ErrorCode::Forbidden, "administrator");
    EXPECT_FALSE(accounts().findByName(QStringLiteral("bob")));
    // The steps a server takes: the policy is decided again in the inserting transaction.
    auto hashed = AccountService::hashPassword(kPassword);
    ASSERT_TRUE(hashed);
    EXPECT_EQ(accounts().insertRegistered(QStringLiteral("bob"), *hashed).error().code, ErrorCode::Forbidden);

    ASSERT_TRUE(accounts().setRegistrationOpen(true));
    EXPECT_FALSE(registered(QStringLiteral("bob")).isAdmin);
    // An administrator's own additions ignore the switch.
    ASSERT_TRUE(accounts().setRegistrationOpen(false));
    auto added = accounts().addUser(QStringLiteral("carol"), kPassword, true);
    ASSERT_TRUE(added);
    EXPECT_TRUE(added->isAdmin);
    EXPECT_EQ(accounts().addUser(QStringLiteral("bad name"), kPassword, false).error().code,
              ErrorCode::InvalidInput);
    EXPECT_EQ(accounts().addUser(QStringLiteral("carol"), kPassword, false).error().code,
              ErrorCode::Conflict);
}

TEST_F(AccountsTest, OnceTheOwnerHasAPasswordARegisteredAccountIsNoAdministrator)
{
    ASSERT_TRUE(accounts().setPassword(m_session->ownerId(), kPassword));
    EXPECT_FALSE(registered(QStringLiteral("alice")).isAdmin);
}

TEST_F(AccountsTest, SignInNeverSaysWhichPartWasWrong)
{
    const User alice = registered(QStringLiteral("alice"));
    auto signedIn = accounts().authenticate(QStringLiteral("alice"), kPassword);
    ASSERT_TRUE(signedIn);
    EXPECT_EQ(signedIn->id, alice.id);

    auto wrongPassword = accounts().authenticate(QStringLiteral("alice"), QStringLiteral("not the password"));
    auto unknownUser = accounts().authenticate(QStringLiteral("nobody"), kPassword);
    ASSERT_FALSE(wrongPassword);
    ASSERT_FALSE(unknownUser);
    EXPECT_EQ(wrongPassword.error().code, ErrorCode::Unauthorized);
    EXPECT_EQ(unknownUser.error().code, ErrorCode::Unauthorized);
    EXPECT_EQ(wrongPassword.error().message, unknownUser.error().message);
    EXPECT_FALSE(wrongPassword.error().message.contains(QLatin1String("not the password")));
    EXPECT_FALSE(unknownUser.error().message.contains(kPassword));
    EXPECT_FALSE(accounts().authenticate(QStringLiteral("Alice"), kPassword));
}

TEST_F(AccountsTest, TheOwnerWithoutAPasswordNeverSignsInWithOneUntilItSetsOne)
{
    const QString owner = QLatin1String(User::kOwnerName);
    for (const QString &attempt : QStringList{QString(), QStringLiteral(""), kPassword}) {
        auto signedIn = accounts().authenticate(owner, attempt);
        ASSERT_FALSE(signedIn);
        EXPECT_EQ(signedIn.error().code, ErrorCode::Unauthorized);
    }
    auto tooShort = accounts().setPassword(m_session->ownerId(), QStringLiteral("short"));
    ASSERT_FALSE(tooShort);
    expectError(tooShort.error(), ErrorCode::InvalidInput, "password");

    ASSERT_TRUE(accounts().setPassword(m_session->ownerId(), kPassword));
    auto signedIn = accounts().authenticate(owner, kPassword);
    ASSERT_TRUE(signedIn);
    EXPECT_EQ(signedIn->id, m_session->ownerId());
    EXPECT_TRUE(signedIn->isAdmin);

    // A new password replaces the old one.
    ASSERT_TRUE(accounts().setPassword(m_session->ownerId(), QStringLiteral("a new password")));
    EXPECT_FALSE(accounts().authenticate(owner, kPassword));
    EXPECT_TRUE(accounts().authenticate(owner, QStringLiteral("a new password")));

    auto missing = accounts().setPassword(987654, kPassword);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
}

TEST_F(AccountsTest, AccountsAreFoundAndRemoved)
{
    const User alice = registered(QStringLiteral("alice"));
    auto byName = accounts().findByName(QStringLiteral("alice"));
    ASSERT_TRUE(byName);
    EXPECT_EQ(byName->id, alice.id);
    EXPECT_EQ(accounts().findByName(QStringLiteral("nobody")).error().code, ErrorCode::NotFound);

    auto token = accounts().createToken(alice.id, QStringLiteral("script"));
    ASSERT_TRUE(token);
    ASSERT_TRUE(accounts().remove(alice.id));
    EXPECT_EQ(accounts().find(alice.id).error().code, ErrorCode::NotFound);
    EXPECT_FALSE(accounts().authenticate(QStringLiteral("alice"), kPassword));
    EXPECT_FALSE(accounts().authenticateToken(token->token)); // its tokens went with it
    EXPECT_TRUE(cells(QStringLiteral("access_tokens")).isEmpty());
    EXPECT_EQ(accounts().remove(alice.id).error().code, ErrorCode::NotFound);
    auto listed = accounts().list();
    ASSERT_TRUE(listed);
    EXPECT_EQ(listed->size(), 1u);
}

TEST_F(AccountsTest, ATokenSignsItsAccountInAndRecordsItsUse)
{
    const User alice = registered(QStringLiteral("alice"));
    auto created = accounts().createToken(alice.id, QStringLiteral("prometheus"));
    ASSERT_TRUE(created);
    EXPECT_TRUE(created->token.startsWith(QLatin1String("qwp_")));
    EXPECT_GT(created->id, 0);

    auto before = accounts().listTokens(alice.id);
    ASSERT_TRUE(before);
    ASSERT_EQ(before->size(), 1u);
    EXPECT_EQ(before->at(0).id, created->id);
    EXPECT_EQ(before->at(0).name, QStringLiteral("prometheus"));
    EXPECT_EQ(before->at(0).createdAt, kNow);
    EXPECT_FALSE(before->at(0).lastUsedAt.isValid());
    EXPECT_FALSE(before->at(0).revoked);

    const QDateTime later = kNow.addSecs(90);
    m_clock.set(later);
    auto user = accounts().authenticateToken(created->token);
    ASSERT_TRUE(user) << user.error().message.toStdString();
    EXPECT_EQ(user->id, alice.id);
    auto after = accounts().listTokens(alice.id);
    ASSERT_TRUE(after);
    EXPECT_EQ(after->at(0).lastUsedAt, later);
    // Recorded to the minute: a use within it writes nothing, one after it moves the time on.
    m_clock.set(later.addSecs(30));
    ASSERT_TRUE(accounts().authenticateToken(created->token));
    EXPECT_EQ(accounts().listTokens(alice.id)->at(0).lastUsedAt, later);
    m_clock.set(later.addSecs(61));
    ASSERT_TRUE(accounts().authenticateToken(created->token));
    EXPECT_EQ(accounts().listTokens(alice.id)->at(0).lastUsedAt, later.addSecs(61));

    // A second token is another token; neither is shown again.
    auto second = accounts().createToken(alice.id, QStringLiteral("backup script"));
    ASSERT_TRUE(second);
    EXPECT_NE(second->token, created->token);
    EXPECT_EQ(accounts().listTokens(alice.id)->size(), 2u);
}

TEST_F(AccountsTest, UnknownOrMalformedTokensAreUnauthorized)
{
    const User alice = registered(QStringLiteral("alice"));
    auto created = accounts().createToken(alice.id, QStringLiteral("script"));
    ASSERT_TRUE(created);
    QString altered = created->token;
    altered[10] = altered[10] == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
    for (const QString &bad : QStringList{QString(), QStringLiteral("qwp_"), altered, created->token.mid(4),
                                          created->token + QStringLiteral("x"), kPassword}) {
        auto user = accounts().authenticateToken(bad);
        ASSERT_FALSE(user) << bad.toStdString();
        EXPECT_EQ(user.error().code, ErrorCode::Unauthorized);
        EXPECT_FALSE(user.error().message.contains(created->token.mid(4)));
    }
}

TEST_F(AccountsTest, RevokedTokensNeverSignInAndOnlyTheirOwnerRevokesThem)
{
    const User alice = registered(QStringLiteral("alice"));
    const User bob = registered(QStringLiteral("bob"));
    auto created = accounts().createToken(alice.id, QStringLiteral("script"));
    ASSERT_TRUE(created);

    auto byBob = accounts().revokeToken(bob.id, created->id);
    ASSERT_FALSE(byBob);
    EXPECT_EQ(byBob.error().code, ErrorCode::NotFound);
    EXPECT_TRUE(accounts().listTokens(bob.id)->empty());
    EXPECT_TRUE(accounts().authenticateToken(created->token));

    EXPECT_EQ(accounts().revokeToken(alice.id, created->id + 1000).error().code, ErrorCode::NotFound);
    ASSERT_TRUE(accounts().revokeToken(alice.id, created->id));
    auto revoked = accounts().authenticateToken(created->token);
    ASSERT_FALSE(revoked);
    EXPECT_EQ(revoked.error().code, ErrorCode::Unauthorized);
    auto listed = accounts().listTokens(alice.id);
    ASSERT_TRUE(listed);
    ASSERT_EQ(listed->size(), 1u);
    EXPECT_TRUE(listed->at(0).revoked);
}

TEST_F(AccountsTest, TokensNeedANameAndAnAccount)
{
    const User alice = registered(QStringLiteral("alice"));
    for (const QString &bad : QStringList{QString(), QStringLiteral("   "), QString(101, QLatin1Char('n'))}) {
        auto token = accounts().createToken(alice.id, bad);
        ASSERT_FALSE(token);
        expectError(token.error(), ErrorCode::InvalidInput, "name");
    }
    auto orphan = accounts().createToken(987654, QStringLiteral("script"));
    ASSERT_FALSE(orphan);
    EXPECT_EQ(orphan.error().code, ErrorCode::NotFound);
}

TEST_F(AccountsTest, NeitherPasswordsNorTokensAreStored)
{
    const QString ownerPassword = QStringLiteral("owner-password-42");
    ASSERT_TRUE(accounts().setPassword(m_session->ownerId(), ownerPassword));
    const User alice = registered(QStringLiteral("alice"));
    auto token = accounts().createToken(alice.id, QStringLiteral("script"));
    ASSERT_TRUE(token);
    ASSERT_TRUE(accounts().authenticateToken(token->token));

    const QString tokenBody = token->token.mid(4);
    const QStringList stored = cells(QStringLiteral("users")) + cells(QStringLiteral("access_tokens"));
    ASSERT_FALSE(stored.isEmpty());
    for (const QString &cell : stored) {
        EXPECT_FALSE(cell.contains(kPassword)) << cell.toStdString();
        EXPECT_FALSE(cell.contains(ownerPassword)) << cell.toStdString();
        EXPECT_FALSE(cell.contains(tokenBody)) << cell.toStdString();
        EXPECT_FALSE(cell.contains(QString::fromLatin1(kPassword.toUtf8().toBase64())));
    }
    // What is stored is a salted scrypt hash.
    auto found = accounts().find(alice.id);
    ASSERT_TRUE(found);
    EXPECT_TRUE(found->passwordHash.startsWith(QLatin1String("scrypt$")));
    EXPECT_TRUE(stored.contains(found->passwordHash));
}

} // namespace
} // namespace qw::test
