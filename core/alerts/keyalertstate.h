// What the alert rules remember about one key between its checks, stored as JSON in the
// alert_state table so that a restart neither repeats an alert nor forgets a failing streak.
#pragma once

#include "core/alerts/lowbalancerule.h"

#include <QDateTime>
#include <QJsonObject>
#include <optional>

namespace qw {

struct KeyAlertState
{
    LowBalanceState low;
    bool forecastArmed = true;
    int authErrorsInARow = 0;
    QDateTime failingSince; // first failed check of the current streak; null while working
    bool failingAlerted = false;
    QDateTime lastSpikeAt;
    std::optional<Amount> lastRemaining; // of the last successful check, to see top-ups
    QString lastUnit;
    QDateTime seriesSince; // the unit last changed here: older history is another series

    [[nodiscard]] QJsonObject toJson() const;
    // Missing or malformed fields take their defaults.
    [[nodiscard]] static KeyAlertState fromJson(const QJsonObject &json);
};

} // namespace qw
