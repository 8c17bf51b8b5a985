// Password hashing with OpenSSL's scrypt and a random per-user salt, stored as one
// self-describing string ("scrypt$N$r$p$salt$hash", base64) so the cost can rise later without
// invalidating the hashes already stored.
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace qw {

// The scrypt cost: memory is 128 * n * r bytes.
struct ScryptParameters
{
    quint64 n = quint64(1) << 15; // ~50-100 ms per login on a small server
    quint32 r = 8;
    quint32 p = 1;
};

class PasswordHasher final
{
public:
    // The stored form of `password` under a fresh random salt. Crypto error only when OpenSSL
    // fails (no randomness, no scrypt in the loaded provider).
    [[nodiscard]] static Result<QString> hash(QByteArrayView password,
                                              const ScryptParameters &parameters = {});
    // Whether `password` is the one `stored` was made from, compared in constant time. A stored
    // string that is empty, garbled or has absurd parameters never matches.
    [[nodiscard]] static bool verify(QByteArrayView password, const QString &stored);
    // The scrypt primitive itself (RFC 7914): `length` bytes derived from `password` and `salt`.
    [[nodiscard]] static Result<QByteArray> scrypt(QByteArrayView password, QByteArrayView salt,
                                                   const ScryptParameters &parameters, qsizetype length);
};

} // namespace qw
