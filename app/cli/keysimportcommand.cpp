#include "app/cli/keysimportcommand.h"

#include "app/cli/clicontext.h"
#include "app/cli/keysaddcommand.h"
#include "core/crypto/securewipe.h"
#include "core/keys/keyimporter.h"
#include "core/keys/keyvalidator.h"

#include <QFile>

namespace qw::cli {

KeysImportCommand::KeysImportCommand()
    : Command(
          QStringLiteral("keys import"),
          QStringLiteral("Add keys from a CSV file with a header row: name,platform,secret and optionally "
                         "base_url,threshold,interval,options (k=v;k=v). Every row is checked first; if "
                         "one is wrong, nothing is imported."))
{
    addPositional(QStringLiteral("FILE"), QStringLiteral("The CSV file."));
}

int KeysImportCommand::run(CliContext &context, const QCommandLineParser &parser)
{
    const QString path = parser.positionalArguments().constFirst();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return context.report(
            Error{ErrorCode::Io, QStringLiteral("cannot read %1: %2").arg(path, file.errorString())});
    QByteArray content = file.readAll();
    auto pending = KeyImporter(KeyValidator(context.platforms())).parse(content);
    secureWipe(content);
    if (!pending) {
        return context.report(
            Error{pending.error().code,
                  QStringLiteral("%1: %2; nothing was imported").arg(path, pending.error().message)});
    }

    auto ids = KeysAddCommand::store(context, *pending);
    if (!ids)
        return context.report(ids.error());
    context.out() << "Imported " << ids->size() << (ids->size() == 1 ? " key" : " keys") << " from " << path
                  << Qt::endl;
    return kExitOk;
}

} // namespace qw::cli
