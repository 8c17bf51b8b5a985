// A key's option values that are secrets (the custom platform's request headers), sealed as one
// Fernet token of a JSON object in ApiKey::secretOptionsEnc: the one place they are sealed and
// opened, for the key service, the check and the upgrade of older databases alike.
#pragma once

#include "core/model/apikey.h"
#include "core/result.h"

#include <QByteArray>
#include <QJsonObject>

namespace qw {

class Vault;

class SealedOptions final
{
public:
    // An empty object seals to an empty token (the key has no secret options).
    [[nodiscard]] static Result<QByteArray> seal(const QJsonObject &options, const Vault &vault);
    // The sealed options of `key`, empty when it has none; a token that does not decrypt or does
    // not hold a JSON object is an error that says to enter them again.
    [[nodiscard]] static Result<QJsonObject> open(const ApiKey &key, const Vault &vault);
};

} // namespace qw
