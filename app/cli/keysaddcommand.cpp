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
    // "--option headers=-": the headers (which may hold a credential of their own) come on the
    // line after the secret, never on the command line. The rest is checked before reading.
    QStringList fromStdin;
    for (const QString &name : ApiKey::secretOptionNames()) {
        if (draft.options.removeAll(name + QStringLiteral("=-")) > 0)
            fromStdin << name;
    }
    auto key = KeyValidator(context.platforms()).validate(draft);
    if (!key)
        return context.report(key.error());

    QStringList prompts{QStringLiteral("Secret for “%1”").arg(draft.name.trimmed())};
    for (const QString &name : std::as_const(fromStdin))
        prompts << QStringLiteral("Value of %1").arg(name);
    Result<std::vector<SecureBytes>> values = std::vector<SecureBytes>();
    if (fromStdin.isEmpty()) {
        auto secret = context.readSecret(prompts.constFirst());
        if (!secret)
            return context.report(secret.error());
        values->push_back(std::move(*secret));
    } else {
        values = context.readSecrets(prompts);
        if (!values)
            return context.report(values.error());
    }
    if (!fromStdin.isEmpty()) {
        for (qsizetype i = 0; i < fromStdin.size(); ++i)
            draft.options << fromStdin[i] + u'=' + QString::fromUtf8((*values)[std::size_t(i) + 1].view());
        key = KeyValidator(context.platforms()).validate(draft);
        if (!key)
            return context.report(key.error());
    }

    std::vector<PendingKey> pending;
    pending.push_back(PendingKey{std::move(*key), std::move(values->front())});
    auto ids = store(context, pending);
    if (!ids)
        return context.report(ids.error());
    context.out() << ids->front() << Qt::endl;
    return kExitOk;
}

} // namespace qw::cli
