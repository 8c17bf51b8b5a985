#include "app/cli/platformscommand.h"

#include "app/cli/clicontext.h"
#include "app/cli/tableprinter.h"
#include "core/json/modeljson.h"

#include <QJsonDocument>

namespace qw::cli {

PlatformsCommand::PlatformsCommand()
    : Command(QStringLiteral("platforms"), QStringLiteral("List the platforms a key can belong to."))
{
    addOptions({m_json});
}

int PlatformsCommand::run(CliContext &context, const QCommandLineParser &parser)
{
    if (parser.isSet(m_json)) {
        context.out()
            << QJsonDocument(ModelJson::platforms(context.platforms())).toJson(QJsonDocument::Indented);
        return kExitOk;
    }

    TablePrinter table({QStringLiteral("ID"), QStringLiteral("NAME"), QStringLiteral("DEFAULT BASE URL")});
    for (const auto &adapter : context.platforms().all()) {
        if (!adapter->readable())
            continue;
        const QString base = adapter->defaultBaseUrl();
        table.addRow(
            {adapter->id(), adapter->name(), base.isEmpty() ? QStringLiteral("(set per key)") : base});
    }
    table.print(context.out());
    // Better said than guessed (PROVIDERS.md): these hand ordinary keys no balance at all, and
    // people look for them here.
    context.out() << "\nNo balance an API key can read (keys of these cannot be added):" << Qt::endl;
    for (const auto &adapter : context.platforms().all()) {
        if (!adapter->readable())
            context.out() << "  " << adapter->id() << " — " << adapter->name() << ": " << adapter->help()
                          << Qt::endl;
    }
    context.out() << "  OpenAI and Anthropic with an ordinary key: use openai-admin or anthropic-admin with "
                     "an Admin key."
                  << Qt::endl;
    return kExitOk;
}

} // namespace qw::cli
