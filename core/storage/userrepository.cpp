#include "core/storage/userrepository.h"

#include "core/storage/database.h"
#include "core/storage/sqlvalues.h"

namespace qw {

namespace {

const QString kSelect = QStringLiteral("SELECT id, username, password_hash, is_admin, created_at FROM users");

User readUser(const QSqlQuery &query)
{
    User user;
    user.id = query.value(0).toLongLong();
    user.username = query.value(1).toString();
    user.passwordHash = query.value(2).toString();
    user.isAdmin = query.value(3).toBool();
    user.createdAt = sql::toTime(query.value(4));
    return user;
}

} // namespace

Result<std::optional<User>> UserRepository::findWhere(const QString &condition, const QVariant &value)
{
    auto query = m_db.run(kSelect + QStringLiteral(" WHERE ") + condition, {value});
    if (!query)
        return tl::unexpected(query.error());
    if (!query->next())
        return std::optional<User>();
    return std::optional<User>(readUser(*query));
}

Result<std::optional<User>> UserRepository::findByName(const QString &username)
{
    return findWhere(QStringLiteral("username = ?"), username);
}

Result<std::optional<User>> UserRepository::find(qint64 id)
{
    return findWhere(QStringLiteral("id = ?"), id);
}

Result<std::vector<User>> UserRepository::list()
{
    auto query = m_db.run(kSelect + QStringLiteral(" ORDER BY id"));
    if (!query)
        return tl::unexpected(query.error());
    std::vector<User> users;
    while (query->next())
        users.push_back(readUser(*query));
    return users;
}

Result<qint64> UserRepository::insert(const QString &username, const QString &passwordHash, bool isAdmin,
                                      const QDateTime &createdAt)
{
    auto query =
        m_db.run(QStringLiteral(
                     "INSERT INTO users (username, password_hash, is_admin, created_at) VALUES (?, ?, ?, ?)"),
                 {username, sql::fromText(passwordHash), isAdmin, sql::fromTime(createdAt)});
    if (!query)
        return tl::unexpected(query.error());
    return query->lastInsertId().toLongLong();
}

Result<std::optional<qint64>> UserRepository::insertIfNameFree(const QString &username,
                                                               const QString &passwordHash, bool isAdmin,
                                                               const QDateTime &createdAt)
{
    auto query = m_db.run(QStringLiteral("INSERT INTO users (username, password_hash, is_admin, created_at) "
                                         "VALUES (?, ?, ?, ?) ON CONFLICT (username) DO NOTHING"),
                          {username, sql::fromText(passwordHash), isAdmin, sql::fromTime(createdAt)});
    if (!query)
        return tl::unexpected(query.error());
    if (query->numRowsAffected() != 1)
        return std::optional<qint64>();
    return std::optional<qint64>(query->lastInsertId().toLongLong());
}

Result<bool> UserRepository::setPasswordHash(qint64 id, const QString &passwordHash)
{
    auto query = m_db.run(QStringLiteral("UPDATE users SET password_hash = ? WHERE id = ?"),
                          {sql::fromText(passwordHash), id});
    if (!query)
        return tl::unexpected(query.error());
    return query->numRowsAffected() > 0;
}

Result<bool> UserRepository::remove(qint64 id)
{
    auto query = m_db.run(QStringLiteral("DELETE FROM users WHERE id = ?"), {id});
    if (!query)
        return tl::unexpected(query.error());
    return query->numRowsAffected() > 0;
}

Result<bool> UserRepository::anyWithPassword()
{
    auto query = m_db.run(
        QStringLiteral("SELECT COUNT(*) FROM users WHERE password_hash IS NOT NULL AND password_hash <> ''"));
    if (!query)
        return tl::unexpected(query.error());
    return query->next() && query->value(0).toLongLong() > 0;
}

Result<bool> UserRepository::anyOtherWithPassword(qint64 exceptId)
{
    auto query = m_db.run(QStringLiteral("SELECT COUNT(*) FROM users WHERE id <> ? AND password_hash IS NOT "
                                         "NULL AND password_hash <> ''"),
                          {exceptId});
    if (!query)
        return tl::unexpected(query.error());
    return query->next() && query->value(0).toLongLong() > 0;
}

Result<bool> UserRepository::setAdmin(qint64 id, bool isAdmin)
{
    auto query = m_db.run(QStringLiteral("UPDATE users SET is_admin = ? WHERE id = ?"), {isAdmin, id});
    if (!query)
        return tl::unexpected(query.error());
    return query->numRowsAffected() > 0;
}

Result<void> UserRepository::lockForRegistration()
{
    if (m_db.backend() != DatabaseUrl::Backend::Postgres)
        return {};
    if (auto locked = m_db.run(QStringLiteral("SELECT pg_advisory_xact_lock(7274830)")); !locked)
        return tl::unexpected(locked.error());
    return {};
}

Result<qint64> UserRepository::ensureOwner()
{
    const QString owner = QLatin1String(User::kOwnerName);
    auto existing = findByName(owner);
    if (!existing)
        return tl::unexpected(existing.error());
    if (*existing)
        return (*existing)->id;

    auto inserted =
        m_db.run(QStringLiteral("INSERT INTO users (username, is_admin, created_at) VALUES (?, ?, ?)"),
                 {owner, true, QDateTime::currentMSecsSinceEpoch()});
    if (!inserted) {
        // Another process may have created the owner between our read and our insert.
        auto again = findByName(owner);
        if (again && *again)
            return (*again)->id;
        return tl::unexpected(inserted.error());
    }
    return inserted->lastInsertId().toLongLong();
}

} // namespace qw
