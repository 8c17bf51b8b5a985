#include "app/cli/alertscommand.h"

#include "app/cli/clicontext.h"
#include "app/cli/tableprinter.h"
#include "core/json/modeljson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <map>

namespace qw::cli {

namespace {

// "2 sent, 1 pending" for the table.
QString deliverySummary(const std::vector<OutboxEntry> &entries)
{
    if (entries.empty())
        return QStringLiteral("-");
    std::map<QString, int> counts;
    for (const OutboxEntry &entry : entries)
        ++counts[toString(entry.status)];
    QStringList parts;
    for (const auto &[status, count] : counts)
        parts << QStringLiteral("%1 %2").arg(count).arg(status);
    return parts.join(QStringLiteral(", "));
}

} // namespace

AlertsCommand::AlertsCommand()
    : Command(QStringLiteral("alerts"),
              QStringLiteral("The alerts raised, newest first, and their deliveries."))
{
    addOptions({m_key, m_limit, m_json});
}

int AlertsCommand::execute(CliContext &context, const QStringList &args)
{
    if (args.value(0) == QLatin1String("settings"))
        return m_settings.execute(context, args.mid(1));
    return Command::execute(context, args);
}

int AlertsCommand::run(CliContext &context, const QCommandLineParser &parser)
{
    qint64 keyId = 0;
    if (parser.isSet(m_key)) {
        int exitCode = kExitOk;
        const auto id = parseId(context, parser.value(m_key), QStringLiteral("key"), exitCode);
        if (!id)
            return exitCode;
        keyId = *id;
    }
    int count = 50;
    if (parser.isSet(m_limit)) {
        bool ok = false;
        count = parser.value(m_limit).toInt(&ok);
        if (!ok || count < 1 || count > AlertLog::kMaxLimit)
            return context.usageError(name(), QStringLiteral("--limit “%1” is not a number from 1 to %2")
                                                  .arg(parser.value(m_limit))
                                                  .arg(AlertLog::kMaxLimit));
    }

    auto session = context.openLockedSession();
    if (!session)
        return context.report(session.error());
    auto alerts = (*session)->alerts().recent(keyId, count);
    if (!alerts)
        return context.report(alerts.error());

    if (parser.isSet(m_json)) {
        QJsonArray array;
        for (const AlertWithDeliveries &entry : *alerts)
            array.append(ModelJson::alert(entry));
        context.out() << QJsonDocument(array).toJson(QJsonDocument::Indented) << Qt::flush;
        return kExitOk;
    }
    if (alerts->empty()) {
        context.out() << "No alerts yet." << Qt::endl;
        return kExitOk;
    }
    TablePrinter table({QStringLiteral("ID"), QStringLiteral("TIME"), QStringLiteral("KEY"),
                        QStringLiteral("EVENT"), QStringLiteral("DELIVERIES"), QStringLiteral("MESSAGE")});
    for (const AlertWithDeliveries &entry : *alerts) {
        const Alert &alert = entry.alert;
        table.addRow({QString::number(alert.id), alert.createdAt.toString(Qt::ISODate),
                      QString::number(alert.keyId), toString(alert.kind), deliverySummary(entry.deliveries),
                      alert.message});
    }
    table.print(context.out());
    return kExitOk;
}

} // namespace qw::cli
