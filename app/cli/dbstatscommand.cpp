#include "app/cli/dbstatscommand.h"

#include "app/cli/clicontext.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace qw::cli {

namespace {

QJsonValue timeJson(const std::optional<qint64> &ms)
{
    return ms ? QJsonValue(QDateTime::fromMSecsSinceEpoch(*ms, Qt::UTC).toString(Qt::ISODate))
              : QJsonValue(QJsonValue::Null);
}

QString count(qint64 value)
{
    return QLocale::c().toString(value);
}

} // namespace

DbStatsCommand::DbStatsCommand()
    : Command(QStringLiteral("db stats"),
              QStringLiteral("Show the database's size, its raw and rolled-up checks, the oldest raw check "
                             "and the retention."))
{
    addOptions({m_json});
}

QString DbStatsCommand::sizeText(qint64 bytes)
{
    if (bytes < 1000 * 1000)
        return QString::number((bytes + 999) / 1000) + QStringLiteral(" KB");
    if (bytes < 1000LL * 1000 * 1000)
        return QString::number(double(bytes) / 1e6, 'f', 1) + QStringLiteral(" MB");
    return QString::number(double(bytes) / 1e9, 'f', 2) + QStringLiteral(" GB");
}

int DbStatsCommand::run(CliContext &context, const QCommandLineParser &parser)
{
    auto session = context.openLockedSession();
    if (!session)
        return context.report(session.error());
    auto stats = (*session)->retention().stats();
    if (!stats)
        return context.report(stats.error());
    const SnapshotStorageStats &rows = stats->rows;

    if (parser.isSet(m_json)) {
        const QJsonObject object{
            {QStringLiteral("database"), (*session)->databaseDescription()},
            {QStringLiteral("size_bytes"), stats->sizeBytes},
            {QStringLiteral("raw_checks"), rows.rawChecks},
            {QStringLiteral("hourly_runs"), rows.hourlyRuns},
            {QStringLiteral("daily_runs"), rows.dailyRuns},
            {QStringLiteral("rolled_checks"), rows.rolledChecks},
            {QStringLiteral("oldest_raw_check"), timeJson(rows.oldestRawMs)},
            {QStringLiteral("oldest_rolled_check"), timeJson(rows.oldestRolledMs)},
            {QStringLiteral("raw_retention_days"), stats->retention.rawDays},
            {QStringLiteral("hourly_retention_days"), stats->retention.hourlyDays},
        };
        context.out() << QJsonDocument(object).toJson(QJsonDocument::Indented) << Qt::flush;
        return kExitOk;
    }
    QTextStream &out = context.out();
    out << "Database:     " << (*session)->databaseDescription() << '\n';
    out << "Size:         " << sizeText(stats->sizeBytes) << '\n';
    out << "Raw checks:   " << count(rows.rawChecks);
    if (rows.oldestRawMs)
        out << " (oldest " << timeJson(rows.oldestRawMs).toString() << ')';
    out << '\n';
    out << "Rolled up:    " << count(rows.hourlyRuns) << " hourly and " << count(rows.dailyRuns)
        << " daily runs standing for " << count(rows.rolledChecks) << " checks";
    if (rows.oldestRolledMs)
        out << " (from " << timeJson(rows.oldestRolledMs).toString() << ')';
    out << '\n';
    out << "Retention:    raw checks " << stats->retention.rawDays << " days, hourly runs "
        << stats->retention.hourlyDays << " days, daily runs after that" << Qt::endl;
    return kExitOk;
}

} // namespace qw::cli
