// Stores validated keys: encrypts each secret in the vault, records only the token and the
// hint, and inserts all of a batch or none of it. The one path from a plaintext secret to the
// database, shared by the CLI, the key editor and the REST API.
#pragma once

#include "core/keys/pendingkey.h"
#include "core/result.h"

#include <vector>

namespace qw {

class ApiKeyRepository;
class Vault;

class KeyService final
{
public:
    KeyService(ApiKeyRepository &keys, const Vault &vault, qint64 ownerId)
        : m_keys(keys)
        , m_vault(vault)
        , m_ownerId(ownerId)
    {}

    [[nodiscard]] Result<qint64> add(const PendingKey &pending);
    [[nodiscard]] Result<std::vector<qint64>> addAll(const std::vector<PendingKey> &pending);
    // Stores an edited key (validated, with its id). With a new secret it is encrypted and its
    // hint replaced; without one the stored token is kept. NotFound when the key is gone.
    [[nodiscard]] Result<void> update(const ApiKey &key, const SecureBytes *newSecret = nullptr);

private:
    [[nodiscard]] Result<ApiKey> seal(const PendingKey &pending) const;

    ApiKeyRepository &m_keys;
    const Vault &m_vault;
    qint64 m_ownerId;
};

} // namespace qw
