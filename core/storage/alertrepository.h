// Stored alerts (the history of what the user was told) and the per-key memory of the alert
// rules between checks.
#pragma once

#include "core/model/alert.h"
#include "core/result.h"

#include <QHash>
#include <QJsonObject>
#include <optional>
#include <vector>

namespace qw {

class Database;

class AlertRepository final
{
public:
    explicit AlertRepository(Database &db)
        : m_db(db)
    {}

    [[nodiscard]] Result<qint64> insert(const Alert &alert);
    [[nodiscard]] Result<std::optional<Alert>> find(qint64 id);
    // Newest first; all keys when keyId is 0.
    [[nodiscard]] Result<std::vector<Alert>> recent(qint64 keyId = 0, int limit = 100);
    [[nodiscard]] Result<bool> acknowledge(qint64 id);

    // What the rules remember about a key; an empty object for a key never evaluated.
    [[nodiscard]] Result<QJsonObject> ruleState(qint64 keyId);
    // ruleState() of each of `keyIds` in one statement; a key without one is missing.
    [[nodiscard]] Result<QHash<qint64, QJsonObject>> ruleStates(const std::vector<qint64> &keyIds);
    [[nodiscard]] Result<void> setRuleState(qint64 keyId, const QJsonObject &state);
    // PostgreSQL, inside a transaction: ruleState() with the key's row locked (made first when the
    // key was never evaluated) until the transaction ends, so that instances evaluating checks of
    // the same key at once decide one after the other, each on what the previous one wrote.
    [[nodiscard]] Result<QJsonObject> lockRuleState(qint64 keyId);
    // PostgreSQL: tells every listening instance (DatabaseChangeFeed) that an alert of `keyId` was
    // raised; delivered when the surrounding transaction commits, and never if it rolls back.
    [[nodiscard]] Result<void> announceRaised(qint64 keyId);

private:
    Database &m_db;
};

} // namespace qw
