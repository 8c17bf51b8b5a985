#include "core/alerts/alertsettings.h"

#include "core/storage/settingsrepository.h"

namespace qw {

namespace {

const QString kFailingAfter = QStringLiteral("alerts.failing_after_s");
const QString kForecastDays = QStringLiteral("alerts.forecast_days");
const QString kSpikeFactor = QStringLiteral("alerts.spike_factor");

Result<std::optional<double>> number(SettingsRepository &settings, const QString &key, double min, double max)
{
    auto stored = settings.value(key);
    if (!stored)
        return tl::unexpected(stored.error());
    if (!*stored)
        return std::optional<double>();
    bool ok = false;
    const double value = (*stored)->toDouble(&ok);
    if (!ok || !(value >= min && value <= max)) // written so that NaN fails too
        return std::optional<double>();
    return std::optional<double>(value);
}

} // namespace

Result<AlertSettings> AlertSettings::load(SettingsRepository &settings)
{
    AlertSettings loaded;
    auto failingAfter = number(settings, kFailingAfter, 60, 7 * 24 * 3600);
    auto forecastDays = number(settings, kForecastDays, 0, 365);
    auto spikeFactor = number(settings, kSpikeFactor, 1.5, 1000);
    if (!failingAfter)
        return tl::unexpected(failingAfter.error());
    if (!forecastDays)
        return tl::unexpected(forecastDays.error());
    if (!spikeFactor)
        return tl::unexpected(spikeFactor.error());
    if (*failingAfter)
        loaded.failingAfterS = int(**failingAfter);
    if (*forecastDays)
        loaded.forecastDays = **forecastDays;
    if (*spikeFactor)
        loaded.spikeFactor = **spikeFactor;
    return loaded;
}

Result<void> AlertSettings::save(SettingsRepository &settings) const
{
    for (const auto &[key, value] : {std::pair{kFailingAfter, QString::number(failingAfterS)},
                                     std::pair{kForecastDays, QString::number(forecastDays)},
                                     std::pair{kSpikeFactor, QString::number(spikeFactor)}}) {
        if (auto saved = settings.setValue(key, value); !saved)
            return saved;
    }
    return {};
}

} // namespace qw
