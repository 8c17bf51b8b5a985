#include "app/cli/keysaddcommand.h"

#include "app/cli/clicontext.h"
#include "core/keys/keyvalidator.h"

namespace qw::cli {

KeysAddCommand::KeysAddCommand()
    : Command(QStringLiteral("keys add"),
              QStringLiteral("Add a key to watch. The secret is read from standard input."))
{
    addOptions({m_name, m_threshold, m_interval, m_tag});
    addOptions(m_definition.all());
}

Result<std::vector<qint64>> KeysAddCommand::store(CliContext &context, const std::vector<PendingKey> &pending)
{
    auto session = context.openSession();
    if (!session)
        return tl::unexpected(session.error());
    return (*session)->keys().addAll(pending);
}

int KeysAddCommand::run(CliContext &context, const QCommandLineParser &parser)
{
    for (const auto &required : {m_name, m_definition.platform}) {
        if (!parser.isSet(required))
            return context.usageError(name(),
                                      QStringLiteral("--%1 is required").arg(required.names().constFirst()));
    }

    KeyDraft draft;
    draft.name = parser.value(m_name);
    draft.threshold = parser.value(m_threshold);
    draft.tags = parser.values(m_tag);
    draft.interval = parser.value(m_interval);
    m_definition.readInto(parser, draft);
    auto key = KeyValidator(context.platforms()).validate(draft);
    if (!key)
        return context.report(key.error());

    auto secret = context.readSecret(QStringLiteral("Secret for “%1”").arg(key->name));
    if (!secret)
        return context.report(secret.error());

    std::vector<PendingKey> pending;
    pending.push_back(PendingKey{std::move(*key), std::move(*secret)});
    auto ids = store(context, pending);
    if (!ids)
        return context.report(ids.error());
    context.out() << ids->front() << Qt::endl;
    return kExitOk;
}

} // namespace qw::cli
