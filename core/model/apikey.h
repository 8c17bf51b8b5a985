// One watched API key as stored: the secret only as a Fernet token plus a display hint.
#pragma once

#include "adapters/amount.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>

namespace qw {

struct ApiKey
{
    static constexpr int kDefaultIntervalS = 30 * 60;
    static constexpr int kMinIntervalS = 10;
    static constexpr int kMaxIntervalS = 24 * 60 * 60;

    qint64 id = 0;
    qint64 userId = 0;
    QString name;
    QString platform;
    QString baseUrl;      // empty: the platform's default
    QByteArray secretEnc; // Fernet token under the master key
    // Fernet token of a JSON object of the option values that are secrets (secretOptionNames());
    // empty when there are none. They are not in `options` while the key is at rest.
    QByteArray secretOptionsEnc;
    QString secretHint;              // e.g. "sk-or-v1-…a1b2"
    QByteArray binding;              // base64 HMAC tying the secret to its destination (DestinationBinding)
    QJsonObject options;             // platform options, string values
    std::optional<Amount> threshold; // in the key's unit, or percent of the limit
    bool thresholdIsPercent = false;
    int intervalS = kDefaultIntervalS;
    bool enabled = true;
    QStringList tags;      // free labels, e.g. "prod", "team-a"
    QDateTime createdAt;   // UTC
    QDateTime updatedAt;   // UTC
    QDateTime nextCheckAt; // UTC; null until scheduled
    // Team mode: the instance (InstanceIdentity) that stored the last check; empty when none did
    // since it was recorded. Written by the scheduler only, never by an edit.
    QString lastCheckedBy;

    // The option that lets the secret go over plain http:// to a host other than this machine.
    // Kept among the options (string "true") so the key's JSON, CSV and editor carry it along.
    [[nodiscard]] static QString allowInsecureOption() { return QStringLiteral("allow_insecure"); }
    // Options whose values may hold a credential (the custom platform's request headers, such as
    // {"X-Api-Key": "..."}): sealed like the secret, never stored or shown in clear.
    [[nodiscard]] static QStringList secretOptionNames() { return {QStringLiteral("headers")}; }
    [[nodiscard]] bool allowsInsecure() const
    {
        return options.value(allowInsecureOption()).toString() == QLatin1String("true");
    }
};

} // namespace qw
