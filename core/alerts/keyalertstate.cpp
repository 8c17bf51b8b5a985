#include "core/alerts/keyalertstate.h"

#include "core/storage/sqlvalues.h"

namespace qw {

namespace {

QJsonValue timeJson(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(time.toMSecsSinceEpoch()) : QJsonValue(QJsonValue::Null);
}

QDateTime timeFrom(const QJsonValue &value)
{
    return value.isDouble() ? QDateTime::fromMSecsSinceEpoch(value.toInteger(), Qt::UTC) : QDateTime();
}

} // namespace

QJsonObject KeyAlertState::toJson() const
{
    return QJsonObject{
        {QStringLiteral("low_armed"), low.armed},
        {QStringLiteral("forecast_armed"), forecastArmed},
        {QStringLiteral("auth_errors"), authErrorsInARow},
        {QStringLiteral("failing_since"), timeJson(failingSince)},
        {QStringLiteral("failing_alerted"), failingAlerted},
        {QStringLiteral("last_spike_at"), timeJson(lastSpikeAt)},
        {QStringLiteral("last_remaining"),
         lastRemaining ? QJsonValue(lastRemaining->micros()) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("last_unit"), lastUnit},
        {QStringLiteral("series_since"), timeJson(seriesSince)},
    };
}

KeyAlertState KeyAlertState::fromJson(const QJsonObject &json)
{
    KeyAlertState state;
    state.low.armed = json.value(QLatin1String("low_armed")).toBool(true);
    state.forecastArmed = json.value(QLatin1String("forecast_armed")).toBool(true);
    state.authErrorsInARow = std::max(0, json.value(QLatin1String("auth_errors")).toInt(0));
    state.failingSince = timeFrom(json.value(QLatin1String("failing_since")));
    state.failingAlerted = json.value(QLatin1String("failing_alerted")).toBool(false);
    state.lastSpikeAt = timeFrom(json.value(QLatin1String("last_spike_at")));
    if (const QJsonValue last = json.value(QLatin1String("last_remaining")); last.isDouble())
        state.lastRemaining = Amount::fromMicros(last.toInteger());
    state.lastUnit = json.value(QLatin1String("last_unit")).toString();
    state.seriesSince = timeFrom(json.value(QLatin1String("series_since")));
    return state;
}

} // namespace qw
