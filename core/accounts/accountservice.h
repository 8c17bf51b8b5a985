// The accounts use case for every front end (REST, command line, Settings): accounts with
// scrypt-hashed passwords, and personal access tokens stored only as hashes. Neither a password
// nor a plain token is ever stored, logged or put in an error message.
#pragma once

#include "core/model/accesstoken.h"
#include "core/model/user.h"
#include "core/result.h"

#include <optional>
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

    // The `settings` row an administrator opens registration with ("1" open).
    static constexpr auto kRegistrationOpenSetting = "registration_open";

    AccountService(Database &db, const Clock &clock);

    // Self-service registration (the REST API): a user name of 3 to 64 letters, digits, '.', '_'
    // or '-' (InvalidInput naming "username"), a password of at least 8 characters (InvalidInput
    // naming "password"), a taken name is Conflict. Open while no account has a password (that
    // first one becomes the administrator) or while an administrator has opened it; otherwise
    // Forbidden. Hashes on the calling thread: a server uses the steps below instead.
    [[nodiscard]] Result<User> registerUser(const QString &username, const QString &password);
    // An account made by an administrator (the command line): no registration policy.
    [[nodiscard]] Result<User> addUser(const QString &username, const QString &password, bool isAdmin);

    // Registration in steps, so the slow hash can run on another thread: check() is cheap and
    // answers what can be known before hashing (bad input, closed, taken); hashPassword() is
    // thread-safe; insertRegistered() decides the policy again, and who is first, in the one
    // transaction that inserts.
    [[nodiscard]] Result<void> checkRegistration(const QString &username, const QString &password);
    [[nodiscard]] static Result<QString> hashPassword(const QString &password);
    [[nodiscard]] Result<User> insertRegistered(const QString &username, const QString &passwordHash);

    // Whether self-service registration is open now (always while no account has a password).
    [[nodiscard]] Result<bool> registrationOpen();
    // Whether an administrator opened it (the stored switch).
    [[nodiscard]] Result<bool> registrationSwitch();
    [[nodiscard]] Result<void> setRegistrationOpen(bool open);

    // Sign-in in steps, like registration: the stored hash to check (empty when there is no such
    // account or it has no password), then the thread-safe check that takes as long either way.
    [[nodiscard]] Result<std::optional<User>> signInCandidate(const QString &username);
    [[nodiscard]] static bool verifyPassword(const QString &password, const QString &storedHash);
    // The account, or Unauthorized without saying whether the name or the password was wrong.
    // An account without a password (the local owner before it sets one) never signs in this way.
    [[nodiscard]] Result<User> authenticate(const QString &username, const QString &password);
    [[nodiscard]] Result<void> setPassword(qint64 userId, const QString &password);
    [[nodiscard]] Result<std::vector<User>> list();
    [[nodiscard]] Result<User> find(qint64 userId);
    [[nodiscard]] Result<User> findByName(const QString &username);
    // The local owner account the desktop and the command line act as, made when missing.
    [[nodiscard]] Result<User> owner();
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
    [[nodiscard]] static Result<void> checkUsername(const QString &username);
    [[nodiscard]] Result<User> insert(const QString &username, const QString &passwordHash,
                                      std::optional<bool> isAdmin);

    Database &m_db;
    const Clock &m_clock;
};

} // namespace qw
