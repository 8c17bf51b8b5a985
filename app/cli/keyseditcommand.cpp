#include "app/cli/keyseditcommand.h"

#include "app/cli/clicontext.h"
#include "core/keys/keyvalidator.h"

namespace qw::cli {

KeysEditCommand::KeysEditCommand()
    : Command(QStringLiteral("keys edit"),
              QStringLiteral("Change a key. Only the options given change; --option replaces all options. "
                             "Moving the key to another platform or address needs --secret-stdin or "
                             "--rebind."))
{
    addPositional(QStringLiteral("ID"), QStringLiteral("The key's id (see “quotawatch keys list”)."));
    addOptions({m_name, m_threshold, m_interval});
    addOptions(m_definition.all());
    addOptions({m_secretStdin, m_rebind});
}

int KeysEditCommand::run(CliContext &context, const QCommandLineParser &parser)
{
    int exitCode = kExitOk;
    const auto id =
        parseId(context, parser.positionalArguments().constFirst(), QStringLiteral("key"), exitCode);
    if (!id)
        return exitCode;

    auto session = context.openSession();
    if (!session)
        return context.report(session.error());
    KeyService &keys = (*session)->keys();
    auto stored = keys.get(*id);
    if (!stored)
        return context.report(withKeysHint(stored.error()));

    KeyDraft draft = KeyValidator::draftOf(*stored);
    if (parser.isSet(m_name))
        draft.name = parser.value(m_name);
    if (parser.isSet(m_definition.platform)) {
        draft.platform = parser.value(m_definition.platform);
        // Options belong to a platform: moving the key to another one without new options drops them.
        if (draft.platform.trimmed() != stored->platform)
            draft.options.clear();
    }
    if (parser.isSet(m_definition.baseUrl))
        draft.baseUrl = parser.value(m_definition.baseUrl);
    if (parser.isSet(m_definition.option))
        draft.options = parser.values(m_definition.option);
    if (parser.isSet(m_threshold))
        draft.threshold = parser.value(m_threshold);
    if (parser.isSet(m_interval))
        draft.interval = parser.value(m_interval);
    auto key = KeyValidator(context.platforms()).validate(draft);
    if (!key)
        return context.report(key.error());
    key->id = stored->id;
    key->enabled = stored->enabled;
    key->createdAt = stored->createdAt;
    key->nextCheckAt = stored->nextCheckAt;

    std::optional<SecureBytes> secret;
    if (parser.isSet(m_secretStdin)) {
        auto read = context.readSecret(QStringLiteral("New secret for “%1”").arg(key->name));
        if (!read)
            return context.report(read.error());
        secret = std::move(*read);
    }
    auto updated = keys.update(*key, secret ? &*secret : nullptr, parser.isSet(m_rebind));
    if (!updated) {
        Error error = updated.error();
        if (error.code == ErrorCode::Conflict)
            error.message += QStringLiteral(" (pass the secret with --secret-stdin, or --rebind to send the "
                                            "stored one to the new destination)");
        return context.report(error);
    }
    context.out() << "Updated key " << *id << " (" << key->name << ")" << Qt::endl;
    return kExitOk;
}

} // namespace qw::cli
