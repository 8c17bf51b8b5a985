// `quotawatch alerts settings [--failing-after D] [--forecast-days N] [--spike-factor X]`: shows the
// alert rules' settings (shared by every client of the database), and changes those given.
#pragma once

#include "app/cli/command.h"

namespace qw::cli {

class AlertsSettingsCommand final : public Command
{
public:
    AlertsSettingsCommand();

protected:
    int run(CliContext &context, const QCommandLineParser &parser) override;

private:
    QCommandLineOption m_failingAfter{QStringLiteral("failing-after"),
                                      QStringLiteral("key_failing after errors for this long, from 1m to 7d "
                                                     "(e.g. 30m, 48h, 2d; default 1h)."),
                                      QStringLiteral("duration")};
    QCommandLineOption m_forecastDays{
        QStringLiteral("forecast-days"),
        QStringLiteral("forecast_empty when a key runs dry within this many days "
                       "(default 3)."),
        QStringLiteral("days")};
    QCommandLineOption m_spikeFactor{QStringLiteral("spike-factor"),
                                     QStringLiteral("spend_spike when the last hour's spending is this many "
                                                    "times the usual rate (default 5)."),
                                     QStringLiteral("factor")};
};

} // namespace qw::cli
