#include "core/crypto/passwordhasher.h"

#include "core/crypto/securewipe.h"

#include <QStringList>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

namespace qw {

namespace {

constexpr auto kScheme = "scrypt";
constexpr qsizetype kSaltSize = 16;
constexpr qsizetype kHashSize = 32;
// Enough for N=2^20, r=8 (1 GiB); a stored string asking for more is rejected, not obeyed.
constexpr quint64 kMaxMemory = quint64(1) << 31;
constexpr quint64 kMaxN = quint64(1) << 20;
constexpr quint32 kMaxRp = 64;

const unsigned char *asBytes(const char *data)
{
    return reinterpret_cast<const unsigned char *>(data);
}

bool plausible(const ScryptParameters &parameters)
{
    const bool powerOfTwo = parameters.n > 1 && (parameters.n & (parameters.n - 1)) == 0;
    return powerOfTwo && parameters.n <= kMaxN && parameters.r >= 1 && parameters.r <= kMaxRp &&
           parameters.p >= 1 && parameters.p <= kMaxRp;
}

QByteArray encode(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64Encoding | QByteArray::OmitTrailingEquals);
}

} // namespace

Result<QByteArray> PasswordHasher::scrypt(QByteArrayView password, QByteArrayView salt,
                                          const ScryptParameters &parameters, qsizetype length)
{
    if (!plausible(parameters) || length <= 0)
        return fail(ErrorCode::Crypto, QStringLiteral("the password hash parameters are not usable"));
    // An empty view may carry a null pointer, which EVP_PBE_scrypt reads as "no password".
    static const char empty = 0;
    const char *passwordData = password.isEmpty() ? &empty : password.data();
    const char *saltData = salt.isEmpty() ? &empty : salt.data();
    QByteArray out(length, Qt::Uninitialized);
    if (EVP_PBE_scrypt(passwordData, static_cast<size_t>(password.size()), asBytes(saltData),
                       static_cast<size_t>(salt.size()), parameters.n, parameters.r, parameters.p, kMaxMemory,
                       reinterpret_cast<unsigned char *>(out.data()), static_cast<size_t>(out.size())) != 1)
        return fail(ErrorCode::Crypto, QStringLiteral("the password could not be hashed"));
    return out;
}

Result<QString> PasswordHasher::hash(QByteArrayView password, const ScryptParameters &parameters)
{
    QByteArray salt(kSaltSize, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(salt.data()), static_cast<int>(salt.size())) != 1)
        return fail(ErrorCode::Crypto, QStringLiteral("no random salt could be made for the password"));
    auto derived = scrypt(password, salt, parameters, kHashSize);
    if (!derived)
        return tl::unexpected(derived.error());
    return QStringLiteral("%1$%2$%3$%4$%5$%6")
        .arg(QLatin1String(kScheme))
        .arg(parameters.n)
        .arg(parameters.r)
        .arg(parameters.p)
        .arg(QString::fromLatin1(encode(salt)), QString::fromLatin1(encode(*derived)));
}

bool PasswordHasher::verify(QByteArrayView password, const QString &stored)
{
    const QStringList parts = stored.split(QLatin1Char('$'));
    if (parts.size() != 6 || parts[0] != QLatin1String(kScheme))
        return false;
    bool okN = false;
    bool okR = false;
    bool okP = false;
    ScryptParameters parameters;
    parameters.n = parts[1].toULongLong(&okN);
    parameters.r = parts[2].toUInt(&okR);
    parameters.p = parts[3].toUInt(&okP);
    if (!okN || !okR || !okP || !plausible(parameters))
        return false;
    const auto options =
        QByteArray::Base64Encoding | QByteArray::OmitTrailingEquals | QByteArray::AbortOnBase64DecodingErrors;
    const auto salt = QByteArray::fromBase64Encoding(parts[4].toLatin1(), options);
    const auto expected = QByteArray::fromBase64Encoding(parts[5].toLatin1(), options);
    if (!salt || !expected || salt.decoded.isEmpty() || expected.decoded.size() < 16)
        return false;
    auto derived = scrypt(password, salt.decoded, parameters, expected.decoded.size());
    if (!derived)
        return false;
    const bool same = CRYPTO_memcmp(derived->constData(), expected.decoded.constData(),
                                    static_cast<size_t>(derived->size())) == 0;
    secureWipe(*derived);
    return same;
}

} // namespace qw
