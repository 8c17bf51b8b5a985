// HKDF-SHA256 (RFC 5869) over OpenSSL's EVP_KDF: the one place QuotaWatch derives a key from
// another, so that each use of the master key (encryption, destination binding) has its own.
#pragma once

#include "core/crypto/securebytes.h"
#include "core/result.h"

#include <QByteArrayView>

namespace qw {

class Hkdf final
{
public:
    // At most 255 hash lengths (8160 bytes), as RFC 5869 allows.
    static constexpr qsizetype kMaxLength = 255 * 32;

    // Extract-then-expand: `length` bytes of output keying material from `inputKey`, `salt`
    // (empty: a string of zeros, as the RFC says) and `info`. InvalidInput for a length out of
    // range; Crypto only when OpenSSL itself fails.
    [[nodiscard]] static Result<SecureBytes> sha256(QByteArrayView inputKey, QByteArrayView salt,
                                                    QByteArrayView info, qsizetype length);
};

} // namespace qw
