// Fernet tokens (spec version 0x80) over OpenSSL EVP: AES-128-CBC with PKCS#7 padding,
// HMAC-SHA256 over version|timestamp|iv|ciphertext, compared in constant time, IV from RAND_bytes.
// Interoperates with Python's cryptography.fernet, which the web predecessor used.
#pragma once

#include "core/crypto/securebytes.h"
#include "core/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <optional>

namespace qw {

class Fernet final
{
public:
    // `key` is the url-safe base64 text of 32 bytes (signing key | encryption key), as made by
    // generateKey() or Python's Fernet.generate_key(). Padding '=' is accepted and optional.
    [[nodiscard]] static Result<Fernet> fromKey(QByteArrayView key);
    // A new random key in url-safe base64 (44 characters).
    [[nodiscard]] static SecureBytes generateKey();

    // A token for `plaintext` made now with a random IV.
    [[nodiscard]] Result<QByteArray> encrypt(QByteArrayView plaintext) const;
    // Deterministic form for the official test vectors: the given time (Unix seconds) and IV.
    [[nodiscard]] Result<QByteArray> encrypt(QByteArrayView plaintext, qint64 timestamp,
                                             QByteArrayView iv) const;

    // Verifies and decrypts `token`. With `ttlSeconds`, a token older than that is refused; a
    // token more than 60 s in the future is always refused (clock skew, as in the spec).
    // `now` is Unix seconds; by default the current time.
    [[nodiscard]] Result<SecureBytes> decrypt(QByteArrayView token,
                                              std::optional<qint64> ttlSeconds = std::nullopt,
                                              std::optional<qint64> now = std::nullopt) const;

    // Verifies and decrypts whatever the token's timestamp says: for secrets at rest, whose age
    // and the clock of the machine that stored them (several instances on one PostgreSQL) say
    // nothing about whether they are authentic.
    [[nodiscard]] Result<SecureBytes> decryptAtRest(QByteArrayView token) const;

    // A key for another purpose, derived from the whole Fernet key with HKDF-SHA256 under
    // `info` (which names the purpose), so no other use ever shares the Fernet key's bytes.
    [[nodiscard]] Result<SecureBytes> deriveKey(QByteArrayView info, qsizetype length) const;

private:
    Fernet(SecureBytes signingKey, SecureBytes encryptionKey);
    SecureBytes m_signingKey;    // 16 bytes
    SecureBytes m_encryptionKey; // 16 bytes
};

} // namespace qw
