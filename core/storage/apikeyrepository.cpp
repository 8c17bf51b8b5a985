#include "core/storage/apikeyrepository.h"

#include "core/storage/database.h"
#include "core/storage/sqlvalues.h"

#include <QJsonDocument>

namespace qw {

namespace {

const QString kColumns =
    QStringLiteral("id, user_id, name, platform, base_url, secret_enc, secret_hint, options_json, "
                   "threshold, interval_s, enabled, created_at, updated_at, next_check_at, "
                   "threshold_percent, tags, binding, "
                   "secret_options_enc, last_checked_by");

ApiKey fromRow(const QSqlQuery &query)
{
    ApiKey key;
    key.id = query.value(0).toLongLong();
    key.userId = query.value(1).toLongLong();
    key.name = query.value(2).toString();
    key.platform = query.value(3).toString();
    key.baseUrl = query.value(4).toString();
    key.secretEnc = query.value(5).toString().toLatin1();
    key.secretHint = query.value(6).toString();
    key.options = QJsonDocument::fromJson(query.value(7).toString().toUtf8()).object();
    key.threshold = sql::toAmount(query.value(8));
    key.intervalS = query.value(9).toInt();
    key.enabled = query.value(10).toBool();
    key.createdAt = sql::toTime(query.value(11));
    key.updatedAt = sql::toTime(query.value(12));
    key.nextCheckAt = sql::toTime(query.value(13));
    key.thresholdIsPercent = query.value(14).toBool();
    key.tags = query.value(15).toString().split(u',', Qt::SkipEmptyParts);
    key.binding = query.value(16).toString().toLatin1();
    key.secretOptionsEnc = query.value(17).toString().toLatin1();
    key.lastCheckedBy = query.value(18).toString();
    return key;
}

} // namespace

Result<qint64> ApiKeyRepository::insert(const ApiKey &key)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime created = key.createdAt.isValid() ? key.createdAt : now;
    const QDateTime updated = key.updatedAt.isValid() ? key.updatedAt : created;
    auto query = m_db.run(
        QStringLiteral(
            "INSERT INTO api_keys (user_id, name, platform, base_url, secret_enc, "
            "secret_hint, options_json, threshold, interval_s, enabled, created_at, "
            "updated_at, next_check_at, threshold_percent, tags, binding, secret_options_enc) VALUES "
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {key.userId, key.name, key.platform, sql::fromText(key.baseUrl), QString::fromLatin1(key.secretEnc),
         key.secretHint, QString::fromUtf8(QJsonDocument(key.options).toJson(QJsonDocument::Compact)),
         sql::fromAmount(key.threshold), key.intervalS, key.enabled, sql::fromTime(created),
         sql::fromTime(updated), sql::fromTime(key.nextCheckAt), key.thresholdIsPercent,
         sql::notNull(key.tags.join(u',')), sql::fromText(QString::fromLatin1(key.binding)),
         sql::notNull(QString::fromLatin1(key.secretOptionsEnc))});
    if (!query)
        return tl::unexpected(query.error());
    return query->lastInsertId().toLongLong();
}

Result<std::vector<qint64>> ApiKeyRepository::insertAll(const std::vector<ApiKey> &keys)
{
    Transaction transaction(m_db);
    if (!transaction.started())
        return tl::unexpected(transaction.started().error());
    std::vector<qint64> ids;
    ids.reserve(keys.size());
    for (const ApiKey &key : keys) {
        auto id = insert(key);
        if (!id)
            return tl::unexpected(id.error()); // the transaction rolls back: nothing is kept
        ids.push_back(*id);
    }
    if (auto committed = transaction.commit(); !committed)
        return tl::unexpected(committed.error());
    return ids;
}

Result<std::optional<ApiKey>> ApiKeyRepository::find(qint64 id)
{
    auto statement = m_db.runCached(
        QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM api_keys WHERE id = ?"), {id});
    if (!statement)
        return tl::unexpected(statement.error());
    QSqlQuery &query = statement->query();
    if (!query.next())
        return std::optional<ApiKey>();
    return std::optional<ApiKey>(fromRow(query));
}

Result<std::optional<ApiKey>> ApiKeyRepository::findOwnedBy(qint64 id, qint64 userId)
{
    auto query = m_db.run(QStringLiteral("SELECT ") + kColumns +
                              QStringLiteral(" FROM api_keys WHERE id = ? AND user_id = ?"),
                          {id, userId});
    if (!query)
        return tl::unexpected(query.error());
    if (!query->next())
        return std::optional<ApiKey>();
    return std::optional<ApiKey>(fromRow(*query));
}

Result<std::vector<ApiKey>> ApiKeyRepository::list()
{
    auto query =
        m_db.run(QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM api_keys ORDER BY id"));
    if (!query)
        return tl::unexpected(query.error());
    std::vector<ApiKey> keys;
    while (query->next())
        keys.push_back(fromRow(*query));
    return keys;
}

Result<std::vector<ApiKey>> ApiKeyRepository::listOwnedBy(qint64 userId)
{
    auto query = m_db.run(QStringLiteral("SELECT ") + kColumns +
                              QStringLiteral(" FROM api_keys WHERE user_id = ? ORDER BY id"),
                          {userId});
    if (!query)
        return tl::unexpected(query.error());
    std::vector<ApiKey> keys;
    while (query->next())
        keys.push_back(fromRow(*query));
    return keys;
}

Result<std::vector<ApiKey>> ApiKeyRepository::listNames(std::optional<qint64> userId)
{
    const QString columns = QStringLiteral("SELECT id, user_id, name, platform FROM api_keys");
    auto query = userId ? m_db.run(columns + QStringLiteral(" WHERE user_id = ? ORDER BY id"), {*userId})
                        : m_db.run(columns + QStringLiteral(" ORDER BY id"));
    if (!query)
        return tl::unexpected(query.error());
    std::vector<ApiKey> keys;
    while (query->next()) {
        ApiKey &key = keys.emplace_back();
        key.id = query->value(0).toLongLong();
        key.userId = query->value(1).toLongLong();
        key.name = query->value(2).toString();
        key.platform = query->value(3).toString();
    }
    return keys;
}

Result<std::vector<ApiKey>> ApiKeyRepository::listOwnedBy(qint64 userId, qint64 afterId, qint64 limit)
{
    auto statement = m_db.runCached(QStringLiteral("SELECT ") + kColumns +
                                        QStringLiteral(" FROM api_keys WHERE user_id = ? AND id > ? "
                                                       "ORDER BY id LIMIT ?"),
                                    {userId, afterId, std::max<qint64>(0, limit)});
    if (!statement)
        return tl::unexpected(statement.error());
    QSqlQuery &query = statement->query();
    std::vector<ApiKey> keys;
    while (query.next())
        keys.push_back(fromRow(query));
    return keys;
}

Result<qint64> ApiKeyRepository::count()
{
    auto query = m_db.run(QStringLiteral("SELECT COUNT(*) FROM api_keys"));
    if (!query)
        return tl::unexpected(query.error());
    return query->next() ? query->value(0).toLongLong() : 0;
}

Result<std::vector<qint64>> ApiKeyRepository::neverChecked()
{
    // One probe of the snapshots' (key_id, checked_at) index per key.
    auto query = m_db.run(QStringLiteral(
        "SELECT id FROM api_keys k WHERE NOT EXISTS (SELECT 1 FROM snapshots s WHERE s.key_id = k.id)"));
    if (!query)
        return tl::unexpected(query.error());
    return sql::ids(*query);
}

Result<bool> ApiKeyRepository::update(const ApiKey &key)
{
    auto query = m_db.run(
        QStringLiteral(
            "UPDATE api_keys SET name = ?, platform = ?, base_url = ?, secret_enc = ?, secret_hint = ?, "
            "options_json = ?, threshold = ?, threshold_percent = ?, interval_s = ?, enabled = ?, "
            "tags = ?, binding = ?, secret_options_enc = ?, updated_at = ? WHERE id = ? AND user_id = ?"),
        {key.name, key.platform, sql::fromText(key.baseUrl), QString::fromLatin1(key.secretEnc),
         key.secretHint, QString::fromUtf8(QJsonDocument(key.options).toJson(QJsonDocument::Compact)),
         sql::fromAmount(key.threshold), key.thresholdIsPercent, key.intervalS, key.enabled,
         sql::notNull(key.tags.join(u',')), sql::fromText(QString::fromLatin1(key.binding)),
         sql::notNull(QString::fromLatin1(key.secretOptionsEnc)),
         sql::fromTime(QDateTime::currentDateTimeUtc()), key.id, key.userId});
    if (!query)
        return tl::unexpected(query.error());
    return query->numRowsAffected() > 0;
}

Result<void> ApiKeyRepository::setSecretHint(qint64 id, const QString &hint)
{
    auto query = m_db.run(QStringLiteral("UPDATE api_keys SET secret_hint = ? WHERE id = ?"), {hint, id});
    if (!query)
        return tl::unexpected(query.error());
    return {};
}

Result<void> ApiKeyRepository::reseal(qint64 id, const QByteArray &secretEnc,
                                      const QByteArray &secretOptionsEnc, const QByteArray &binding)
{
    auto query =
        m_db.run(QStringLiteral(
                     "UPDATE api_keys SET secret_enc = ?, secret_options_enc = ?, binding = ? WHERE id = ?"),
                 {QString::fromLatin1(secretEnc), sql::notNull(QString::fromLatin1(secretOptionsEnc)),
                  sql::fromText(QString::fromLatin1(binding)), id});
    if (!query)
        return tl::unexpected(query.error());
    return {};
}

Result<void> ApiKeyRepository::moveSecretOptions(qint64 id, const QJsonObject &options,
                                                 const QByteArray &secretOptionsEnc)
{
    auto query =
        m_db.run(QStringLiteral("UPDATE api_keys SET options_json = ?, secret_options_enc = ? WHERE id = ?"),
                 {QString::fromUtf8(QJsonDocument(options).toJson(QJsonDocument::Compact)),
                  sql::notNull(QString::fromLatin1(secretOptionsEnc)), id});
    if (!query)
        return tl::unexpected(query.error());
    return {};
}

Result<bool> ApiKeyRepository::setEnabled(qint64 id, bool enabled)
{
    auto query = m_db.run(QStringLiteral("UPDATE api_keys SET enabled = ?, updated_at = ? WHERE id = ?"),
                          {enabled, sql::fromTime(QDateTime::currentDateTimeUtc()), id});
    if (!query)
        return tl::unexpected(query.error());
    return query->numRowsAffected() > 0;
}

Result<bool> ApiKeyRepository::setEnabledOwnedBy(qint64 id, qint64 userId, bool enabled)
{
    auto query = m_db.run(
        QStringLiteral("UPDATE api_keys SET enabled = ?, updated_at = ? WHERE id = ? AND user_id = ?"),
        {enabled, sql::fromTime(QDateTime::currentDateTimeUtc()), id, userId});
    if (!query)
        return tl::unexpected(query.error());
    return query->numRowsAffected() > 0;
}

Result<void> ApiKeyRepository::setBinding(qint64 id, const QByteArray &binding)
{
    auto query = m_db.run(QStringLiteral("UPDATE api_keys SET binding = ? WHERE id = ?"),
                          {sql::fromText(QString::fromLatin1(binding)), id});
    if (!query)
        return tl::unexpected(query.error());
    return {};
}

Result<void> ApiKeyRepository::setNextCheckAt(qint64 id, const QDateTime &when)
{
    auto statement = m_db.runCached(QStringLiteral("UPDATE api_keys SET next_check_at = ? WHERE id = ?"),
                                    {sql::fromTime(when), id});
    if (!statement)
        return tl::unexpected(statement.error());
    return {};
}

Result<bool> ApiKeyRepository::remove(qint64 id)
{
    auto query = m_db.run(QStringLiteral("DELETE FROM api_keys WHERE id = ?"), {id});
    if (!query)
        return tl::unexpected(query.error());
    return query->numRowsAffected() > 0;
}

Result<bool> ApiKeyRepository::removeOwnedBy(qint64 id, qint64 userId)
{
    auto query = m_db.run(QStringLiteral("DELETE FROM api_keys WHERE id = ? AND user_id = ?"), {id, userId});
    if (!query)
        return tl::unexpected(query.error());
    return query->numRowsAffected() > 0;
}

} // namespace qw
