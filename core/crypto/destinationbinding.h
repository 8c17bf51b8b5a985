// What ties a sealed secret to where it may be sent. A key's platform, base URL and options and a
// channel's kind and settings sit in the database in clear beside the secret; whoever can write
// the database could point them at their own server. Each row therefore carries an HMAC (under a
// key derived from the master key, see Vault::bindingOf) over an unambiguous encoding of
// everything that decides the destination, and the secret is used only when it verifies.
#pragma once

#include "core/model/apikey.h"
#include "core/model/channel.h"
#include "core/result.h"

#include <QByteArray>
#include <QString>

namespace qw {

class Vault;

class DestinationBinding final
{
public:
    // The settings marker of a database whose rows were all bound once (see BindingMigration).
    static constexpr const char *kVersionSetting = "destination_binding_version";
    static constexpr const char *kVersion = "1";

    // Length-prefixed fields: the user id, the platform, the stored base URL (empty: the
    // platform's default), every option (sorted by name), the secret's token itself, so a
    // token copied to another row does not verify there, and the sealed options' token.
    [[nodiscard]] static QByteArray canonical(const ApiKey &key);
    // The user id, the kind, the settings (every member, sorted by name) and the secrets' token.
    [[nodiscard]] static QByteArray canonical(const Channel &channel);

    // Sets `binding` from the row as it is now.
    [[nodiscard]] static Result<void> bind(ApiKey &key, const Vault &vault);
    [[nodiscard]] static Result<void> bind(Channel &channel, const Vault &vault);
    // Whether the stored binding fits the row; a missing one never does.
    [[nodiscard]] static bool holds(const ApiKey &key, const Vault &vault);
    [[nodiscard]] static bool holds(const Channel &channel, const Vault &vault);

    // What the user is told when a row fails, with the way out.
    [[nodiscard]] static QString keyFailure();
    [[nodiscard]] static Error channelFailure(const Channel &channel);
};

} // namespace qw
