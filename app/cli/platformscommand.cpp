#include "app/cli/platformscommand.h"

#include "app/cli/clicontext.h"
#include "app/cli/tableprinter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace qw::cli {

int runPlatformsCommand(CliContext &context, const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("List the platforms a key can belong to."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON instead of a table."));
    parser.addOption(json);
    int exitCode = kExitOk;
    if (!context.parse(parser, QStringLiteral("platforms"), args, 0, 0, exitCode))
        return exitCode;

    if (parser.isSet(json)) {
        QJsonArray array;
        for (const PlatformInfo &info : context.platforms().all()) {
            array.append(QJsonObject{
                {QStringLiteral("id"), info.id},
                {QStringLiteral("name"), info.name},
                {QStringLiteral("default_base_url"), info.defaultBaseUrl.isEmpty()
                                                         ? QJsonValue(QJsonValue::Null)
                                                         : QJsonValue(info.defaultBaseUrl)},
            });
        }
        context.out() << QJsonDocument(array).toJson(QJsonDocument::Indented);
        return kExitOk;
    }

    TablePrinter table({QStringLiteral("ID"), QStringLiteral("NAME"), QStringLiteral("DEFAULT BASE URL")});
    for (const PlatformInfo &info : context.platforms().all())
        table.addRow({info.id, info.name,
                      info.defaultBaseUrl.isEmpty() ? QStringLiteral("(set per key)") : info.defaultBaseUrl});
    table.print(context.out());
    return kExitOk;
}

} // namespace qw::cli
