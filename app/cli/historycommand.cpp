#include "app/cli/historycommand.h"

#include "app/cli/clicontext.h"
#include "app/cli/readingtext.h"
#include "app/cli/tableprinter.h"
#include "core/analytics/timerange.h"
#include "core/json/modeljson.h"
#include "core/model/snapshotcsv.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace qw::cli {

HistoryCommand::HistoryCommand()
    : Command(QStringLiteral("history"), QStringLiteral("Show a key's stored checks, oldest first."))
{
    addPositional(QStringLiteral("ID"), QStringLiteral("The key's id (see “quotawatch keys list”)."));
    addOptions({m_from, m_to, m_csv, m_json});
}

int HistoryCommand::run(CliContext &context, const QCommandLineParser &parser)
{
    if (parser.isSet(m_csv) && parser.isSet(m_json))
        return context.usageError(name(), QStringLiteral("choose one of --csv and --json"));
    int exitCode = kExitOk;
    const auto parsedId =
        parseId(context, parser.positionalArguments().constFirst(), QStringLiteral("key"), exitCode);
    if (!parsedId)
        return exitCode;
    const qint64 id = *parsedId;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    TimeRange range;
    for (const auto &[option, target] : {std::pair{&m_from, &range.from}, std::pair{&m_to, &range.to}}) {
        if (!parser.isSet(*option))
            continue;
        const auto parsed = TimeRange::parseTime(parser.value(*option), now);
        if (!parsed)
            return context.usageError(name(),
                                      QStringLiteral("--%1 “%2” is not a time; write e.g. 2026-01-31, "
                                                     "2026-01-31T08:00:00Z or 7d")
                                          .arg(option->names().constFirst(), parser.value(*option)));
        *target = *parsed;
    }

    auto session = context.openLockedSession();
    if (!session)
        return context.report(session.error());
    auto key = (*session)->keys().get(id);
    if (!key)
        return context.report(withKeysHint(key.error()));
    auto snapshots = (*session)->history().checks(id, range);
    if (!snapshots)
        return context.report(withKeysHint(snapshots.error()));

    QTextStream &out = context.out();
    if (parser.isSet(m_json)) {
        QJsonArray array;
        for (const Snapshot &snapshot : *snapshots)
            array.append(ModelJson::check(snapshot));
        out << QJsonDocument(array).toJson(QJsonDocument::Indented);
        return kExitOk;
    }
    if (parser.isSet(m_csv)) {
        out << SnapshotCsv::header() << '\n';
        for (const Snapshot &snapshot : *snapshots)
            out << SnapshotCsv::row(snapshot) << '\n';
        out.flush();
        return kExitOk;
    }
    if (snapshots->empty()) {
        out << "No checks of key " << id << " (" << key->name << ") in that range yet." << Qt::endl;
        return kExitOk;
    }
    TablePrinter table({QStringLiteral("CHECKED AT (UTC)"), QStringLiteral("STATUS"),
                        QStringLiteral("REMAINING"), QStringLiteral("USED"), QStringLiteral("LIMIT"),
                        QStringLiteral("UNIT"), QStringLiteral("DETAILS"), QStringLiteral("ERROR")});
    for (const Snapshot &snapshot : *snapshots) {
        auto amountOrDash = [](const std::optional<Amount> &amount) {
            return amount ? amount->toString() : QStringLiteral("-");
        };
        table.addRow({snapshot.checkedAt.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                      toString(snapshot.status), amountOrDash(snapshot.remaining),
                      amountOrDash(snapshot.used), amountOrDash(snapshot.limit),
                      snapshot.unit.isEmpty() ? QStringLiteral("-") : snapshot.unit, detailsCompact(snapshot),
                      snapshot.error});
    }
    table.print(out);
    return kExitOk;
}

} // namespace qw::cli
