#include "app/cli/keyslistcommand.h"

#include "app/cli/clicontext.h"
#include "app/cli/tableprinter.h"
#include "core/keys/keyvalidator.h"
#include "core/storage/apikeyrepository.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace qw::cli {

KeysListCommand::KeysListCommand()
    : Command(QStringLiteral("keys list"), QStringLiteral("List the watched keys (secrets are never shown)."))
{
    addOptions({m_json});
}

int KeysListCommand::run(CliContext &context, const QCommandLineParser &parser)
{
    auto db = context.openDatabase();
    if (!db)
        return context.report(db.error());
    auto keys = ApiKeyRepository(**db).list();
    if (!keys)
        return context.report(keys.error());

    if (parser.isSet(m_json)) {
        QJsonArray array;
        for (const ApiKey &key : *keys) {
            array.append(QJsonObject{
                {QStringLiteral("id"), key.id},
                {QStringLiteral("name"), key.name},
                {QStringLiteral("platform"), key.platform},
                {QStringLiteral("base_url"),
                 key.baseUrl.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(key.baseUrl)},
                {QStringLiteral("hint"), key.secretHint},
                {QStringLiteral("threshold"),
                 key.threshold ? QJsonValue(key.threshold->toDouble()) : QJsonValue(QJsonValue::Null)},
                {QStringLiteral("threshold_percent"), key.thresholdIsPercent},
                {QStringLiteral("tags"), QJsonArray::fromStringList(key.tags)},
                {QStringLiteral("interval_s"), key.intervalS},
                {QStringLiteral("enabled"), key.enabled},
                {QStringLiteral("created_at"), key.createdAt.toString(Qt::ISODate)},
            });
        }
        context.out() << QJsonDocument(array).toJson(QJsonDocument::Indented);
        return kExitOk;
    }

    if (keys->empty()) {
        context.out() << "No keys yet. Add one with: quotawatch keys add --name NAME --platform ID"
                      << Qt::endl;
        return kExitOk;
    }
    TablePrinter table({QStringLiteral("ID"), QStringLiteral("NAME"), QStringLiteral("PLATFORM"),
                        QStringLiteral("KEY"), QStringLiteral("THRESHOLD"), QStringLiteral("EVERY"),
                        QStringLiteral("ENABLED")});
    for (const ApiKey &key : *keys) {
        table.addRow({QString::number(key.id), key.name, key.platform, key.secretHint,
                      key.threshold ? key.threshold->toString() +
                                          (key.thresholdIsPercent ? QStringLiteral("%") : QString())
                                    : QStringLiteral("-"),
                      KeyValidator::formatInterval(key.intervalS),
                      key.enabled ? QStringLiteral("yes") : QStringLiteral("no")});
    }
    table.print(context.out());
    return kExitOk;
}

} // namespace qw::cli
