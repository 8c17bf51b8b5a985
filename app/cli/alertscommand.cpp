#include "app/cli/alertscommand.h"

#include "app/cli/clicontext.h"
#include "app/cli/tableprinter.h"
#include "core/alerts/alertnotice.h"
#include "core/storage/alertrepository.h"
#include "core/storage/outboxrepository.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <map>

namespace qw::cli {

namespace {

QJsonObject deliveryJson(const OutboxEntry &entry)
{
    auto textOrNull = [](const QString &text) {
        return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
    };
    return QJsonObject{
        {QStringLiteral("channel_id"), entry.channelId},
        {QStringLiteral("status"), toString(entry.status)},
        {QStringLiteral("attempts"), entry.attempts},
        {QStringLiteral("last_error"), textOrNull(entry.lastError)},
        {QStringLiteral("sent_at"), entry.sentAt.isValid()
                                        ? QJsonValue(entry.sentAt.toString(Qt::ISODateWithMs))
                                        : QJsonValue(QJsonValue::Null)},
    };
}

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
        if (!ok || count < 1 || count > 100'000)
            return context.usageError(
                name(),
                QStringLiteral("--limit “%1” is not a number from 1 to 100000").arg(parser.value(m_limit)));
    }

    auto db = context.openDatabase();
    if (!db)
        return context.report(db.error());
    auto alerts = AlertRepository(**db).recent(keyId, count);
    if (!alerts)
        return context.report(alerts.error());
    OutboxRepository outbox(**db);

    if (parser.isSet(m_json)) {
        QJsonArray array;
        for (const Alert &alert : *alerts) {
            auto deliveries = outbox.forAlert(alert.id);
            if (!deliveries)
                return context.report(deliveries.error());
            QJsonObject object = AlertNotice{alert, {}, {}}.toJson();
            object.remove(QStringLiteral("key"));
            object.insert(QStringLiteral("id"), alert.id);
            object.insert(QStringLiteral("key_id"), alert.keyId);
            object.insert(QStringLiteral("state"), alert.state);
            object.insert(QStringLiteral("title"), alert.title);
            QJsonArray deliveryArray;
            for (const OutboxEntry &entry : *deliveries)
                deliveryArray.append(deliveryJson(entry));
            object.insert(QStringLiteral("deliveries"), deliveryArray);
            array.append(object);
        }
        context.out() << QJsonDocument(array).toJson(QJsonDocument::Indented) << Qt::flush;
        return kExitOk;
    }
    if (alerts->empty()) {
        context.out() << "No alerts yet." << Qt::endl;
        return kExitOk;
    }
    TablePrinter table({QStringLiteral("ID"), QStringLiteral("TIME"), QStringLiteral("KEY"),
                        QStringLiteral("EVENT"), QStringLiteral("DELIVERIES"), QStringLiteral("MESSAGE")});
    for (const Alert &alert : *alerts) {
        auto deliveries = outbox.forAlert(alert.id);
        if (!deliveries)
            return context.report(deliveries.error());
        table.addRow({QString::number(alert.id), alert.createdAt.toString(Qt::ISODate),
                      QString::number(alert.keyId), toString(alert.kind), deliverySummary(*deliveries),
                      alert.message});
    }
    table.print(context.out());
    return kExitOk;
}

} // namespace qw::cli
