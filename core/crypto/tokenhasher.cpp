#include "core/crypto/tokenhasher.h"

#include "core/crypto/securewipe.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

namespace qw {

namespace {

constexpr qsizetype kTokenBytes = 32;
constexpr auto kBase64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

QString sha256Hex(const QByteArray &data)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(data.constData(), static_cast<size_t>(data.size()), digest, &length, EVP_sha256(),
                   nullptr) != 1)
        return {};
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(digest), static_cast<qsizetype>(length)).toHex());
}

} // namespace

Result<TokenHasher::Fresh> TokenHasher::generate()
{
    QByteArray random(kTokenBytes, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(random.data()), static_cast<int>(random.size())) != 1)
        return fail(ErrorCode::Crypto, QStringLiteral("no random access token could be made"));
    Fresh fresh;
    fresh.token = QLatin1String(kPrefix) + QString::fromLatin1(random.toBase64(kBase64Url));
    secureWipe(random);
    fresh.hash = hashOf(fresh.token);
    if (fresh.hash.isEmpty())
        return fail(ErrorCode::Crypto, QStringLiteral("the access token could not be hashed"));
    return fresh;
}

QString TokenHasher::hashOf(const QString &token)
{
    if (!token.startsWith(QLatin1String(kPrefix)))
        return {};
    QByteArray bytes = token.toLatin1();
    auto decoded = QByteArray::fromBase64Encoding(bytes.sliced(qsizetype(qstrlen(kPrefix))),
                                                  kBase64Url | QByteArray::AbortOnBase64DecodingErrors);
    const bool wellFormed = decoded && decoded.decoded.size() == kTokenBytes;
    secureWipe(decoded.decoded);
    QString hash = wellFormed ? sha256Hex(bytes) : QString();
    secureWipe(bytes);
    return hash;
}

bool TokenHasher::same(const QString &a, const QString &b)
{
    const QByteArray left = a.toLatin1();
    const QByteArray right = b.toLatin1();
    return left.size() == right.size() && !left.isEmpty() &&
           CRYPTO_memcmp(left.constData(), right.constData(), static_cast<size_t>(left.size())) == 0;
}

} // namespace qw
