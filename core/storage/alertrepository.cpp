#include "core/storage/alertrepository.h"

#include "core/storage/database.h"
#include "core/storage/databasechangefeed.h"
#include "core/storage/sqlvalues.h"

#include <QJsonDocument>

namespace qw {

namespace {

const QString kColumns = QStringLiteral("id, key_id, kind, state, created_at, remaining, unit, threshold, "
                                        "threshold_percent, days_left, title, message");

Alert fromRow(const QSqlQuery &query)
{
    Alert alert;
    alert.id = query.value(0).toLongLong();
    alert.keyId = query.value(1).toLongLong();
    alert.kind = alertKindFromString(query.value(2).toString()).value_or(AlertKind::LowBalance);
    alert.state = query.value(3).toString();
    alert.createdAt = sql::toTime(query.value(4));
    alert.remaining = sql::toAmount(query.value(5));
    alert.unit = query.value(6).toString();
    alert.threshold = sql::toAmount(query.value(7));
    alert.thresholdIsPercent = query.value(8).toBool();
    if (!query.value(9).isNull())
        alert.daysLeft = query.value(9).toDouble();
    alert.title = query.value(10).toString();
    alert.message = query.value(11).toString();
    return alert;
}

} // namespace

Result<qint64> AlertRepository::insert(const Alert &alert)
{
    const QDateTime created = alert.createdAt.isValid() ? alert.createdAt : QDateTime::currentDateTimeUtc();
    auto query = m_db.run(
        QStringLiteral(
            "INSERT INTO alerts (key_id, kind, state, created_at, remaining, unit, threshold, "
            "threshold_percent, days_left, title, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {alert.keyId, toString(alert.kind), alert.state, sql::fromTime(created),
         sql::fromAmount(alert.remaining), sql::fromText(alert.unit), sql::fromAmount(alert.threshold),
         alert.thresholdIsPercent,
         alert.daysLeft ? QVariant(*alert.daysLeft) : QVariant(QMetaType::fromType<double>()), alert.title,
         alert.message});
    if (!query)
        return tl::unexpected(query.error());
    return query->lastInsertId().toLongLong();
}

Result<std::optional<Alert>> AlertRepository::find(qint64 id)
{
    auto query =
        m_db.run(QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM alerts WHERE id = ?"), {id});
    if (!query)
        return tl::unexpected(query.error());
    if (!query->next())
        return std::optional<Alert>();
    return std::optional<Alert>(fromRow(*query));
}

Result<std::vector<Alert>> AlertRepository::recent(qint64 keyId, int limit)
{
    const QString filter = keyId > 0 ? QStringLiteral(" WHERE key_id = ?") : QString();
    QVariantList values;
    if (keyId > 0)
        values << keyId;
    values << limit;
    auto query = m_db.run(QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM alerts") + filter +
                              QStringLiteral(" ORDER BY created_at DESC, id DESC LIMIT ?"),
                          values);
    if (!query)
        return tl::unexpected(query.error());
    std::vector<Alert> alerts;
    while (query->next())
        alerts.push_back(fromRow(*query));
    return alerts;
}

Result<bool> AlertRepository::acknowledge(qint64 id)
{
    auto query = m_db.run(QStringLiteral("UPDATE alerts SET state = 'acknowledged' WHERE id = ?"), {id});
    if (!query)
        return tl::unexpected(query.error());
    return query->numRowsAffected() > 0;
}

Result<QJsonObject> AlertRepository::ruleState(qint64 keyId)
{
    auto statement =
        m_db.runCached(QStringLiteral("SELECT state_json FROM alert_state WHERE key_id = ?"), {keyId});
    if (!statement)
        return tl::unexpected(statement.error());
    QSqlQuery &query = statement->query();
    if (!query.next())
        return QJsonObject();
    return QJsonDocument::fromJson(query.value(0).toString().toUtf8()).object();
}

Result<QHash<qint64, QJsonObject>> AlertRepository::ruleStates(const std::vector<qint64> &keyIds)
{
    QHash<qint64, QJsonObject> states;
    if (keyIds.empty())
        return states;
    const sql::InList ids = sql::inList(keyIds);
    // Every stored batch asks this: kept prepared (inList() pads it to one of a few lengths).
    auto statement =
        m_db.runCached(QStringLiteral("SELECT key_id, state_json FROM alert_state WHERE key_id IN (") +
                           ids.placeholders + u')',
                       ids.values);
    if (!statement)
        return tl::unexpected(statement.error());
    QSqlQuery &query = statement->query();
    while (query.next())
        states.insert(query.value(0).toLongLong(),
                      QJsonDocument::fromJson(query.value(1).toString().toUtf8()).object());
    return states;
}

Result<QJsonObject> AlertRepository::lockRuleState(qint64 keyId)
{
    // A row that does not exist cannot be locked: make it first. A racing instance's INSERT waits
    // on ours (the primary key) and then does nothing.
    auto made = m_db.run(QStringLiteral("INSERT INTO alert_state (key_id, state_json) VALUES (?, '{}') "
                                        "ON CONFLICT (key_id) DO NOTHING"),
                         {keyId});
    if (!made)
        return tl::unexpected(made.error());
    // After waiting for another holder, FOR UPDATE returns the row as that holder committed it.
    auto query =
        m_db.run(QStringLiteral("SELECT state_json FROM alert_state WHERE key_id = ? FOR UPDATE"), {keyId});
    if (!query)
        return tl::unexpected(query.error());
    if (!query->next())
        return QJsonObject();
    return QJsonDocument::fromJson(query->value(0).toString().toUtf8()).object();
}

Result<void> AlertRepository::announceRaised(qint64 keyId)
{
    auto query =
        m_db.run(QStringLiteral("SELECT pg_notify(?, ?)"),
                 {QString::fromLatin1(DatabaseChangeFeed::kChannel), QStringLiteral("alert:%1").arg(keyId)});
    if (!query)
        return tl::unexpected(query.error());
    return {};
}

Result<void> AlertRepository::setRuleState(qint64 keyId, const QJsonObject &state)
{
    // Upsert in the syntax SQLite (3.24+) and PostgreSQL share.
    auto statement =
        m_db.runCached(QStringLiteral("INSERT INTO alert_state (key_id, state_json) VALUES (?, ?) "
                                      "ON CONFLICT (key_id) DO UPDATE SET state_json = excluded.state_json"),
                       {keyId, QString::fromUtf8(QJsonDocument(state).toJson(QJsonDocument::Compact))});
    if (!statement)
        return tl::unexpected(statement.error());
    return {};
}

} // namespace qw
