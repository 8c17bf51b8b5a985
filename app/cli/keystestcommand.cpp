#include "app/cli/keystestcommand.h"

#include "app/cli/clicontext.h"
#include "app/cli/readingtext.h"
#include "core/json/modeljson.h"
#include "core/keys/keyvalidator.h"
#include "core/poll/keytester.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace qw::cli {

KeysTestCommand::KeysTestCommand()
    : Command(QStringLiteral("keys test"),
              QStringLiteral("Check a key once without saving it. The secret is read from "
                             "standard input. Exit code 0 when the check is ok, 1 otherwise."))
{
    addOptions(m_definition.all());
    addOptions({m_json});
}

int KeysTestCommand::run(CliContext &context, const QCommandLineParser &parser)
{
    if (!parser.isSet(m_definition.platform))
        return context.usageError(name(), QStringLiteral("--platform is required"));

    KeyDraft draft;
    draft.name = QStringLiteral("test");
    m_definition.readInto(parser, draft);
    auto key = KeyValidator(context.platforms()).validate(draft);
    if (!key)
        return context.report(key.error());
    auto secret = context.readSecret(QStringLiteral("Secret to test"));
    if (!secret)
        return context.report(secret.error());

    const Snapshot snapshot = KeyTester::testOnce(context.platforms(), std::move(*key), std::move(*secret));
    if (parser.isSet(m_json)) {
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
            for (const QString &line : detailLines(snapshot))
                out << "  " << line << '\n';
        } else {
            out << "error:     " << snapshot.error << '\n';
        }
        out << "latency:   " << snapshot.latencyMs << " ms" << Qt::endl;
    }
    return snapshot.status == CheckStatus::Ok ? kExitOk : kExitCheckFailed;
}

} // namespace qw::cli
