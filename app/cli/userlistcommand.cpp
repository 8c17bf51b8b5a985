#include "app/cli/userlistcommand.h"

#include "app/cli/clicontext.h"
#include "app/cli/tableprinter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace qw::cli {

UserListCommand::UserListCommand()
    : Command(QStringLiteral("user list"), QStringLiteral("List the accounts (never a password)."))
{
    addOptions({m_json});
}

int UserListCommand::run(CliContext &context, const QCommandLineParser &parser)
{
    auto session = context.openLockedSession();
    if (!session)
        return context.report(session.error());
    // The owner is listed even before anything else made it, as it exists for every other command.
    if (auto owner = (*session)->accounts().owner(); !owner)
        return context.report(owner.error());
    auto users = (*session)->accounts().list();
    if (!users)
        return context.report(users.error());

    if (parser.isSet(m_json)) {
        QJsonArray array;
        for (const User &user : *users)
            array.append(QJsonObject{
                {QStringLiteral("id"), user.id},
                {QStringLiteral("username"), user.username},
                {QStringLiteral("is_admin"), user.isAdmin},
                {QStringLiteral("has_password"), !user.passwordHash.isEmpty()},
                {QStringLiteral("created_at"), user.createdAt.toUTC().toString(Qt::ISODate)},
            });
        context.out() << QJsonDocument(array).toJson(QJsonDocument::Indented) << Qt::flush;
        return kExitOk;
    }
    TablePrinter table({QStringLiteral("ID"), QStringLiteral("NAME"), QStringLiteral("ADMIN"),
                        QStringLiteral("PASSWORD"), QStringLiteral("CREATED")});
    for (const User &user : *users)
        table.addRow({QString::number(user.id), user.username,
                      user.isAdmin ? QStringLiteral("yes") : QStringLiteral("no"),
                      user.passwordHash.isEmpty() ? QStringLiteral("not set") : QStringLiteral("set"),
                      user.createdAt.toUTC().toString(Qt::ISODate)});
    table.print(context.out());
    return kExitOk;
}

} // namespace qw::cli
