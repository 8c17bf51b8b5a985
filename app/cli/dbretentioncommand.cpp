#include "app/cli/dbretentioncommand.h"

#include "app/cli/clicontext.h"

namespace qw::cli {

DbRetentionCommand::DbRetentionCommand()
    : Command(QStringLiteral("db retention"),
              QStringLiteral("Show or set how many days raw checks are kept before they are rolled up."))
{
    addPositional(QStringLiteral("days"),
                  QStringLiteral("Days to keep raw checks (%1 to %2).")
                      .arg(RetentionSettings::kMinRawDays)
                      .arg(RetentionSettings::kMaxRawDays),
                  QStringLiteral("[DAYS]"));
    setPositionalRange(0, 1);
}

int DbRetentionCommand::run(CliContext &context, const QCommandLineParser &parser)
{
    auto session = context.openLockedSession();
    if (!session)
        return context.report(session.error());
    RetentionService retention = (*session)->retention();
    if (!parser.positionalArguments().isEmpty()) {
        bool ok = false;
        const int days = parser.positionalArguments().constFirst().toInt(&ok);
        if (!ok)
            return context.usageError(name(), QStringLiteral("DAYS must be a whole number of days, e.g. 90"));
        if (auto saved = retention.setRawDays(days); !saved)
            return context.report(saved.error());
    }
    auto settings = retention.settings();
    if (!settings)
        return context.report(settings.error());
    context.out() << "Raw checks are kept " << settings->rawDays << " days, then rolled up into hourly runs; "
                  << "hourly runs older than " << settings->hourlyDays << " days into daily ones."
                  << Qt::endl;
    return kExitOk;
}

} // namespace qw::cli
