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
    QDateTime fromTime;
    QDateTime toTime;
    for (const auto &[option, target] : {std::pair{&m_from, &fromTime}, std::pair{&m_to, &toTime}}) {
        if (!parser.isSet(*option))
            continue;
        const auto parsed = parseTimeArgument(parser.value(*option), now);
        if (!parsed)
            return context.usageError(name(),
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
        return context.report(noSuchKey(id));
    auto snapshots = SnapshotRepository(**db).range(id, fromTime, toTime);
    if (!snapshots)
        return context.report(snapshots.error());

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
