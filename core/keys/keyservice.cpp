#include "core/keys/keyservice.h"

#include "core/crypto/vault.h"
#include "core/keys/keyvalidator.h"
#include "core/storage/apikeyrepository.h"

namespace qw {

Result<ApiKey> KeyService::seal(const PendingKey &pending) const
{
    if (auto problem = KeyValidator::checkSecret(pending.secret.view()))
        return fail(ErrorCode::InvalidInput, *problem);
    auto token = m_vault.encrypt(pending.secret.view());
    if (!token)
        return tl::unexpected(token.error());
    ApiKey key = pending.key;
    key.userId = m_ownerId;
    key.secretEnc = *token;
    key.secretHint = Vault::hintFor(pending.secret.view());
    return key;
}

Result<qint64> KeyService::add(const PendingKey &pending)
{
    auto key = seal(pending);
    if (!key)
        return tl::unexpected(key.error());
    return m_keys.insert(*key);
}

Result<std::vector<qint64>> KeyService::addAll(const std::vector<PendingKey> &pending)
{
    // Encrypt everything first: a failure then leaves the database untouched.
    std::vector<ApiKey> sealed;
    sealed.reserve(pending.size());
    for (const PendingKey &one : pending) {
        auto key = seal(one);
        if (!key)
            return tl::unexpected(key.error());
        sealed.push_back(std::move(*key));
    }
    return m_keys.insertAll(sealed);
}

} // namespace qw
