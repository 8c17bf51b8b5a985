// HMAC over OpenSSL's EVP_MAC: the one place QuotaWatch computes a message authentication code
// (Fernet tokens, webhook signatures), so no other file talks to EVP_MAC.
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QByteArrayView>

namespace qw {

class Hmac final
{
public:
    static constexpr qsizetype Sha256Size = 32;

    // HMAC-SHA256 of `data` under `key`: 32 raw bytes. Either may be empty. Crypto error only
    // when OpenSSL itself fails (no HMAC or SHA256 in the loaded provider).
    [[nodiscard]] static Result<QByteArray> sha256(QByteArrayView key, QByteArrayView data);
};

} // namespace qw
