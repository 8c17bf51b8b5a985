#include "core/accounts/accountservice.h"

#include "core/clock.h"
#include "core/crypto/passwordhasher.h"
#include "core/crypto/securewipe.h"
#include "core/crypto/tokenhasher.h"
#include "core/storage/accesstokenrepository.h"
#include "core/storage/database.h"
#include "core/storage/settingsrepository.h"
#include "core/storage/userrepository.h"

#include <QRegularExpression>

namespace qw {

namespace {

constexpr qsizetype kMaxTokenName = 100;
constexpr qint64 kLastUsedPrecisionMs = 60 * 1000;

Error wrongCredentials()
{
    return Error{ErrorCode::Unauthorized, QStringLiteral("wrong user name or password")};
}

Error badToken()
{
    return Error{ErrorCode::Unauthorized, QStringLiteral("the access token is not valid")};
}

bool validUsername(const QString &username)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9._-]{3,64}$"));
    return pattern.match(username).hasMatch();
}

Error taken(const QString &username)
{
    return Error{ErrorCode::Conflict, QStringLiteral("username: \"%1\" is taken").arg(username)};
}

Error registrationClosed()
{
    return Error{ErrorCode::Forbidden,
                 QStringLiteral("registration is closed: ask an administrator to open it or to create your "
                                "account")};
}

} // namespace

AccountService::AccountService(Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

Error AccountService::notFound(qint64 userId)
{
    return Error{ErrorCode::NotFound, QStringLiteral("no account with id %1").arg(userId)};
}

Result<void> AccountService::checkPassword(const QString &password)
{
    if (password.toUcs4().size() < kMinPasswordLength)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("password: must be at least %1 characters").arg(kMinPasswordLength));
    return {};
}

Result<QString> AccountService::hashPassword(const QString &password)
{
    if (auto valid = checkPassword(password); !valid)
        return tl::unexpected(valid.error());
    QByteArray utf8 = password.toUtf8();
    auto hashed = PasswordHasher::hash(utf8);
    secureWipe(utf8);
    return hashed;
}

Result<void> AccountService::checkUsername(const QString &username)
{
    if (!validUsername(username))
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("username: 3 to 64 letters, digits, '.', '_' or '-'"));
    return {};
}

bool AccountService::verifyPassword(const QString &password, const QString &storedHash)
{
    // Spends the time a real verification would, so a missing account answers no faster than a
    // wrong password. (A function-local static is initialised once, thread-safely.)
    static const QString decoy = PasswordHasher::hash("decoy password").value_or(QString());
    QByteArray utf8 = password.toUtf8();
    const bool same = PasswordHasher::verify(utf8, storedHash.isEmpty() ? decoy : storedHash);
    secureWipe(utf8);
    return same && !storedHash.isEmpty();
}

Result<bool> AccountService::registrationSwitch()
{
    auto stored = SettingsRepository(m_db).value(QLatin1String(kRegistrationOpenSetting));
    if (!stored)
        return tl::unexpected(stored.error());
    return *stored && **stored == QLatin1String("1");
}

Result<bool> AccountService::registrationOpen()
{
    auto any = UserRepository(m_db).anyWithPassword();
    if (!any)
        return tl::unexpected(any.error());
    if (!*any)
        return true;
    return registrationSwitch();
}

Result<void> AccountService::setRegistrationOpen(bool open)
{
    return SettingsRepository(m_db).setValue(QLatin1String(kRegistrationOpenSetting),
                                             open ? QStringLiteral("1") : QStringLiteral("0"));
}

Result<void> AccountService::checkRegistration(const QString &username, const QString &password)
{
    if (auto valid = checkUsername(username); !valid)
        return valid;
    if (auto valid = checkPassword(password); !valid)
        return valid;
    auto open = registrationOpen();
    if (!open)
        return tl::unexpected(open.error());
    if (!*open)
        return tl::unexpected(registrationClosed());
    auto existing = UserRepository(m_db).findByName(username);
    if (!existing)
        return tl::unexpected(existing.error());
    if (*existing)
        return tl::unexpected(taken(username));
    return {};
}

Result<User> AccountService::registerUser(const QString &username, const QString &password)
{
    if (auto allowed = checkRegistration(username, password); !allowed)
        return tl::unexpected(allowed.error());
    auto hashed = hashPassword(password);
    if (!hashed)
        return tl::unexpected(hashed.error());
    return insertRegistered(username, *hashed);
}

Result<User> AccountService::insertRegistered(const QString &username, const QString &passwordHash)
{
    return insert(username, passwordHash, std::nullopt);
}

Result<User> AccountService::addUser(const QString &username, const QString &password, bool isAdmin)
{
    if (auto valid = checkUsername(username); !valid)
        return tl::unexpected(valid.error());
    auto hashed = hashPassword(password);
    if (!hashed)
        return tl::unexpected(hashed.error());
    return insert(username, *hashed, isAdmin);
}

// `isAdmin` nullopt: self-service registration, whose policy and "first one is administrator"
// are decided here, inside the transaction that inserts: the row is written first (on SQLite that
// takes the write lock; on PostgreSQL the advisory lock serialises registrations), so a
// registration racing this one sees this account, and only one of them can be first.
Result<User> AccountService::insert(const QString &username, const QString &passwordHash,
                                    std::optional<bool> isAdmin)
{
    UserRepository users(m_db);
    qint64 id = 0;
    {
        Transaction transaction(m_db);
        if (!transaction.started())
            return tl::unexpected(transaction.started().error());
        if (auto locked = users.lockForRegistration(); !locked)
            return tl::unexpected(locked.error());
        auto inserted =
            users.insertIfNameFree(username, passwordHash, isAdmin.value_or(false), m_clock.nowUtc());
        if (!inserted)
            return tl::unexpected(inserted.error());
        if (!*inserted)
            return tl::unexpected(taken(username)); // registered by someone else meanwhile
        id = **inserted;
        if (!isAdmin) {
            auto others = users.anyOtherWithPassword(id);
            if (!others)
                return tl::unexpected(others.error());
            if (*others) {
                auto open = registrationSwitch();
                if (!open)
                    return tl::unexpected(open.error());
                if (!*open)
                    return tl::unexpected(registrationClosed()); // rolled back
            } else if (auto promoted = users.setAdmin(id, true); !promoted) {
                return tl::unexpected(promoted.error());
            }
        }
        if (auto committed = transaction.commit(); !committed)
            return tl::unexpected(committed.error());
    }
    return find(id);
}

Result<std::optional<User>> AccountService::signInCandidate(const QString &username)
{
    return UserRepository(m_db).findByName(username);
}

Result<User> AccountService::authenticate(const QString &username, const QString &password)
{
    auto found = signInCandidate(username);
    if (!found)
        return tl::unexpected(found.error());
    const QString stored = *found ? (*found)->passwordHash : QString();
    if (!verifyPassword(password, stored))
        return tl::unexpected(wrongCredentials());
    return std::move(**found);
}

Result<void> AccountService::setPassword(qint64 userId, const QString &password)
{
    auto hashed = hashPassword(password);
    if (!hashed)
        return tl::unexpected(hashed.error());
    auto updated = UserRepository(m_db).setPasswordHash(userId, *hashed);
    if (!updated)
        return tl::unexpected(updated.error());
    if (!*updated)
        return tl::unexpected(notFound(userId));
    return {};
}

Result<std::vector<User>> AccountService::list()
{
    return UserRepository(m_db).list();
}

Result<User> AccountService::find(qint64 userId)
{
    auto found = UserRepository(m_db).find(userId);
    if (!found)
        return tl::unexpected(found.error());
    if (!*found)
        return tl::unexpected(notFound(userId));
    return std::move(**found);
}

Result<User> AccountService::findByName(const QString &username)
{
    auto found = UserRepository(m_db).findByName(username);
    if (!found)
        return tl::unexpected(found.error());
    if (!*found)
        return fail(ErrorCode::NotFound, QStringLiteral("no account named \"%1\"").arg(username));
    return std::move(**found);
}

Result<User> AccountService::owner()
{
    auto id = UserRepository(m_db).ensureOwner();
    if (!id)
        return tl::unexpected(id.error());
    return find(*id);
}

Result<void> AccountService::remove(qint64 userId)
{
    auto removed = UserRepository(m_db).remove(userId);
    if (!removed)
        return tl::unexpected(removed.error());
    if (!*removed)
        return tl::unexpected(notFound(userId));
    return {};
}

Result<AccountService::CreatedToken> AccountService::createToken(qint64 userId, const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty() || trimmed.size() > kMaxTokenName)
        return fail(ErrorCode::InvalidInput, QStringLiteral("name: 1 to %1 characters").arg(kMaxTokenName));
    if (auto user = find(userId); !user)
        return tl::unexpected(user.error());
    auto fresh = TokenHasher::generate();
    if (!fresh)
        return tl::unexpected(fresh.error());
    auto id = AccessTokenRepository(m_db).insert(userId, trimmed, fresh->hash, m_clock.nowUtc());
    if (!id)
        return tl::unexpected(id.error());
    return CreatedToken{*id, std::move(fresh->token)};
}

Result<std::vector<AccessToken>> AccountService::listTokens(qint64 userId)
{
    return AccessTokenRepository(m_db).list(userId);
}

Result<void> AccountService::revokeToken(qint64 userId, qint64 tokenId)
{
    auto revoked = AccessTokenRepository(m_db).revoke(userId, tokenId);
    if (!revoked)
        return tl::unexpected(revoked.error());
    if (!*revoked)
        return fail(ErrorCode::NotFound, QStringLiteral("no access token with id %1").arg(tokenId));
    return {};
}

Result<User> AccountService::authenticateToken(const QString &token)
{
    const QString hash = TokenHasher::hashOf(token);
    if (hash.isEmpty())
        return tl::unexpected(badToken());
    AccessTokenRepository tokens(m_db);
    auto stored = tokens.findByHash(hash);
    if (!stored)
        return tl::unexpected(stored.error());
    if (!*stored || !TokenHasher::same((*stored)->tokenHash, hash) || (*stored)->token.revoked)
        return tl::unexpected(badToken());
    // "Last used" is for people deciding which token to revoke: a minute's precision is plenty,
    // and a Prometheus or a script calling many times a second must not write a row each time.
    const QDateTime now = m_clock.nowUtc();
    const QDateTime &lastUsed = (*stored)->token.lastUsedAt;
    if (!lastUsed.isValid() || lastUsed.msecsTo(now) >= kLastUsedPrecisionMs || lastUsed > now) {
        if (auto used = tokens.markUsed((*stored)->token.id, now); !used)
            return tl::unexpected(used.error());
    }
    auto user = find((*stored)->token.userId);
    if (!user)
        return tl::unexpected(badToken());
    return user;
}

} // namespace qw
