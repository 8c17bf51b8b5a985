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

Result<void> KeyService::update(const ApiKey &key, const SecureBytes *newSecret)
{
    auto stored = m_keys.find(key.id);
    if (!stored)
        return tl::unexpected(stored.error());
    if (!*stored)
        return fail(ErrorCode::NotFound, QStringLiteral("the key was removed in the meantime"));
    ApiKey updated = key;
    updated.userId = (*stored)->userId;
    updated.secretEnc = (*stored)->secretEnc;
    updated.secretHint = (*stored)->secretHint;
    if (newSecret && !newSecret->isEmpty()) {
        auto sealed = seal(PendingKey{key, SecureBytes::copyOf(newSecret->view())});
        if (!sealed)
            return tl::unexpected(sealed.error());
        updated.secretEnc = sealed->secretEnc;
        updated.secretHint = sealed->secretHint;
    }
    auto done = m_keys.update(updated);
    if (!done)
        return tl::unexpected(done.error());
    if (!*done)
        return fail(ErrorCode::NotFound, QStringLiteral("the key was removed in the meantime"));
    return {};
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
