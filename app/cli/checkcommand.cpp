#include "app/cli/checkcommand.h"

#include "app/cli/clicontext.h"
#include "app/cli/readingtext.h"
#include "app/cli/tableprinter.h"
#include "core/json/modeljson.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <map>

namespace qw::cli {

namespace {

// A one-off check has no process that stays to retry, so it tries each new alert once, for a
// bounded time; what fails stays in the outbox for `serve` or the desktop app to retry.
constexpr int kDeliveryWaitMs = 20'000;

// The status a check shows when its result is not in the database: whatever the provider said,
// nothing was recorded, and the history will not have it.
const QString kNotStored = QStringLiteral("not_stored");

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
    ConfigurationFlags flags;
    m_limits.readInto(parser, flags);
    const Configuration configuration = context.configuration(flags);
    if (auto limits = configuration.limits(); !limits)
        return context.usageError(name(), limits.error().message);
    std::vector<qint64> ids;
    for (const QString &text : parser.positionalArguments()) {
        int exitCode = kExitOk;
        const auto id = parseId(context, text, QStringLiteral("key"), exitCode);
        if (!id)
            return exitCode;
        ids.push_back(*id);
    }

    auto opened = context.openSession(configuration);
    if (!opened)
        return context.report(opened.error());
    Session &session = **opened;
    auto chosen = session.keysToCheck(ids);
    if (!chosen)
        return context.report(withKeysHint(chosen.error()));
    if (chosen->empty()) {
        context.err() << "quotawatch: no enabled keys to check" << Qt::endl;
        if (parser.isSet(m_json))
            context.out() << "[]" << Qt::endl;
        return kExitOk;
    }
    std::map<qint64, ApiKey> keys;
    std::vector<qint64> toCheck;
    for (ApiKey &key : *chosen) {
        toCheck.push_back(key.id);
        keys.emplace(key.id, std::move(key));
    }

    AlertEngine &alerts = session.engine().alerts();
    bool deliveriesQueued = false;
    QObject::connect(&alerts, &AlertEngine::deliveriesQueued, &alerts, [&] { deliveriesQueued = true; });
    std::vector<CheckBatch::Result> results;
    QEventLoop loop;
    session.checkNow(toCheck, [&](std::vector<CheckBatch::Result> done) {
        results = std::move(done);
        loop.quit();
    });
    loop.exec();
    if (deliveriesQueued) {
        const int failed = session.deliverQueuedAlertsOnce(kDeliveryWaitMs);
        if (failed > 0)
            context.err() << "quotawatch: " << failed << (failed == 1 ? " alert" : " alerts")
                          << " could not be delivered yet (see “quotawatch alerts”); “quotawatch serve” or "
                             "the desktop app will retry"
                          << Qt::endl;
    }

    bool allOk = true;
    int notStored = 0;
    QString whyNotStored;
    for (const CheckBatch::Result &result : results) {
        allOk = allOk && result.snapshot.status == CheckStatus::Ok;
        if (!result.stored && ++notStored == 1)
            whyNotStored = result.snapshot.error;
    }

    if (parser.isSet(m_json)) {
        QJsonArray array;
        for (const CheckBatch::Result &result : results) {
            QJsonObject check = ModelJson::check(result.snapshot);
            if (!result.stored)
                check.insert(QStringLiteral("status"), kNotStored);
            array.append(check);
        }
        context.out() << QJsonDocument(array).toJson(QJsonDocument::Indented);
    } else {
        TablePrinter table({QStringLiteral("ID"), QStringLiteral("NAME"), QStringLiteral("PLATFORM"),
                            QStringLiteral("STATUS"), QStringLiteral("REMAINING"),
                            QStringLiteral("DETAILS")});
        for (const CheckBatch::Result &result : results) {
            const Snapshot &snapshot = result.snapshot;
            const ApiKey &key = keys[snapshot.keyId];
            QString details = snapshot.error;
            if (details.isEmpty() && snapshot.balances.size() > 1)
                details = balancesText(snapshot);
            if (details.isEmpty() && snapshot.used)
                details = QStringLiteral("used ") + amountText(snapshot.used, snapshot.unit);
            // The check worked, and what it found is an empty account (HTTP 402): said so.
            const QString status = !result.stored           ? kNotStored
                                   : snapshot.outOfCredit() ? QStringLiteral("out of credit")
                                                            : toString(snapshot.status);
            table.addRow({QString::number(snapshot.keyId), key.name, key.platform, status,
                          amountText(snapshot.remaining, snapshot.unit), details});
            for (const QString &line : detailLines(snapshot))
                table.addNote(line);
        }
        table.print(context.out());
    }
    if (notStored > 0) {
        // Not the provider's failure: the database went away during the run. Nothing was
        // recorded for these keys, so the exit code is the database's, not a failed check's.
        context.err() << "quotawatch: " << notStored << (notStored == 1 ? " result" : " results")
                      << " could not be stored (" << whyNotStored
                      << "); check that the database is reachable and writable, then run the check again"
                      << Qt::endl;
        return kExitDatabase;
    }
    return allOk ? kExitOk : kExitCheckFailed;
}

} // namespace qw::cli
