#include "app/cli/alertssettingscommand.h"

#include "app/cli/clicontext.h"
#include "core/keys/keyvalidator.h"

namespace qw::cli {

AlertsSettingsCommand::AlertsSettingsCommand()
    : Command(QStringLiteral("alerts settings"),
              QStringLiteral("Show the alert settings, or change the ones given."))
{
    addOptions({m_failingAfter, m_forecastDays, m_spikeFactor});
}

int AlertsSettingsCommand::run(CliContext &context, const QCommandLineParser &parser)
{
    auto session = context.openLockedSession();
    if (!session)
        return context.report(session.error());
    AlertLog &log = (*session)->alerts();
    auto settings = log.settings();
    if (!settings)
        return context.report(settings.error());

    // Each value against the one table of ranges the desktop uses too.
    if (parser.isSet(m_failingAfter)) {
        constexpr auto range = AlertSettings::kFailingAfterRange;
        const auto seconds = KeyValidator::parseDuration(parser.value(m_failingAfter));
        if (!seconds || !range.contains(double(*seconds)))
            return context.usageError(
                name(), QStringLiteral("--failing-after “%1” must be a duration from %2 to %3d")
                            .arg(parser.value(m_failingAfter), KeyValidator::formatInterval(int(range.min)))
                            .arg(int(range.max) / 86400));
        settings->failingAfterS = int(*seconds);
    }
    auto number = [&](const QCommandLineOption &option, AlertSettings::Range range, double &target) {
        bool ok = false;
        const double value = parser.value(option).toDouble(&ok);
        if (!ok || !range.contains(value))
            return false;
        target = value;
        return true;
    };
    if (parser.isSet(m_forecastDays) &&
        !number(m_forecastDays, AlertSettings::kForecastDaysRange, settings->forecastDays))
        return context.usageError(name(),
                                  QStringLiteral("--forecast-days “%1” must be a number from %2 to %3")
                                      .arg(parser.value(m_forecastDays))
                                      .arg(AlertSettings::kForecastDaysRange.min)
                                      .arg(AlertSettings::kForecastDaysRange.max));
    if (parser.isSet(m_spikeFactor) &&
        !number(m_spikeFactor, AlertSettings::kSpikeFactorRange, settings->spikeFactor))
        return context.usageError(name(), QStringLiteral("--spike-factor “%1” must be a number from %2 to %3")
                                              .arg(parser.value(m_spikeFactor))
                                              .arg(AlertSettings::kSpikeFactorRange.min)
                                              .arg(AlertSettings::kSpikeFactorRange.max));
    if (parser.isSet(m_failingAfter) || parser.isSet(m_forecastDays) || parser.isSet(m_spikeFactor)) {
        if (auto saved = log.saveSettings(*settings); !saved)
            return context.report(saved.error());
    }
    context.out() << "failing-after  " << settings->failingAfterS << " s\n"
                  << "forecast-days  " << settings->forecastDays << "\n"
                  << "spike-factor   " << settings->spikeFactor << Qt::endl;
    return kExitOk;
}

} // namespace qw::cli
