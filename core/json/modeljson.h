// The JSON of keys, platforms, channels, alerts and checks, produced in this one place for the
// command line's --json and the REST API alike. Numbers are JSON numbers, absent values null,
// times ISO 8601 UTC; a secret never appears (a key shows only its hint, a channel only its
// visible settings and a summary).
#pragma once

#include "core/alerts/alertlog.h"
#include "core/keys/keyservice.h"
#include "core/model/channel.h"
#include "core/model/snapshot.h"

#include <QJsonArray>
#include <QJsonObject>

namespace qw {

class Adapter;
class PlatformRegistry;

class ModelJson final
{
public:
    // DESIGN.md's contract: {"key_id", "status", "kind", "remaining", "used", "limit", "unit",
    // "balances": [{"amount", "unit"}], "details": [{"name", "label", "remaining", "used", "limit",
    // "unit", "resets_at"}], "error", "checked_at", "resets_at"}; a detail's label is English
    // (ReadingNames::englishDetailLabel) so that scripts see the same text on every machine.
    [[nodiscard]] static QJsonObject check(const Snapshot &snapshot);
    // {"id", "name", "platform", "base_url", "hint", "threshold", "threshold_percent", "tags",
    //  "options", "interval_s", "enabled", "created_at"}
    [[nodiscard]] static QJsonObject key(const ApiKey &key);
    // key() plus "health" ("ok", "low", "empty", "failing", "paused", "unknown") and "latest"
    // (check() or null).
    [[nodiscard]] static QJsonObject key(const KeyWithLatest &key);
    // {"id", "name", "default_base_url", "kinds", "options": [{"name", "label", "type", "required",
    //  "default", "help", "choices"?}], "help", "readable"}; the label in English, as the adapter
    //  spells it. "readable" false: no API key of the platform can be read, "help" says why.
    [[nodiscard]] static QJsonObject platform(const Adapter &adapter);
    [[nodiscard]] static QJsonArray platforms(const PlatformRegistry &registry);
    // {"id", "name", "kind", "target", "events", "enabled", "created_at"}
    [[nodiscard]] static QJsonObject channel(const Channel &channel);
    // The webhook payload of the alert plus {"id", "key_id", "state", "title", "deliveries":
    // [{"channel_id", "status", "attempts", "last_error", "sent_at"}]}.
    [[nodiscard]] static QJsonObject alert(const AlertWithDeliveries &alert);

    [[nodiscard]] static QJsonValue amount(const std::optional<Amount> &amount);
    [[nodiscard]] static QJsonValue textOrNull(const QString &text);
    [[nodiscard]] static QJsonValue timeOrNull(const QDateTime &time);
};

} // namespace qw
