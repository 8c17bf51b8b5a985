#include "app/cli/checkcommand.h"

#include "app/cli/clicontext.h"
#include "app/cli/keydefinitionoptions.h"
#include "app/cli/limitoptions.h"
#include "app/cli/tableprinter.h"
#include "core/alerts/alertengine.h"
#include "core/alerts/notificationsender.h"
#include "core/alerts/outboxdispatcher.h"
#include "core/clock.h"
#include "core/crypto/vault.h"
#include "core/json/modeljson.h"
#include "core/keys/keyvalidator.h"
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

QString amountText(const std::optional<Amount> &amount, const QString &unit)
{
    if (!amount)
        return QStringLiteral("-");
    return unit.isEmpty() ? amount->toString() : amount->toString() + u' ' + unit;
}

QString balancesText(const Snapshot &snapshot)
{
    QStringList parts;
    for (const Balance &balance : snapshot.balances)
        parts << balance.amount.toString() + u' ' + balance.unit;
    return parts.isEmpty() ? QStringLiteral("-") : parts.join(QStringLiteral(", "));
}

} // namespace

int runCheckCommand(CliContext &context, const QStringList &args)
{
    const QString command = QStringLiteral("check");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Check keys now and store the results. Without ids, every "
                       "enabled key. Exit code 0 when every check is ok, 1 otherwise."));
    parser.addPositionalArgument(QStringLiteral("ID"),
                                 QStringLiteral("Key ids (see “quotawatch keys list”)."),
                                 QStringLiteral("[ID...]"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON instead of a table."));
    const LimitOptions limitOptions;
    parser.addOptions({json, limitOptions.concurrency, limitOptions.perHost});
    int exitCode = kExitOk;
    if (!context.parse(parser, command, args, 0, -1, exitCode))
        return exitCode;
    HttpClientLimits limits;
    if (auto problem = limitOptions.read(parser, limits))
        return context.usageError(command, *problem);
    std::vector<qint64> ids;
    for (const QString &text : parser.positionalArguments()) {
        bool ok = false;
        const qint64 id = text.toLongLong(&ok);
        if (!ok || id <= 0)
            return context.usageError(command, QStringLiteral("“%1” is not a key id").arg(text));
        ids.push_back(id);
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
            if (parser.isSet(json))
                context.out() << "[]" << Qt::endl;
            return kExitOk;
        }
    } else {
        for (qint64 id : ids) {
            if (!keys.contains(id))
                return context.report(
                    Error{ErrorCode::NotFound,
                          QStringLiteral("no key with id %1; see “quotawatch keys list”").arg(id)});
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

    if (parser.isSet(json)) {
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

int runKeyTestCommand(CliContext &context, const QStringList &args)
{
    const QString command = QStringLiteral("keys test");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Check a key once without saving it. The secret is read from "
                       "standard input. Exit code 0 when the check is ok, 1 otherwise."));
    const KeyDefinitionOptions definition;
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON instead of text."));
    parser.addOptions(definition.all());
    parser.addOption(json);
    int exitCode = kExitOk;
    if (!context.parse(parser, command, args, 0, 0, exitCode))
        return exitCode;
    if (!parser.isSet(definition.platform))
        return context.usageError(command, QStringLiteral("--platform is required"));

    KeyDraft draft;
    draft.name = QStringLiteral("test");
    definition.readInto(parser, draft);
    auto key = KeyValidator(context.platforms()).validate(draft);
    if (!key)
        return context.report(key.error());
    auto secret = context.readSecret(QStringLiteral("Secret to test"));
    if (!secret)
        return context.report(secret.error());
    key->secretHint = Vault::hintFor(secret->view());

    SystemClock clock;
    HttpClient http;
    CheckRunner runner(context.platforms(), http, clock);
    std::optional<CheckRun> result;
    QEventLoop loop;
    runner.run(*key, std::make_shared<const SecureBytes>(std::move(*secret)), [&](CheckRun run) {
        result = std::move(run);
        loop.quit();
    });
    loop.exec();

    const Snapshot snapshot = CheckService::snapshotOf(0, *result);
    if (parser.isSet(json)) {
        QJsonObject object = ModelJson::check(snapshot);
        object.remove(QStringLiteral("key_id"));
        context.out() << QJsonDocument(object).toJson(QJsonDocument::Indented);
    } else {
        QTextStream &out = context.out();
        out << "status:    " << toString(snapshot.status) << '\n';
        if (snapshot.status == CheckStatus::Ok) {
            out << "kind:      " << (snapshot.kind ? toString(*snapshot.kind) : QStringLiteral("-")) << '\n'
                << "remaining: " << amountText(snapshot.remaining, snapshot.unit) << '\n'
                << "used:      " << amountText(snapshot.used, snapshot.unit) << '\n'
                << "limit:     " << amountText(snapshot.limit, snapshot.unit) << '\n'
                << "balances:  " << balancesText(snapshot) << '\n';
            if (snapshot.resetsAt.isValid())
                out << "resets at: " << snapshot.resetsAt.toString(Qt::ISODate) << '\n';
        } else {
            out << "error:     " << snapshot.error << '\n';
        }
        out << "latency:   " << snapshot.latencyMs << " ms" << Qt::endl;
    }
    return snapshot.status == CheckStatus::Ok ? kExitOk : kExitCheckFailed;
}

} // namespace qw::cli
