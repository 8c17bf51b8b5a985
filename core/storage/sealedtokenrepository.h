// Samples of the Fernet tokens the database keeps under the master key, from every place that
// keeps them. The vault unlocker reads them to tell an empty database (a new master key may be
// made) from one that holds secrets (only the key that sealed them may open it).
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>
#include <vector>

namespace qw {

class Database;

class SealedTokenRepository final
{
public:
    enum class Place
    {
        ApiKeySecret,   // api_keys.secret_enc
        ApiKeyOptions,  // api_keys.secret_options_enc
        ChannelSecrets, // channels.config_enc
        Setting,        // a settings value that is a vault token (see sealedSettings())
    };

    struct Sealed
    {
        Place place;
        qint64 rowId = 0;    // the key's or channel's id; 0 for a setting
        QString settingName; // the setting's key, for Place::Setting
        QByteArray token;
    };

    explicit SealedTokenRepository(Database &db)
        : m_db(db)
    {}

    // Up to `perEnd` of the oldest and `perEnd` of the newest tokens of each table, and every
    // sealed setting. Empty exactly when the database holds no sealed secret at all.
    [[nodiscard]] Result<std::vector<Sealed>> sample(int perEnd);

    // Inside a transaction: keeps every other writer away from what is sealed (the keys, the
    // channels and the settings, among them the vault check) until it ends, so a master-key
    // rotation sees, and rewrites, all of it. PostgreSQL: a lock on the three tables that lets
    // readers through; SQLite: the database's write lock, taken now instead of at the first write.
    [[nodiscard]] Result<void> lockForResealing();

    // The settings whose value is a vault token. A new one must be listed here, or a database
    // holding only it would count as empty and get a new master key.
    [[nodiscard]] static QStringList sealedSettings();

private:
    [[nodiscard]] Result<void> sampleTable(Place place, const QString &table, const QString &column,
                                           int perEnd, std::vector<Sealed> &into);
    [[nodiscard]] Result<void> sampleSettings(std::vector<Sealed> &into);

    Database &m_db;
};

} // namespace qw
