#include "app/cli/dbcompactcommand.h"

#include "app/cli/clicontext.h"
#include "app/cli/dbstatscommand.h"

#include <QLocale>

namespace qw::cli {

DbCompactCommand::DbCompactCommand()
    : Command(QStringLiteral("db compact"),
              QStringLiteral("Roll up the checks older than the retention now, then give the free space back "
                             "(VACUUM on SQLite, VACUUM ANALYZE on PostgreSQL)."))
{}

int DbCompactCommand::run(CliContext &context, const QCommandLineParser &)
{
    auto session = context.openLockedSession();
    if (!session)
        return context.report(session.error());
    RetentionService retention = (*session)->retention();
    auto settings = retention.settings();
    if (!settings)
        return context.report(settings.error());
    auto before = retention.sizeBytes();
    if (!before)
        return context.report(before.error());
    auto compacted = retention.compact();
    if (!compacted)
        return context.report(compacted.error());
    auto after = retention.sizeBytes();
    if (!after)
        return context.report(after.error());
    context.out() << "Rolled " << QLocale::c().toString(compacted->checksRolled) << " checks older than "
                  << settings->rawDays << " days into hourly runs; the database went from "
                  << DbStatsCommand::sizeText(*before) << " to " << DbStatsCommand::sizeText(*after) << '.'
                  << Qt::endl;
    return kExitOk;
}

} // namespace qw::cli
