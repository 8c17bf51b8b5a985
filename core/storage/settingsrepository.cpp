#include "core/storage/settingsrepository.h"

#include "core/storage/database.h"

namespace qw {

Result<std::optional<QString>> SettingsRepository::value(const QString &key)
{
    auto query = m_db.run(QStringLiteral("SELECT value FROM settings WHERE key = ?"), {key});
    if (!query)
        return tl::unexpected(query.error());
    if (!query->next())
        return std::optional<QString>();
    return std::optional<QString>(query->value(0).toString());
}

Result<void> SettingsRepository::setValue(const QString &key, const QString &value)
{
    // ON CONFLICT ... DO UPDATE is understood by SQLite (3.24+) and PostgreSQL alike.
    auto query = m_db.run(QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?) "
                                         "ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
                          {key, value});
    if (!query)
        return tl::unexpected(query.error());
    return {};
}

Result<bool> SettingsRepository::insertIfAbsent(const QString &key, const QString &value)
{
    auto query = m_db.run(
        QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING"),
        {key, value});
    if (!query)
        return tl::unexpected(query.error());
    return query->numRowsAffected() == 1;
}

Result<void> SettingsRepository::removeIfEquals(const QString &key, const QString &value)
{
    auto query = m_db.run(QStringLiteral("DELETE FROM settings WHERE key = ? AND value = ?"), {key, value});
    if (!query)
        return tl::unexpected(query.error());
    return {};
}

} // namespace qw
