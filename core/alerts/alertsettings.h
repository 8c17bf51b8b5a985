// The alert rules' settings, shared by every client of one database (settings table), with the
// defaults the README documents.
#pragma once

#include "core/result.h"

namespace qw {

class SettingsRepository;

struct AlertSettings
{
    // The one table of what each setting accepts, for the command line, the desktop and REST.
    struct Range
    {
        double min;
        double max;
        [[nodiscard]] constexpr bool contains(double value) const { return value >= min && value <= max; }
    };
    static constexpr Range kFailingAfterRange{60, 7 * 24 * 3600}; // 1 minute to 7 days, in seconds
    static constexpr Range kForecastDaysRange{0, 365};
    static constexpr Range kSpikeFactorRange{1.5, 1000};

    // key_failing: auth errors this many checks in a row, or any error for this long.
    int authErrorsInARow = 2;
    int failingAfterS = 60 * 60;
    // forecast_empty: days until empty under this.
    double forecastDays = 3;
    // spend_spike: spending in the last hour at least this many times the usual hourly rate.
    double spikeFactor = 5;

    // Stored names: alerts.failing_after_s, alerts.forecast_days, alerts.spike_factor. A stored
    // value that is not a number in range is ignored in favour of the default.
    [[nodiscard]] static Result<AlertSettings> load(SettingsRepository &settings);
    [[nodiscard]] Result<void> save(SettingsRepository &settings) const;
    // InvalidInput naming the setting and its range when a value is outside the table above.
    [[nodiscard]] Result<void> validate() const;
};

} // namespace qw
