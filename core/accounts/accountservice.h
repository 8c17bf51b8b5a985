// The accounts use case for every front end (REST, command line, Settings): accounts with
// scrypt-hashed passwords, and personal access tokens stored only as hashes. Neither a password
// nor a plain token is ever stored, logged or put in an error message.
#pragma once

#include "core/model/accesstoken.h"
#include "core/model/user.h"
#include "core/result.h"

#include <vector>

namespace qw {

class Clock;
class Database;

class AccountService final
{
public:
    static constexpr int kMinPasswordLength = 8;

    // A token just made: the only time its plain text exists.
    struct CreatedToken
    {
        qint64 id = 0;
        QString token;
    };

    AccountService(Database &db, const Clock &clock);

    // A new account: user name of 3 to 64 letters, digits, '.', '_' or '-' (InvalidInput naming
    // "username"), a password of at least 8 characters (InvalidInput naming "password"), a taken
    // name is Conflict. The first account with a password becomes an administrator.
    [[nodiscard]] Result<User> registerUser(const QString &username, const QString &password);
    // The account, or Unauthorized without saying whether the name or the password was wrong.
    // An account without a password (the local owner before it sets one) never signs in this way.
    [[nodiscard]] Result<User> authenticate(const QString &username, const QString &password);
    [[nodiscard]] Result<void> setPassword(qint64 userId, const QString &password);
    [[nodiscard]] Result<std::vector<User>> list();
    [[nodiscard]] Result<User> find(qint64 userId);
    [[nodiscard]] Result<User> findByName(const QString &username);
    // The account with its keys, channels and tokens.
    [[nodiscard]] Result<void> remove(qint64 userId);

    // A token named `name` (1 to 100 characters, InvalidInput naming "name") for the account.
    [[nodiscard]] Result<CreatedToken> createToken(qint64 userId, const QString &name);
    [[nodiscard]] Result<std::vector<AccessToken>> listTokens(qint64 userId);
    // NotFound also for another account's token, so ids cannot be probed.
    [[nodiscard]] Result<void> revokeToken(qint64 userId, qint64 tokenId);
    // The token's account, its use recorded; Unauthorized for an unknown or revoked token.
    [[nodiscard]] Result<User> authenticateToken(const QString &token);

    [[nodiscard]] static Error notFound(qint64 userId);

private:
    [[nodiscard]] static Result<void> checkPassword(const QString &password);
    [[nodiscard]] static Result<QString> hashPassword(const QString &password);

    Database &m_db;
    const Clock &m_clock;
};

} // namespace qw
