#include "core/storage/userrepository.h"

#include "core/storage/database.h"
#include "core/storage/sqlvalues.h"

namespace qw {

Result<std::optional<User>> UserRepository::findByName(const QString &username)
{
    auto query = m_db.run(
        QStringLiteral(
            "SELECT id, username, password_hash, is_admin, created_at FROM users WHERE username = ?"),
        {username});
    if (!query)
        return tl::unexpected(query.error());
    if (!query->next())
        return std::optional<User>();
    User user;
    user.id = query->value(0).toLongLong();
    user.username = query->value(1).toString();
    user.passwordHash = query->value(2).toString();
    user.isAdmin = query->value(3).toBool();
    user.createdAt = sql::toTime(query->value(4));
    return std::optional<User>(std::move(user));
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
