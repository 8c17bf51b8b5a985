// The vault turns API-key secrets and other channel secrets into Fernet tokens under the
// master key and back. It is the only place plaintext secrets are encrypted or decrypted.
#pragma once

#include "core/crypto/fernet.h"
#include "core/crypto/securebytes.h"
#include "core/result.h"

#include <QString>
#include <QStringList>

namespace qw {

class Vault final
{
public:
    explicit Vault(Fernet fernet);

    [[nodiscard]] Result<QByteArray> encrypt(QByteArrayView plaintext) const;
    // Fails with ErrorCode::MasterKeyMismatch when the token was not made under this master key.
    [[nodiscard]] Result<SecureBytes> decrypt(QByteArrayView token) const;

    // What the user sees instead of the secret: a known provider prefix ("sk-or-v1-", "sk-ant-",
    // one of knownHintPrefixes(), nothing else) and the last 4 characters, e.g. "sk-or-v1-…a1b2".
    // Short secrets show less so that the hint never gives away a meaningful part of the secret.
    [[nodiscard]] static QString hintFor(QByteArrayView secret);
    // The only prefixes hintFor() shows.
    [[nodiscard]] static QStringList knownHintPrefixes();

    // The binding of a secret to its destination: base64 of HMAC-SHA256 over `canonical` (see
    // DestinationBinding) under a key derived from the master key, so only the holder of the
    // master key can make one. Crypto error only when OpenSSL fails.
    [[nodiscard]] Result<QByteArray> bindingOf(QByteArrayView canonical) const;
    // Whether `binding` is bindingOf(canonical), compared in constant time. False for an empty
    // or malformed binding.
    [[nodiscard]] bool verifyBinding(QByteArrayView canonical, QByteArrayView binding) const;

    // The HKDF info that names the binding key; a new encoding gets a new version here.
    static constexpr const char *kBindingInfo = "quotawatch destination binding v1";

private:
    Fernet m_fernet;
    SecureBytes m_bindingKey; // empty when it could not be derived: then nothing verifies
};

} // namespace qw
