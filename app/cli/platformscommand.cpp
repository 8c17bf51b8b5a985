#include "app/cli/platformscommand.h"

#include "app/cli/clicontext.h"
#include "app/cli/tableprinter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace qw::cli {

PlatformsCommand::PlatformsCommand()
    : Command(QStringLiteral("platforms"), QStringLiteral("List the platforms a key can belong to."))
{
    addOptions({m_json});
}

int PlatformsCommand::run(CliContext &context, const QCommandLineParser &parser)
{
    if (parser.isSet(m_json)) {
        QJsonArray array;
        for (const auto &adapter : context.platforms().all()) {
            QJsonArray kinds;
            for (ReadingKind kind : adapter->kinds())
                kinds.append(toString(kind));
            QJsonArray options;
            for (const OptionSpec &option : adapter->options()) {
                QJsonObject entry{{QStringLiteral("name"), option.name},
                                  {QStringLiteral("type"), option.typeName()},
                                  {QStringLiteral("required"), option.required},
                                  {QStringLiteral("default"), option.defaultValue.isEmpty()
                                                                  ? QJsonValue(QJsonValue::Null)
                                                                  : QJsonValue(option.defaultValue)},
                                  {QStringLiteral("help"), option.help}};
                if (!option.choices.isEmpty())
                    entry.insert(QStringLiteral("choices"), QJsonArray::fromStringList(option.choices));
                options.append(entry);
            }
            const QString base = adapter->defaultBaseUrl();
            array.append(QJsonObject{
                {QStringLiteral("id"), adapter->id()},
                {QStringLiteral("name"), adapter->name()},
                {QStringLiteral("default_base_url"),
                 base.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(base)},
                {QStringLiteral("kinds"), kinds},
                {QStringLiteral("options"), options},
                {QStringLiteral("help"), adapter->help()},
            });
        }
        context.out() << QJsonDocument(array).toJson(QJsonDocument::Indented);
        return kExitOk;
    }

    TablePrinter table({QStringLiteral("ID"), QStringLiteral("NAME"), QStringLiteral("DEFAULT BASE URL")});
    for (const auto &adapter : context.platforms().all()) {
        const QString base = adapter->defaultBaseUrl();
        table.addRow(
            {adapter->id(), adapter->name(), base.isEmpty() ? QStringLiteral("(set per key)") : base});
    }
    table.print(context.out());
    // Better said than guessed (PROVIDERS.md): these hand ordinary keys no balance at all.
    context.out() << "\nNo balance API for ordinary keys: OpenAI (sk-…; use openai-admin with an Admin key), "
                     "Anthropic (use anthropic-admin), Groq, Together, Fireworks, Mistral, Google Gemini."
                  << Qt::endl;
    return kExitOk;
}

} // namespace qw::cli
