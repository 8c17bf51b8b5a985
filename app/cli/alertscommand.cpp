#include "app/cli/alertscommand.h"

#include "app/cli/clicontext.h"
#include "app/cli/tableprinter.h"
#include "core/alerts/alertnotice.h"
#include "core/alerts/alertsettings.h"
#include "core/keys/keyvalidator.h"
#include "core/storage/alertrepository.h"
#include "core/storage/outboxrepository.h"
#include "core/storage/settingsrepository.h"

#include <QJsonArray>
#include <QJsonDocument>

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

namespace {

// `alerts settings [--failing-after D] [--forecast-days N] [--spike-factor X]`: shows the alert
// rules' settings (shared by every client of the database), and changes those given.
int alertSettings(CliContext &context, const QStringList &args)
{
    const QString command = QStringLiteral("alerts settings");
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Show the alert settings, or change the ones given."));
    const QCommandLineOption failingAfter(
        QStringLiteral("failing-after"),
        QStringLiteral("key_failing after errors for this long (e.g. 30m, 2h; "
                       "default 1h)."),
        QStringLiteral("duration"));
    const QCommandLineOption forecastDays(
        QStringLiteral("forecast-days"),
        QStringLiteral("forecast_empty when a key runs dry within this many days "
                       "(default 3)."),
        QStringLiteral("days"));
    const QCommandLineOption spikeFactor(
        QStringLiteral("spike-factor"),
        QStringLiteral("spend_spike when the last hour's spending is this many "
                       "times the usual rate (default 5)."),
        QStringLiteral("factor"));
    parser.addOptions({failingAfter, forecastDays, spikeFactor});
    int exitCode = kExitOk;
    if (!context.parse(parser, command, args, 0, 0, exitCode))
        return exitCode;

    auto db = context.openDatabase();
    if (!db)
        return context.report(db.error());
    SettingsRepository repository(**db);
    auto settings = AlertSettings::load(repository);
    if (!settings)
        return context.report(settings.error());
    if (parser.isSet(failingAfter)) {
        auto seconds = KeyValidator::parseInterval(parser.value(failingAfter));
        if (!seconds || *seconds < 60)
            return context.usageError(command,
                                      QStringLiteral("--failing-after “%1” must be a duration from 1m to 24h")
                                          .arg(parser.value(failingAfter)));
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
    if (parser.isSet(forecastDays) && !number(forecastDays, 0, 365, settings->forecastDays))
        return context.usageError(command,
                                  QStringLiteral("--forecast-days “%1” must be a number from 0 to 365")
                                      .arg(parser.value(forecastDays)));
    if (parser.isSet(spikeFactor) && !number(spikeFactor, 1.5, 1000, settings->spikeFactor))
        return context.usageError(command,
                                  QStringLiteral("--spike-factor “%1” must be a number from 1.5 to 1000")
                                      .arg(parser.value(spikeFactor)));
    if (parser.isSet(failingAfter) || parser.isSet(forecastDays) || parser.isSet(spikeFactor)) {
        if (auto saved = settings->save(repository); !saved)
            return context.report(saved.error());
    }
    context.out() << "failing-after  " << settings->failingAfterS << " s\n"
                  << "forecast-days  " << settings->forecastDays << "\n"
                  << "spike-factor   " << settings->spikeFactor << Qt::endl;
    return kExitOk;
}

} // namespace

int runAlertsCommand(CliContext &context, const QStringList &args)
{
    if (args.value(0) == QLatin1String("settings"))
        return alertSettings(context, args.mid(1));
    const QString command = QStringLiteral("alerts");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("The alerts raised, newest first, and their deliveries."));
    const QCommandLineOption key(QStringLiteral("key"), QStringLiteral("Only this key's alerts."),
                                 QStringLiteral("id"));
    const QCommandLineOption limit(QStringLiteral("limit"), QStringLiteral("At most this many (default 50)."),
                                   QStringLiteral("n"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON."));
    parser.addOptions({key, limit, json});
    int exitCode = kExitOk;
    if (!context.parse(parser, command, args, 0, 0, exitCode))
        return exitCode;
    qint64 keyId = 0;
    if (parser.isSet(key)) {
        bool ok = false;
        keyId = parser.value(key).toLongLong(&ok);
        if (!ok || keyId <= 0)
            return context.usageError(command, QStringLiteral("“%1” is not a key id").arg(parser.value(key)));
    }
    int count = 50;
    if (parser.isSet(limit)) {
        bool ok = false;
        count = parser.value(limit).toInt(&ok);
        if (!ok || count < 1 || count > 100'000)
            return context.usageError(
                command,
                QStringLiteral("--limit “%1” is not a number from 1 to 100000").arg(parser.value(limit)));
    }

    auto db = context.openDatabase();
    if (!db)
        return context.report(db.error());
    auto alerts = AlertRepository(**db).recent(keyId, count);
    if (!alerts)
        return context.report(alerts.error());
    OutboxRepository outbox(**db);

    if (parser.isSet(json)) {
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
