#include "app/cli/checkcommand.h"

#include "app/cli/clicontext.h"
#include "app/cli/readingtext.h"
#include "app/cli/tableprinter.h"
#include "core/json/modeljson.h"
#include "core/alerts/alertengine.h"
#include "core/alerts/notificationsender.h"
#include "core/alerts/outboxdispatcher.h"
#include "core/clock.h"
#include "core/crypto/vault.h"
#include "core/poll/checkrunner.h"
#include "core/poll/checkservice.h"
#include "core/poll/httpclient.h"
#include "core/storage/apikeyrepository.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <map>

namespace qw::cli {

namespace {

// A one-off check has no process that stays to retry, so it tries each new alert once, for a
// bounded time; what fails stays in the outbox for `serve` or the desktop app to retry.
constexpr int kDeliveryWaitMs = 20'000;

void deliverAlerts(CliContext &context, Database &db, const Vault &vault, HttpClient &http,
                   const Clock &clock)
{
    NotificationSender sender(vault, http);
    OutboxDispatcher dispatcher(db, sender, clock);
    int failed = 0;
    QObject::connect(&dispatcher, &OutboxDispatcher::attemptFailed, &dispatcher,
                     [&failed](qint64, const QString &, bool) { ++failed; });
    QEventLoop loop;
    QObject::connect(&dispatcher, &OutboxDispatcher::idle, &loop, &QEventLoop::quit);
    QTimer::singleShot(kDeliveryWaitMs, &loop, &QEventLoop::quit);
    dispatcher.start();
    if (dispatcher.inFlight() > 0)
        loop.exec();
    dispatcher.stop();
    if (failed > 0)
        context.err() << "quotawatch: " << failed << (failed == 1 ? " alert" : " alerts")
                      << " could not be delivered yet (see “quotawatch alerts”); “quotawatch serve” or the "
                         "desktop app will retry"
                      << Qt::endl;
}

} // namespace

CheckCommand::CheckCommand()
    : Command(QStringLiteral("check"),
              QStringLiteral("Check keys now and store the results. Without ids, every "
                             "enabled key. Exit code 0 when every check is ok, 1 otherwise."))
{
    addPositional(QStringLiteral("ID"), QStringLiteral("Key ids (see “quotawatch keys list”)."),
                  QStringLiteral("[ID...]"));
    setPositionalRange(0, -1);
    addOptions({m_json, m_limits.concurrency, m_limits.perHost});
}

int CheckCommand::run(CliContext &context, const QCommandLineParser &parser)
{
    HttpClientLimits limits;
    if (auto problem = m_limits.read(parser, limits))
        return context.usageError(name(), *problem);
    std::vector<qint64> ids;
    for (const QString &text : parser.positionalArguments()) {
        int exitCode = kExitOk;
        const auto id = parseId(context, text, QStringLiteral("key"), exitCode);
        if (!id)
            return exitCode;
        ids.push_back(*id);
    }

    auto unlocked = context.openUnlocked();
    if (!unlocked)
        return context.report(unlocked.error());
    Database &db = *unlocked->db;
    const Vault &vault = unlocked->vault;

    auto stored = ApiKeyRepository(db).list();
    if (!stored)
        return context.report(stored.error());
    std::map<qint64, ApiKey> keys;
    for (ApiKey &key : *stored)
        keys.emplace(key.id, std::move(key));
    std::vector<qint64> toCheck;
    if (ids.empty()) {
        for (const auto &[id, key] : keys) {
            if (key.enabled)
                toCheck.push_back(id);
        }
        if (toCheck.empty()) {
            context.err() << "quotawatch: no enabled keys to check" << Qt::endl;
            if (parser.isSet(m_json))
                context.out() << "[]" << Qt::endl;
            return kExitOk;
        }
    } else {
        for (qint64 id : ids) {
            if (!keys.contains(id))
                return context.report(noSuchKey(id));
        }
        toCheck = ids;
    }

    SystemClock clock;
    HttpClient http(limits);
    CheckRunner runner(context.platforms(), http, clock);
    CheckService service(db, vault, runner);
    AlertEngine alerts(db);
    if (auto loaded = alerts.reloadSettings(); !loaded)
        return context.report(loaded.error());
    service.setAlertEngine(&alerts);
    bool deliveriesQueued = false;
    QObject::connect(&alerts, &AlertEngine::deliveriesQueued, &alerts, [&] { deliveriesQueued = true; });
    std::map<qint64, Snapshot> results;
    QEventLoop loop;
    QObject::connect(&service, &CheckService::checkFinished, &loop,
                     [&](qint64 keyId, const Snapshot &snapshot, bool) {
                         results[keyId] = snapshot;
                         if (service.inFlight() == 0)
                             loop.quit();
                     });
    for (qint64 id : toCheck)
        service.check(id);
    loop.exec();
    if (deliveriesQueued)
        deliverAlerts(context, db, vault, http, clock);

    bool allOk = true;
    for (const auto &[id, snapshot] : results)
        allOk = allOk && snapshot.status == CheckStatus::Ok;

    if (parser.isSet(m_json)) {
        QJsonArray array;
        for (qint64 id : toCheck)
            array.append(ModelJson::check(results[id]));
        context.out() << QJsonDocument(array).toJson(QJsonDocument::Indented);
    } else {
        TablePrinter table({QStringLiteral("ID"), QStringLiteral("NAME"), QStringLiteral("PLATFORM"),
                            QStringLiteral("STATUS"), QStringLiteral("REMAINING"),
                            QStringLiteral("DETAILS")});
        for (qint64 id : toCheck) {
            const Snapshot &snapshot = results[id];
            const ApiKey &key = keys[id];
            QString details = snapshot.error;
            if (details.isEmpty() && snapshot.balances.size() > 1)
                details = balancesText(snapshot);
            if (details.isEmpty() && snapshot.used)
                details = QStringLiteral("used ") + amountText(snapshot.used, snapshot.unit);
            table.addRow({QString::number(id), key.name, key.platform, toString(snapshot.status),
                          amountText(snapshot.remaining, snapshot.unit), details});
        }
        table.print(context.out());
    }
    return allOk ? kExitOk : kExitCheckFailed;
}

} // namespace qw::cli
