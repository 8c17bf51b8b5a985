#include "app/cli/keyscommand.h"

#include "app/cli/checkcommand.h"
#include "app/cli/clicontext.h"
#include "app/cli/keydefinitionoptions.h"
#include "app/cli/tableprinter.h"
#include "core/keys/keyimporter.h"
#include "core/keys/keyservice.h"
#include "core/keys/keyvalidator.h"
#include "core/storage/apikeyrepository.h"
#include "core/storage/userrepository.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <openssl/crypto.h>

namespace qw::cli {

namespace {

// Stores `pending` through KeyService in the unlocked database.
Result<std::vector<qint64>> storeKeys(CliContext &context, const std::vector<PendingKey> &pending)
{
    auto unlocked = context.openUnlocked();
    if (!unlocked)
        return tl::unexpected(unlocked.error());
    auto owner = UserRepository(*unlocked->db).ensureOwner();
    if (!owner)
        return tl::unexpected(owner.error());
    KeyService service(*unlocked->db, &unlocked->vault, *owner);
    return service.addAll(pending);
}

int addKey(CliContext &context, const QStringList &args)
{
    const QString command = QStringLiteral("keys add");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Add a key to watch. The secret is read from standard input."));
    const QCommandLineOption name(QStringLiteral("name"), QStringLiteral("A name to recognise the key by."),
                                  QStringLiteral("name"));
    const KeyDefinitionOptions definition;
    const QCommandLineOption threshold(
        QStringLiteral("threshold"),
        QStringLiteral("Warn when the remaining amount falls below this (5, 12.50, or 20% of the limit)."),
        QStringLiteral("amount"));
    const QCommandLineOption interval(QStringLiteral("interval"),
                                      QStringLiteral("How often to check: 90s, 30m, 1h (default 30m)."),
                                      QStringLiteral("duration"));
    const QCommandLineOption tag(QStringLiteral("tag"),
                                 QStringLiteral("A label to group keys by (repeatable)."),
                                 QStringLiteral("tag"));
    parser.addOptions({name, threshold, interval, tag});
    parser.addOptions(definition.all());
    int exitCode = kExitOk;
    if (!context.parse(parser, command, args, 0, 0, exitCode))
        return exitCode;
    for (const auto &required : {name, definition.platform}) {
        if (!parser.isSet(required))
            return context.usageError(command,
                                      QStringLiteral("--%1 is required").arg(required.names().constFirst()));
    }

    KeyDraft draft;
    draft.name = parser.value(name);
    draft.threshold = parser.value(threshold);
    draft.tags = parser.values(tag);
    draft.interval = parser.value(interval);
    definition.readInto(parser, draft);
    auto key = KeyValidator(context.platforms()).validate(draft);
    if (!key)
        return context.report(key.error());

    auto secret = context.readSecret(QStringLiteral("Secret for “%1”").arg(key->name));
    if (!secret)
        return context.report(secret.error());

    std::vector<PendingKey> pending;
    pending.push_back(PendingKey{std::move(*key), std::move(*secret)});
    auto ids = storeKeys(context, pending);
    if (!ids)
        return context.report(ids.error());
    context.out() << ids->front() << Qt::endl;
    return kExitOk;
}

int listKeys(CliContext &context, const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("List the watched keys (secrets are never shown)."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON instead of a table."));
    parser.addOption(json);
    int exitCode = kExitOk;
    if (!context.parse(parser, QStringLiteral("keys list"), args, 0, 0, exitCode))
        return exitCode;

    auto db = context.openDatabase();
    if (!db)
        return context.report(db.error());
    auto keys = ApiKeyRepository(**db).list();
    if (!keys)
        return context.report(keys.error());

    if (parser.isSet(json)) {
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

int removeKey(CliContext &context, const QStringList &args)
{
    const QString command = QStringLiteral("keys remove");
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Stop watching a key and delete its history."));
    parser.addPositionalArgument(QStringLiteral("ID"),
                                 QStringLiteral("The key's id (see “quotawatch keys list”)."));
    int exitCode = kExitOk;
    if (!context.parse(parser, command, args, 1, 1, exitCode))
        return exitCode;
    bool ok = false;
    const QString idText = parser.positionalArguments().constFirst();
    const qint64 id = idText.toLongLong(&ok);
    if (!ok || id <= 0)
        return context.usageError(command, QStringLiteral("“%1” is not a key id").arg(idText));

    auto db = context.openDatabase();
    if (!db)
        return context.report(db.error());
    ApiKeyRepository keys(**db);
    auto existing = keys.find(id);
    if (!existing)
        return context.report(existing.error());
    if (!*existing)
        return context.report(Error{ErrorCode::NotFound,
                                    QStringLiteral("no key with id %1; see “quotawatch keys list”").arg(id)});
    auto removed = keys.remove(id);
    if (!removed)
        return context.report(removed.error());
    context.out() << "Removed key " << id << " (" << (*existing)->name << ")" << Qt::endl;
    return kExitOk;
}

int importKeys(CliContext &context, const QStringList &args)
{
    const QString command = QStringLiteral("keys import");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Add keys from a CSV file with a header row: name,platform,secret and optionally "
                       "base_url,threshold,interval,options (k=v;k=v). Every row is checked first; if one is "
                       "wrong, nothing is imported."));
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("The CSV file."));
    int exitCode = kExitOk;
    if (!context.parse(parser, command, args, 1, 1, exitCode))
        return exitCode;

    const QString path = parser.positionalArguments().constFirst();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return context.report(
            Error{ErrorCode::Io, QStringLiteral("cannot read %1: %2").arg(path, file.errorString())});
    QByteArray content = file.readAll();
    auto pending = KeyImporter(KeyValidator(context.platforms())).parse(content);
    OPENSSL_cleanse(content.data(), std::size_t(content.size()));
    if (!pending) {
        return context.report(
            Error{pending.error().code,
                  QStringLiteral("%1: %2; nothing was imported").arg(path, pending.error().message)});
    }

    auto ids = storeKeys(context, *pending);
    if (!ids)
        return context.report(ids.error());
    context.out() << "Imported " << ids->size() << (ids->size() == 1 ? " key" : " keys") << " from " << path
                  << Qt::endl;
    return kExitOk;
}

} // namespace

int runKeysCommand(CliContext &context, const QStringList &args)
{
    const QString action = args.value(0);
    const QStringList rest = args.mid(1);
    if (action == QLatin1String("add"))
        return addKey(context, rest);
    if (action == QLatin1String("list"))
        return listKeys(context, rest);
    if (action == QLatin1String("remove"))
        return removeKey(context, rest);
    if (action == QLatin1String("import"))
        return importKeys(context, rest);
    if (action == QLatin1String("test"))
        return runKeyTestCommand(context, rest);
    if (action == QLatin1String("--help") || action == QLatin1String("-h") || action.isEmpty()) {
        (action.isEmpty() ? context.err() : context.out())
            << "Usage: quotawatch keys add|list|remove|import|test ...\n"
               "  keys add --name N --platform P [--base-url URL] [--threshold X] [--interval 30m] [--tag "
               "T]... "
               "[--option k=v]...\n"
               "  keys list [--json]\n"
               "  keys remove ID\n"
               "  keys import FILE.csv\n"
               "  keys test --platform P [--base-url URL] [--option k=v]...\n"
            << Qt::flush;
        return action.isEmpty() ? kExitUsage : kExitOk;
    }
    return context.usageError(QStringLiteral("keys"), QStringLiteral("unknown action “%1”").arg(action));
}

} // namespace qw::cli
