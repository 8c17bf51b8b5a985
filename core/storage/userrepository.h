// Accounts. ensureOwner() gives the local owner account the desktop and CLI act as.
#pragma once

#include "core/model/user.h"
#include "core/result.h"

#include <optional>

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

private:
    Database &m_db;
};

} // namespace qw
