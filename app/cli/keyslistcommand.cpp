#include "app/cli/keyslistcommand.h"

#include "app/cli/clicontext.h"
#include "app/cli/tableprinter.h"
#include "core/json/modeljson.h"
#include "core/keys/keyvalidator.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace qw::cli {

KeysListCommand::KeysListCommand()
    : Command(QStringLiteral("keys list"), QStringLiteral("List the watched keys (secrets are never shown)."))
{
    addOptions({m_json});
}

namespace {

QString statusText(const KeyWithLatest &entry)
{
    // A tampered destination is not one more failure: it needs the owner.
    if (entry.latest && entry.latest->status == CheckStatus::IntegrityError)
        return toString(CheckStatus::IntegrityError);
    // Empty, and why: the provider refuses the account's requests (HTTP 402), not a reading of 0.
    if (entry.health == KeyHealth::Empty && entry.latest && entry.latest->outOfCredit())
        return QStringLiteral("empty (out of credit)");
    return KeyHealthRules::toString(entry.health);
}

} // namespace

int KeysListCommand::run(CliContext &context, const QCommandLineParser &parser)
{
    auto session = context.openLockedSession();
    if (!session)
        return context.report(session.error());
    auto keys = (*session)->keys().listWithLatest();
    if (!keys)
        return context.report(keys.error());

    if (parser.isSet(m_json)) {
        QJsonArray array;
        for (const KeyWithLatest &key : *keys)
            array.append(ModelJson::key(key));
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
                        QStringLiteral("ENABLED"), QStringLiteral("STATUS")});
    for (const KeyWithLatest &entry : *keys) {
        const ApiKey &key = entry.key;
        table.addRow({QString::number(key.id), key.name, key.platform, key.secretHint,
                      key.threshold ? key.threshold->toString() +
                                          (key.thresholdIsPercent ? QStringLiteral("%") : QString())
                                    : QStringLiteral("-"),
                      KeyValidator::formatInterval(key.intervalS),
                      key.enabled ? QStringLiteral("yes") : QStringLiteral("no"), statusText(entry)});
    }
    table.print(context.out());
    return kExitOk;
}

} // namespace qw::cli
