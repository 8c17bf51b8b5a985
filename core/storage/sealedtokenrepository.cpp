#include "core/storage/sealedtokenrepository.h"

#include "core/storage/database.h"

#include <QSet>
#include <QStringList>

namespace qw {

QStringList SealedTokenRepository::sealedSettings()
{
    // LoginTokens::kSecretSetting: the HS256 secret of REST login tokens (storage does not
    // depend on accounts, so the name is repeated; a test ties the two together).
    return {QStringLiteral("jwt_signing_secret")};
}

Result<void> SealedTokenRepository::lockForResealing()
{
    const QString statement =
        m_db.backend() == DatabaseUrl::Backend::Postgres
            ? QStringLiteral("LOCK TABLE settings, api_keys, channels IN SHARE ROW EXCLUSIVE MODE")
            : QStringLiteral("UPDATE settings SET value = value WHERE key = 'vault.check'");
    auto locked = m_db.run(statement);
    if (!locked)
        return tl::unexpected(locked.error());
    return {};
}

Result<std::vector<SealedTokenRepository::Sealed>> SealedTokenRepository::sample(int perEnd)
{
    std::vector<Sealed> sampled;
    if (auto keys = sampleTable(Place::ApiKeySecret, QStringLiteral("api_keys"), QStringLiteral("secret_enc"),
                                perEnd, sampled);
        !keys)
        return tl::unexpected(keys.error());
    if (auto options = sampleTable(Place::ApiKeyOptions, QStringLiteral("api_keys"),
                                   QStringLiteral("secret_options_enc"), perEnd, sampled);
        !options)
        return tl::unexpected(options.error());
    if (auto channels = sampleTable(Place::ChannelSecrets, QStringLiteral("channels"),
                                    QStringLiteral("config_enc"), perEnd, sampled);
        !channels)
        return tl::unexpected(channels.error());
    if (auto settings = sampleSettings(sampled); !settings)
        return tl::unexpected(settings.error());
    return sampled;
}

// Both ends of the table: a database restored in parts, or filled by the old web application
// and then by us, differs most likely between its first and its last rows.
Result<void> SealedTokenRepository::sampleTable(Place place, const QString &table, const QString &column,
                                                int perEnd, std::vector<Sealed> &into)
{
    QSet<qint64> seen;
    for (const QLatin1String order : {QLatin1String("ASC"), QLatin1String("DESC")}) {
        // Table and column names are ours, never input.
        auto query = m_db.run(QStringLiteral("SELECT id, %2 FROM %1 WHERE %2 <> '' ORDER BY id %3 LIMIT ?")
                                  .arg(table, column, order),
                              {perEnd});
        if (!query)
            return tl::unexpected(query.error());
        while (query->next()) {
            const qint64 id = query->value(0).toLongLong();
            if (seen.contains(id))
                continue;
            seen.insert(id);
            into.push_back(Sealed{place, id, QString(), query->value(1).toString().toLatin1()});
        }
    }
    return {};
}

Result<void> SealedTokenRepository::sampleSettings(std::vector<Sealed> &into)
{
    for (const QString &name : sealedSettings()) {
        auto query =
            m_db.run(QStringLiteral("SELECT value FROM settings WHERE key = ? AND value <> ''"), {name});
        if (!query)
            return tl::unexpected(query.error());
        if (query->next())
            into.push_back(Sealed{Place::Setting, 0, name, query->value(0).toString().toLatin1()});
    }
    return {};
}

} // namespace qw
