#include "app/cli/tokenlistcommand.h"

#include "app/cli/accountlookup.h"
#include "app/cli/clicontext.h"
#include "app/cli/tableprinter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace qw::cli {

namespace {

QJsonValue timeJson(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null);
}

} // namespace

TokenListCommand::TokenListCommand()
    : Command(QStringLiteral("token list"),
              QStringLiteral("List an account's access tokens with their last use (never the tokens)."))
{
    addOptions({m_user, m_json});
}

int TokenListCommand::run(CliContext &context, const QCommandLineParser &parser)
{
    auto session = context.openLockedSession();
    if (!session)
        return context.report(session.error());
    auto user = AccountLookup::find(**session, parser.value(m_user));
    if (!user)
        return context.report(user.error());
    auto tokens = (*session)->accounts().listTokens(user->id);
    if (!tokens)
        return context.report(tokens.error());

    if (parser.isSet(m_json)) {
        QJsonArray array;
        for (const AccessToken &token : *tokens)
            array.append(QJsonObject{
                {QStringLiteral("id"), token.id},
                {QStringLiteral("name"), token.name},
                {QStringLiteral("created_at"), timeJson(token.createdAt)},
                {QStringLiteral("last_used_at"), timeJson(token.lastUsedAt)},
                {QStringLiteral("revoked"), token.revoked},
            });
        context.out() << QJsonDocument(array).toJson(QJsonDocument::Indented) << Qt::flush;
        return kExitOk;
    }
    if (tokens->empty()) {
        context.out() << user->username
                      << " has no access tokens. Make one with “quotawatch token create NAME”." << Qt::endl;
        return kExitOk;
    }
    TablePrinter table({QStringLiteral("ID"), QStringLiteral("NAME"), QStringLiteral("CREATED"),
                        QStringLiteral("LAST USED"), QStringLiteral("REVOKED")});
    for (const AccessToken &token : *tokens)
        table.addRow({QString::number(token.id), token.name, token.createdAt.toUTC().toString(Qt::ISODate),
                      token.lastUsedAt.isValid() ? token.lastUsedAt.toUTC().toString(Qt::ISODate)
                                                 : QStringLiteral("never"),
                      token.revoked ? QStringLiteral("yes") : QStringLiteral("no")});
    table.print(context.out());
    return kExitOk;
}

} // namespace qw::cli
