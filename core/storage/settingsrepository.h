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
    // Sets the value only when the key has none; false when another writer got there first.
    // Lets two processes racing to set something up agree on one winner.
    [[nodiscard]] Result<bool> insertIfAbsent(const QString &key, const QString &value);
    // Removes the key only while it still holds `value`.
    [[nodiscard]] Result<void> removeIfEquals(const QString &key, const QString &value);

private:
    Database &m_db;
};

} // namespace qw
