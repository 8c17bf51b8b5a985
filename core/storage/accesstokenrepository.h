// Stored personal access tokens: only their SHA-256 hashes, never the tokens themselves.
#pragma once

#include "core/model/accesstoken.h"
#include "core/result.h"

#include <QDateTime>
#include <optional>
#include <vector>

namespace qw {

class Database;

class AccessTokenRepository final
{
public:
    // A stored token with its hash, for the one caller that checks a presented token.
    struct Stored
    {
        AccessToken token;
        QString tokenHash;
    };

    explicit AccessTokenRepository(Database &db)
        : m_db(db)
    {}

    // Inserts and returns the new id.
    [[nodiscard]] Result<qint64> insert(qint64 userId, const QString &name, const QString &tokenHash,
                                        const QDateTime &createdAt);
    // The user's tokens, oldest first.
    [[nodiscard]] Result<std::vector<AccessToken>> list(qint64 userId);
    [[nodiscard]] Result<std::optional<Stored>> findByHash(const QString &tokenHash);
    [[nodiscard]] Result<void> markUsed(qint64 id, const QDateTime &when);
    // False when the user has no token `id` (another user's token included).
    [[nodiscard]] Result<bool> revoke(qint64 userId, qint64 id);

private:
    Database &m_db;
};

} // namespace qw
