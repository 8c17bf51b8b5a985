// Key/value settings stored in the database (shared by every client of one database), as
// opposed to per-machine preferences in QSettings.
#pragma once

#include "core/result.h"

#include <QString>
#include <optional>

namespace qw {

class Database;

class SettingsRepository final
{
public:
    explicit SettingsRepository(Database &db)
        : m_db(db)
    {}

    [[nodiscard]] Result<std::optional<QString>> value(const QString &key);
    [[nodiscard]] Result<void> setValue(const QString &key, const QString &value);

private:
    Database &m_db;
};

} // namespace qw
