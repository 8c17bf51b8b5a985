// A validated key whose secret is still in plain text, on its way into the vault. It lives only
// between validation and KeyService storing it; the secret is wiped when it goes away.
#pragma once

#include "core/crypto/securebytes.h"
#include "core/model/apikey.h"

namespace qw {

struct PendingKey
{
    ApiKey key;
    SecureBytes secret;
};

} // namespace qw
