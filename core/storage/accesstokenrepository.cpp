#include "core/storage/accesstokenrepository.h"

#include "core/storage/database.h"
#include "core/storage/sqlvalues.h"

namespace qw {

namespace {

const QString kColumns = QStringLiteral("id, user_id, name, created_at, last_used_at, revoked");

AccessToken readToken(const QSqlQuery &query)
{
    AccessToken token;
    token.id = query.value(0).toLongLong();
    token.userId = query.value(1).toLongLong();
    token.name = query.value(2).toString();
    token.createdAt = sql::toTime(query.value(3));
    token.lastUsedAt = sql::toTime(query.value(4));
    token.revoked = query.value(5).toBool();
    return token;
}

} // namespace

Result<qint64> AccessTokenRepository::insert(qint64 userId, const QString &name, const QString &tokenHash,
                                             const QDateTime &createdAt)
{
    auto query = m_db.run(QStringLiteral("INSERT INTO access_tokens (user_id, name, token_hash, created_at, "
                                         "revoked) VALUES (?, ?, ?, ?, ?)"),
                          {userId, sql::notNull(name), tokenHash, sql::fromTime(createdAt), false});
    if (!query)
        return tl::unexpected(query.error());
    return query->lastInsertId().toLongLong();
}

Result<std::vector<AccessToken>> AccessTokenRepository::list(qint64 userId)
{
    auto query = m_db.run(
        QStringLiteral("SELECT %1 FROM access_tokens WHERE user_id = ? ORDER BY id").arg(kColumns), {userId});
    if (!query)
        return tl::unexpected(query.error());
    std::vector<AccessToken> tokens;
    while (query->next())
        tokens.push_back(readToken(*query));
    return tokens;
}

Result<std::optional<AccessTokenRepository::Stored>>
AccessTokenRepository::findByHash(const QString &tokenHash)
{
    auto query = m_db.run(
        QStringLiteral("SELECT %1, token_hash FROM access_tokens WHERE token_hash = ?").arg(kColumns),
        {tokenHash});
    if (!query)
        return tl::unexpected(query.error());
    if (!query->next())
        return std::optional<Stored>();
    return std::optional<Stored>(Stored{readToken(*query), query->value(6).toString()});
}

Result<void> AccessTokenRepository::markUsed(qint64 id, const QDateTime &when)
{
    auto query = m_db.run(QStringLiteral("UPDATE access_tokens SET last_used_at = ? WHERE id = ?"),
                          {sql::fromTime(when), id});
    if (!query)
        return tl::unexpected(query.error());
    return {};
}

Result<bool> AccessTokenRepository::revoke(qint64 userId, qint64 id)
{
    auto query = m_db.run(QStringLiteral("UPDATE access_tokens SET revoked = ? WHERE id = ? AND user_id = ?"),
                          {true, id, userId});
    if (!query)
        return tl::unexpected(query.error());
    return query->numRowsAffected() > 0;
}

} // namespace qw
