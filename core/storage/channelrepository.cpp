#include "core/storage/channelrepository.h"

#include "core/storage/database.h"
#include "core/storage/sqlvalues.h"

#include <QJsonDocument>

namespace qw {

namespace {

const QString kColumns =
    QStringLiteral("id, user_id, kind, name, config_json, config_enc, enabled, created_at, binding");

Channel fromRow(const QSqlQuery &query)
{
    Channel channel;
    channel.id = query.value(0).toLongLong();
    channel.userId = query.value(1).toLongLong();
    // An unknown kind (written by a newer version) reads as a generic webhook, which the
    // sender then refuses with a clear message instead of guessing.
    channel.kind = channelKindFromString(query.value(2).toString()).value_or(ChannelKind::Webhook);
    channel.name = query.value(3).toString();
    channel.settings = QJsonDocument::fromJson(query.value(4).toString().toUtf8()).object();
    channel.secretsEnc = query.value(5).toString().toLatin1();
    channel.enabled = query.value(6).toBool();
    channel.createdAt = sql::toTime(query.value(7));
    channel.binding = query.value(8).toString().toLatin1();
    return channel;
}

} // namespace

Result<qint64> ChannelRepository::insert(const Channel &channel)
{
    const QDateTime created =
        channel.createdAt.isValid() ? channel.createdAt : QDateTime::currentDateTimeUtc();
    auto query =
        m_db.run(QStringLiteral("INSERT INTO channels (user_id, kind, name, config_json, config_enc, "
                                "enabled, created_at, binding) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                 {channel.userId, toString(channel.kind), channel.name,
                  QString::fromUtf8(QJsonDocument(channel.settings).toJson(QJsonDocument::Compact)),
                  QString::fromLatin1(channel.secretsEnc), channel.enabled, sql::fromTime(created),
                  sql::fromText(QString::fromLatin1(channel.binding))});
    if (!query)
        return tl::unexpected(query.error());
    return query->lastInsertId().toLongLong();
}

Result<std::optional<Channel>> ChannelRepository::find(qint64 id)
{
    auto query =
        m_db.run(QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM channels WHERE id = ?"), {id});
    if (!query)
        return tl::unexpected(query.error());
    if (!query->next())
        return std::optional<Channel>();
    return std::optional<Channel>(fromRow(*query));
}

Result<std::vector<Channel>> ChannelRepository::list()
{
    auto query =
        m_db.run(QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM channels ORDER BY id"));
    if (!query)
        return tl::unexpected(query.error());
    std::vector<Channel> channels;
    while (query->next())
        channels.push_back(fromRow(*query));
    return channels;
}

Result<std::vector<qint64>> ChannelRepository::enabledIds()
{
    auto query = m_db.run(QStringLiteral("SELECT id FROM channels WHERE enabled = ? ORDER BY id"), {true});
    if (!query)
        return tl::unexpected(query.error());
    return sql::ids(*query);
}

Result<void> ChannelRepository::setEnabled(qint64 id, bool enabled)
{
    auto query = m_db.run(QStringLiteral("UPDATE channels SET enabled = ? WHERE id = ?"), {enabled, id});
    if (!query)
        return tl::unexpected(query.error());
    return {};
}

Result<bool> ChannelRepository::update(const Channel &channel)
{
    auto query =
        m_db.run(QStringLiteral(
                     "UPDATE channels SET kind = ?, name = ?, config_json = ?, config_enc = ?, enabled = ?, "
                     "binding = ? WHERE id = ?"),
                 {toString(channel.kind), channel.name,
                  QString::fromUtf8(QJsonDocument(channel.settings).toJson(QJsonDocument::Compact)),
                  QString::fromLatin1(channel.secretsEnc), channel.enabled,
                  sql::fromText(QString::fromLatin1(channel.binding)), channel.id});
    if (!query)
        return tl::unexpected(query.error());
    return query->numRowsAffected() > 0;
}

Result<void> ChannelRepository::setBinding(qint64 id, const QByteArray &binding)
{
    auto query = m_db.run(QStringLiteral("UPDATE channels SET binding = ? WHERE id = ?"),
                          {sql::fromText(QString::fromLatin1(binding)), id});
    if (!query)
        return tl::unexpected(query.error());
    return {};
}

Result<void> ChannelRepository::reseal(qint64 id, const QByteArray &secretsEnc, const QByteArray &binding)
{
    auto query = m_db.run(QStringLiteral("UPDATE channels SET config_enc = ?, binding = ? WHERE id = ?"),
                          {QString::fromLatin1(secretsEnc), sql::fromText(QString::fromLatin1(binding)), id});
    if (!query)
        return tl::unexpected(query.error());
    return {};
}

Result<bool> ChannelRepository::remove(qint64 id)
{
    auto query = m_db.run(QStringLiteral("DELETE FROM channels WHERE id = ?"), {id});
    if (!query)
        return tl::unexpected(query.error());
    return query->numRowsAffected() > 0;
}

} // namespace qw
