#include "core/alerts/alertsettings.h"

#include "core/storage/settingsrepository.h"

namespace qw {

namespace {

const QString kFailingAfter = QStringLiteral("alerts.failing_after_s");
const QString kForecastDays = QStringLiteral("alerts.forecast_days");
const QString kSpikeFactor = QStringLiteral("alerts.spike_factor");

Result<std::optional<double>> number(SettingsRepository &settings, const QString &key,
                                     AlertSettings::Range range)
{
    auto stored = settings.value(key);
    if (!stored)
        return tl::unexpected(stored.error());
    if (!*stored)
        return std::optional<double>();
    bool ok = false;
    const double value = (*stored)->toDouble(&ok);
    if (!ok || !range.contains(value)) // NaN fails too
        return std::optional<double>();
    return std::optional<double>(value);
}

} // namespace

Result<AlertSettings> AlertSettings::load(SettingsRepository &settings)
{
    AlertSettings loaded;
    auto failingAfter = number(settings, kFailingAfter, kFailingAfterRange);
    auto forecastDays = number(settings, kForecastDays, kForecastDaysRange);
    auto spikeFactor = number(settings, kSpikeFactor, kSpikeFactorRange);
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

Result<void> AlertSettings::validate() const
{
    if (!kFailingAfterRange.contains(failingAfterS))
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("“failing after” must be from 1 minute to 7 days"));
    if (!kForecastDaysRange.contains(forecastDays))
        return fail(ErrorCode::InvalidInput, QStringLiteral("“forecast days” must be a number from %1 to %2")
                                                 .arg(kForecastDaysRange.min)
                                                 .arg(kForecastDaysRange.max));
    if (!kSpikeFactorRange.contains(spikeFactor))
        return fail(ErrorCode::InvalidInput, QStringLiteral("“spike factor” must be a number from %1 to %2")
                                                 .arg(kSpikeFactorRange.min)
                                                 .arg(kSpikeFactorRange.max));
    return {};
}

Result<void> AlertSettings::save(SettingsRepository &settings) const
{
    if (auto valid = validate(); !valid)
        return valid;
    for (const auto &[key, value] : {std::pair{kFailingAfter, QString::number(failingAfterS)},
                                     std::pair{kForecastDays, QString::number(forecastDays)},
                                     std::pair{kSpikeFactor, QString::number(spikeFactor)}}) {
        if (auto saved = settings.setValue(key, value); !saved)
            return saved;
    }
    return {};
}

} // namespace qw
