// The access tokens a login hands out: JWTs signed with HS256 through libjwt, carrying the
// account id (sub), when they were issued (iat) and when they expire (exp), issued by
// "quotawatch". The signing secret is made once per database and kept there encrypted by the
// vault, so every process on one database (and its master key) accepts the others' tokens.
#pragma once

#include "core/crypto/securebytes.h"
#include "core/model/user.h"
#include "core/result.h"

#include <QString>
#include <memory>

namespace qw {

class AccountService;
class Clock;
class Database;
class Vault;

class LoginTokens final
{
public:
    struct Issued
    {
        QString accessToken;
        qint64 expiresIn = 0; // seconds
    };

    static constexpr auto kIssuer = "quotawatch";
    // The `settings` row that holds the vault-encrypted signing secret.
    static constexpr auto kSecretSetting = "jwt_signing_secret";
    static constexpr qsizetype kSecretBytes = 32;

    // Reads the signing secret, making and storing it first when this database has none; two
    // processes racing to make it agree on the one stored first.
    [[nodiscard]] static Result<std::unique_ptr<LoginTokens>>
    load(Database &db, const Vault &vault, const Clock &clock, AccountService &accounts);
    // With a given secret (tests, tools). `clock` and `accounts` must outlive this object.
    LoginTokens(SecureBytes secret, const Clock &clock, AccountService &accounts);

    // A token for `user`, valid for `lifetimeSeconds` from the clock's now.
    [[nodiscard]] Result<Issued> issue(const User &user, qint64 lifetimeSeconds) const;
    // The account the token stands for. Unauthorized, without saying why, when it is not an
    // HS256 token signed with this secret, has expired, was not issued by us, or its account no
    // longer exists.
    [[nodiscard]] Result<User> verify(QByteArrayView token) const;

private:
    SecureBytes m_secret;
    const Clock &m_clock;
    AccountService &m_accounts;
};

} // namespace qw
