// Accounts. ensureOwner() gives the local owner account the desktop and CLI act as.
#pragma once

#include "core/model/user.h"
#include "core/result.h"

#include <optional>
#include <vector>

namespace qw {

class Database;

class UserRepository final
{
public:
    explicit UserRepository(Database &db)
        : m_db(db)
    {}

    [[nodiscard]] Result<qint64> ensureOwner();
    [[nodiscard]] Result<std::optional<User>> findByName(const QString &username);
    [[nodiscard]] Result<std::optional<User>> find(qint64 id);
    // Every account, oldest first.
    [[nodiscard]] Result<std::vector<User>> list();
    // Inserts and returns the new id. `passwordHash` is already hashed (PasswordHasher).
    [[nodiscard]] Result<qint64> insert(const QString &username, const QString &passwordHash, bool isAdmin,
                                        const QDateTime &createdAt);
    // Like insert(), but nullopt when the name is taken, without failing the statement (which
    // would abort a PostgreSQL transaction around it).
    [[nodiscard]] Result<std::optional<qint64>> insertIfNameFree(const QString &username,
                                                                 const QString &passwordHash, bool isAdmin,
                                                                 const QDateTime &createdAt);
    // False when there was no such account.
    [[nodiscard]] Result<bool> setPasswordHash(qint64 id, const QString &passwordHash);
    // False when there was no such account. Its keys, channels and tokens go with it.
    [[nodiscard]] Result<bool> remove(qint64 id);
    // Whether any account can sign in with a password yet.
    [[nodiscard]] Result<bool> anyWithPassword();
    // Whether an account other than `exceptId` can sign in with a password.
    [[nodiscard]] Result<bool> anyOtherWithPassword(qint64 exceptId);
    // False when there was no such account.
    [[nodiscard]] Result<bool> setAdmin(qint64 id, bool isAdmin);
    // Inside a transaction: holds other registrations up until it ends, so that two of them
    // cannot both see "no account yet" (PostgreSQL: a transaction-scoped advisory lock; SQLite
    // serialises writers itself once the transaction has written).
    [[nodiscard]] Result<void> lockForRegistration();

private:
    [[nodiscard]] Result<std::optional<User>> findWhere(const QString &condition, const QVariant &value);

    Database &m_db;
};

} // namespace qw
