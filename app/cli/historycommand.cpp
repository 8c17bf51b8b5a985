#include "app/cli/historycommand.h"

#include "app/cli/clicontext.h"
#include "app/cli/tableprinter.h"
#include "core/json/modeljson.h"
#include "core/model/snapshotcsv.h"
#include "core/poll/checkservice.h"
#include "core/storage/apikeyrepository.h"
#include "core/storage/snapshotrepository.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace qw::cli {

std::optional<QDateTime> parseTimeArgument(const QString &text, const QDateTime &now)
{
    static const QRegularExpression relative(QStringLiteral("^(\\d{1,6})([mhdw])$"));
    const QString trimmed = text.trimmed();
    if (const auto match = relative.match(trimmed); match.hasMatch()) {
        const qint64 count = match.captured(1).toLongLong();
        const QChar unit = match.captured(2).at(0);
        const qint64 seconds = unit == u'm' ? 60 : unit == u'h' ? 3600 : unit == u'd' ? 86400 : 7 * 86400;
        return now.addSecs(-count * seconds);
    }
    const QDate date = QDate::fromString(trimmed, Qt::ISODate);
    if (date.isValid() && trimmed.size() == 10)
        return QDateTime(date, QTime(0, 0), Qt::UTC);
    QString iso = trimmed;
    iso.replace(u' ', u'T');
    QDateTime time = QDateTime::fromString(iso, Qt::ISODateWithMs);
    if (!time.isValid())
        return std::nullopt;
    // Without a zone the time is taken as UTC, like everything QuotaWatch stores.
    if (time.timeSpec() == Qt::LocalTime)
        time.setTimeSpec(Qt::UTC);
    return time.toUTC();
}

int runHistoryCommand(CliContext &context, const QStringList &args)
{
    const QString command = QStringLiteral("history");
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Show a key's stored checks, oldest first."));
    parser.addPositionalArgument(QStringLiteral("ID"),
                                 QStringLiteral("The key's id (see “quotawatch keys list”)."));
    const QCommandLineOption from(
        QStringLiteral("from"),
        QStringLiteral("Start: 2026-01-31, 2026-01-31T08:00:00Z, or back from now: 24h, 7d."),
        QStringLiteral("T"));
    const QCommandLineOption to(
        QStringLiteral("to"), QStringLiteral("End (exclusive), same forms as --from."), QStringLiteral("T"));
    const QCommandLineOption csv(QStringLiteral("csv"), QStringLiteral("Print CSV."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON."));
    parser.addOptions({from, to, csv, json});
    int exitCode = kExitOk;
    if (!context.parse(parser, command, args, 1, 1, exitCode))
        return exitCode;
    if (parser.isSet(csv) && parser.isSet(json))
        return context.usageError(command, QStringLiteral("choose one of --csv and --json"));
    bool ok = false;
    const QString idText = parser.positionalArguments().constFirst();
    const qint64 id = idText.toLongLong(&ok);
    if (!ok || id <= 0)
        return context.usageError(command, QStringLiteral("“%1” is not a key id").arg(idText));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QDateTime fromTime;
    QDateTime toTime;
    for (const auto &[option, target] : {std::pair{&from, &fromTime}, std::pair{&to, &toTime}}) {
        if (!parser.isSet(*option))
            continue;
        const auto parsed = parseTimeArgument(parser.value(*option), now);
        if (!parsed)
            return context.usageError(command,
                                      QStringLiteral("--%1 “%2” is not a time; write e.g. 2026-01-31, "
                                                     "2026-01-31T08:00:00Z or 7d")
                                          .arg(option->names().constFirst(), parser.value(*option)));
        *target = *parsed;
    }

    auto db = context.openDatabase();
    if (!db)
        return context.report(db.error());
    auto key = ApiKeyRepository(**db).find(id);
    if (!key)
        return context.report(key.error());
    if (!*key)
        return context.report(Error{ErrorCode::NotFound,
                                    QStringLiteral("no key with id %1; see “quotawatch keys list”").arg(id)});
    auto snapshots = SnapshotRepository(**db).range(id, fromTime, toTime);
    if (!snapshots)
        return context.report(snapshots.error());

    QTextStream &out = context.out();
    if (parser.isSet(json)) {
        QJsonArray array;
        for (const Snapshot &snapshot : *snapshots)
            array.append(ModelJson::check(snapshot));
        out << QJsonDocument(array).toJson(QJsonDocument::Indented);
        return kExitOk;
    }
    if (parser.isSet(csv)) {
        out << SnapshotCsv::header() << '\n';
        for (const Snapshot &snapshot : *snapshots)
            out << SnapshotCsv::row(snapshot) << '\n';
        out.flush();
        return kExitOk;
    }
    if (snapshots->empty()) {
        out << "No checks of key " << id << " (" << (*key)->name << ") in that range yet." << Qt::endl;
        return kExitOk;
    }
    TablePrinter table({QStringLiteral("CHECKED AT (UTC)"), QStringLiteral("STATUS"),
                        QStringLiteral("REMAINING"), QStringLiteral("USED"), QStringLiteral("LIMIT"),
                        QStringLiteral("UNIT"), QStringLiteral("ERROR")});
    for (const Snapshot &snapshot : *snapshots) {
        auto amountOrDash = [](const std::optional<Amount> &amount) {
            return amount ? amount->toString() : QStringLiteral("-");
        };
        table.addRow({snapshot.checkedAt.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                      toString(snapshot.status), amountOrDash(snapshot.remaining),
                      amountOrDash(snapshot.used), amountOrDash(snapshot.limit),
                      snapshot.unit.isEmpty() ? QStringLiteral("-") : snapshot.unit, snapshot.error});
    }
    table.print(out);
    return kExitOk;
}

} // namespace qw::cli
