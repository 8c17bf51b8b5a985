#include "app/cli/alertssettingscommand.h"

#include "app/cli/clicontext.h"
#include "core/alerts/alertsettings.h"
#include "core/keys/keyvalidator.h"
#include "core/storage/settingsrepository.h"

namespace qw::cli {

AlertsSettingsCommand::AlertsSettingsCommand()
    : Command(QStringLiteral("alerts settings"),
              QStringLiteral("Show the alert settings, or change the ones given."))
{
    addOptions({m_failingAfter, m_forecastDays, m_spikeFactor});
}

int AlertsSettingsCommand::run(CliContext &context, const QCommandLineParser &parser)
{
    auto db = context.openDatabase();
    if (!db)
        return context.report(db.error());
    SettingsRepository repository(**db);
    auto settings = AlertSettings::load(repository);
    if (!settings)
        return context.report(settings.error());
    if (parser.isSet(m_failingAfter)) {
        auto seconds = KeyValidator::parseInterval(parser.value(m_failingAfter));
        if (!seconds || *seconds < 60)
            return context.usageError(name(),
                                      QStringLiteral("--failing-after “%1” must be a duration from 1m to 24h")
                                          .arg(parser.value(m_failingAfter)));
        settings->failingAfterS = *seconds;
    }
    auto number = [&](const QCommandLineOption &option, double min, double max, double &target) {
        bool ok = false;
        const double value = parser.value(option).toDouble(&ok);
        if (!ok || !(value >= min && value <= max))
            return false;
        target = value;
        return true;
    };
    if (parser.isSet(m_forecastDays) && !number(m_forecastDays, 0, 365, settings->forecastDays))
        return context.usageError(name(),
                                  QStringLiteral("--forecast-days “%1” must be a number from 0 to 365")
                                      .arg(parser.value(m_forecastDays)));
    if (parser.isSet(m_spikeFactor) && !number(m_spikeFactor, 1.5, 1000, settings->spikeFactor))
        return context.usageError(name(),
                                  QStringLiteral("--spike-factor “%1” must be a number from 1.5 to 1000")
                                      .arg(parser.value(m_spikeFactor)));
    if (parser.isSet(m_failingAfter) || parser.isSet(m_forecastDays) || parser.isSet(m_spikeFactor)) {
        if (auto saved = settings->save(repository); !saved)
            return context.report(saved.error());
    }
    context.out() << "failing-after  " << settings->failingAfterS << " s\n"
                  << "forecast-days  " << settings->forecastDays << "\n"
                  << "spike-factor   " << settings->spikeFactor << Qt::endl;
    return kExitOk;
}

} // namespace qw::cli
