// Something about a key worth telling its owner, as stored in the alerts table. The message is
// rendered when the alert is raised, in the language of the settings, so every channel and a
// later look at the history say the same thing.
#pragma once

#include "adapters/amount.h"

#include <QDateTime>
#include <QString>
#include <optional>

namespace qw {

enum class AlertKind
{
    LowBalance,    // remaining fell under the key's threshold
    KeyFailing,    // auth errors twice in a row, or errors for longer than the set time
    Recovered,     // a failing key works again
    TopUp,         // the balance went up
    ForecastEmpty, // at the current burn rate the key runs dry within the set number of days
    SpendSpike,    // spending in the last hour far above the usual hourly rate
    Test,          // sent by "channels test" only; never stored
};

// "low_balance", "key_failing", "recovered", "topup", "forecast_empty", "spend_spike" ("test"): the
// `event` of the webhook payload and the `kind` column.
[[nodiscard]] QString toString(AlertKind kind);
[[nodiscard]] std::optional<AlertKind> alertKindFromString(QStringView text);

struct Alert
{
    qint64 id = 0;
    qint64 keyId = 0;
    AlertKind kind = AlertKind::LowBalance;
    QString state = QStringLiteral("open"); // "open" until the user acknowledges it
    QDateTime createdAt;                    // UTC
    std::optional<Amount> remaining;
    QString unit;
    std::optional<Amount> threshold; // in `unit`, or percent when thresholdIsPercent
    bool thresholdIsPercent = false;
    std::optional<double> daysLeft;
    QString title;   // one line: a mail subject, a chat heading
    QString message; // one or two sentences a user can act on; never a secret
};

} // namespace qw
