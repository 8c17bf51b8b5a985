#include "core/crypto/fernet.h"

#include "core/crypto/hkdf.h"
#include "core/crypto/hmac.h"
#include "core/crypto/securewipe.h"

#include <QDateTime>
#include <array>
#include <limits>
#include <memory>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

namespace qw {

namespace {

constexpr char kVersion = char(0x80);
constexpr qsizetype kVersionSize = 1;
constexpr qsizetype kTimestampSize = 8;
constexpr qsizetype kIvSize = 16;
constexpr qsizetype kBlockSize = 16;
constexpr qsizetype kMacSize = Hmac::Sha256Size;
constexpr qsizetype kHalfKeySize = 16;
constexpr qsizetype kHeaderSize = kVersionSize + kTimestampSize + kIvSize;
// The spec's clock-skew allowance: a token stamped further ahead than this was not made here.
constexpr qint64 kMaxClockSkewSeconds = 60;

struct CipherCtxDeleter
{
    void operator()(EVP_CIPHER_CTX *ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxDeleter>;

// Clears a plaintext buffer on every way out of a function, including early error returns.
class CleanseGuard final
{
public:
    explicit CleanseGuard(QByteArray &bytes)
        : m_bytes(bytes)
    {}
    ~CleanseGuard()
    {
        if (m_armed)
            secureWipe(m_bytes);
    }
    void release() { m_armed = false; }
    CleanseGuard(const CleanseGuard &) = delete;
    CleanseGuard &operator=(const CleanseGuard &) = delete;

private:
    QByteArray &m_bytes;
    bool m_armed = true;
};

const auto *asBytes(const char *data)
{
    return reinterpret_cast<const unsigned char *>(data);
}

auto *asBytes(char *data)
{
    return reinterpret_cast<unsigned char *>(data);
}

QString invalidTokenMessage()
{
    return QStringLiteral("the token is not valid for this key");
}

// Fernet keys and tokens are url-safe base64. Python emits them padded, but hand-copied keys
// often lose the '=', so padding is optional; anything outside the alphabet is an error.
std::optional<QByteArray> decodeBase64Url(QByteArray &&text)
{
    auto decoded = QByteArray::fromBase64Encoding(
        std::move(text), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (decoded.decodingStatus != QByteArray::Base64DecodingStatus::Ok) {
        // Qt decodes in place and hands the buffer back even on failure; for a key it holds
        // partly decoded key bytes, so it is wiped rather than just freed.
        SecureBytes discard(std::move(decoded.decoded));
        return std::nullopt;
    }
    return std::move(decoded.decoded);
}

void appendBigEndian64(QByteArray &out, quint64 value)
{
    for (int shift = 56; shift >= 0; shift -= 8)
        out.append(char((value >> shift) & 0xff));
}

quint64 readBigEndian64(const char *data)
{
    quint64 value = 0;
    for (int i = 0; i < 8; ++i)
        value = (value << 8) | quint64(static_cast<unsigned char>(data[i]));
    return value;
}

} // namespace

Fernet::Fernet(SecureBytes signingKey, SecureBytes encryptionKey)
    : m_signingKey(std::move(signingKey))
    , m_encryptionKey(std::move(encryptionKey))
{}

Result<Fernet> Fernet::fromKey(QByteArrayView key)
{
    // The decoder works in place on this copy, so the key text and the raw key share one
    // buffer, which SecureBytes then wipes (on failure too, see decodeBase64Url).
    auto decoded = decodeBase64Url(QByteArray(key.data(), key.size()));
    if (!decoded)
        return fail(ErrorCode::Crypto, QStringLiteral("the key is not valid url-safe base64"));
    SecureBytes raw(std::move(*decoded));
    if (raw.size() != 2 * kHalfKeySize)
        return fail(ErrorCode::Crypto,
                    QStringLiteral("the key must be 32 bytes of url-safe base64 (44 characters)"));
    return Fernet(SecureBytes::copyOf(raw.view().first(kHalfKeySize)),
                  SecureBytes::copyOf(raw.view().sliced(kHalfKeySize)));
}

Result<SecureBytes> Fernet::deriveKey(QByteArrayView info, qsizetype length) const
{
    // One buffer, reserved up front so appending never leaves an unwiped copy behind.
    QByteArray joined;
    joined.reserve(m_signingKey.size() + m_encryptionKey.size());
    joined.append(m_signingKey.view());
    joined.append(m_encryptionKey.view());
    const SecureBytes whole(std::move(joined));
    return Hkdf::sha256(whole.view(), {}, info, length);
}

SecureBytes Fernet::generateKey()
{
    QByteArray raw(2 * kHalfKeySize, '\0');
    CleanseGuard guard(raw);
    // RAND_bytes only fails when the system has no entropy source; an empty key is then
    // returned, which fromKey() refuses, rather than a predictable one.
    if (RAND_bytes(asBytes(raw.data()), static_cast<int>(raw.size())) != 1)
        return SecureBytes();
    return SecureBytes(raw.toBase64(QByteArray::Base64UrlEncoding));
}

Result<QByteArray> Fernet::encrypt(QByteArrayView plaintext) const
{
    std::array<unsigned char, kIvSize> iv{};
    if (RAND_bytes(iv.data(), static_cast<int>(iv.size())) != 1)
        return fail(ErrorCode::Crypto, QStringLiteral("no random numbers are available to encrypt with"));
    return encrypt(plaintext, QDateTime::currentSecsSinceEpoch(),
                   QByteArrayView(reinterpret_cast<const char *>(iv.data()), qsizetype(iv.size())));
}

Result<QByteArray> Fernet::encrypt(QByteArrayView plaintext, qint64 timestamp, QByteArrayView iv) const
{
    if (iv.size() != kIvSize)
        return fail(ErrorCode::Crypto, QStringLiteral("the initialisation vector must be 16 bytes"));
    if (timestamp < 0)
        return fail(ErrorCode::Crypto, QStringLiteral("the token time cannot be before 1970"));
    // EVP takes int lengths; leave room for the padding block.
    if (plaintext.size() > std::numeric_limits<int>::max() - kBlockSize)
        return fail(ErrorCode::Crypto, QStringLiteral("the data is too large to encrypt"));

    const qsizetype cipherCapacity = (plaintext.size() / kBlockSize + 1) * kBlockSize;
    QByteArray token;
    token.reserve(kHeaderSize + cipherCapacity + kMacSize);
    token.append(kVersion);
    appendBigEndian64(token, quint64(timestamp));
    token.append(iv);
    token.resize(kHeaderSize + cipherCapacity);

    CipherCtx ctx(EVP_CIPHER_CTX_new());
    int written = 0;
    int finalWritten = 0;
    if (!ctx ||
        EVP_EncryptInit_ex(ctx.get(), EVP_aes_128_cbc(), nullptr, asBytes(m_encryptionKey.data()),
                           asBytes(iv.data())) != 1 ||
        EVP_EncryptUpdate(ctx.get(), asBytes(token.data() + kHeaderSize), &written, asBytes(plaintext.data()),
                          static_cast<int>(plaintext.size())) != 1 ||
        EVP_EncryptFinal_ex(ctx.get(), asBytes(token.data() + kHeaderSize + written), &finalWritten) != 1)
        return fail(ErrorCode::Crypto, QStringLiteral("the data could not be encrypted"));
    token.resize(kHeaderSize + written + finalWritten);

    const Result<QByteArray> mac = Hmac::sha256(m_signingKey.view(), token);
    if (!mac)
        return fail(ErrorCode::Crypto, QStringLiteral("the token could not be signed"));
    token.append(*mac);
    // Padded like Python's base64.urlsafe_b64encode, which cryptography.fernet requires.
    return token.toBase64(QByteArray::Base64UrlEncoding);
}

Result<SecureBytes> Fernet::decryptAtRest(QByteArrayView token) const
{
    const auto decoded = decodeBase64Url(token.toByteArray());
    if (!decoded || decoded->size() < kVersionSize + kTimestampSize)
        return fail(ErrorCode::Crypto, invalidTokenMessage());
    // "Now" is the token's own time, so neither the ttl nor the future-skew rule can apply.
    const quint64 rawTimestamp = readBigEndian64(decoded->constData() + kVersionSize);
    const auto now = qint64(std::min<quint64>(rawTimestamp, quint64(std::numeric_limits<qint64>::max())));
    return decrypt(token, std::nullopt, now);
}

Result<SecureBytes> Fernet::decrypt(QByteArrayView token, std::optional<qint64> ttlSeconds,
                                    std::optional<qint64> now) const
{
    auto decoded = decodeBase64Url(token.toByteArray());
    if (!decoded)
        return fail(ErrorCode::Crypto, invalidTokenMessage());
    const QByteArray &data = *decoded;
    if (data.size() < kHeaderSize + kBlockSize + kMacSize || data.at(0) != kVersion)
        return fail(ErrorCode::Crypto, invalidTokenMessage());

    // Authenticate before looking at anything else, so nothing unauthenticated is trusted.
    const QByteArrayView signedPart = QByteArrayView(data).first(data.size() - kMacSize);
    const Result<QByteArray> expected = Hmac::sha256(m_signingKey.view(), signedPart);
    if (!expected)
        return fail(ErrorCode::Crypto, QStringLiteral("the token could not be verified"));
    if (CRYPTO_memcmp(expected->constData(), data.constData() + signedPart.size(),
                      static_cast<size_t>(kMacSize)) != 0)
        return fail(ErrorCode::Crypto, invalidTokenMessage());

    const quint64 rawTimestamp = readBigEndian64(data.constData() + kVersionSize);
    const qint64 currentTime = now.value_or(QDateTime::currentSecsSinceEpoch());
    // Arranged so no sum can overflow: the timestamp is known to be in [0, max] before the
    // subtraction, and after the skew check `currentTime - timestamp` is at least -60.
    if (rawTimestamp > quint64(std::numeric_limits<qint64>::max()) ||
        qint64(rawTimestamp) - kMaxClockSkewSeconds > currentTime)
        return fail(ErrorCode::Crypto,
                    QStringLiteral("the token is dated in the future; check the system clock"));
    const auto timestamp = qint64(rawTimestamp);
    if (ttlSeconds && currentTime - timestamp > *ttlSeconds)
        return fail(ErrorCode::Crypto, QStringLiteral("the token has expired"));

    const QByteArrayView iv = QByteArrayView(data).sliced(kVersionSize + kTimestampSize, kIvSize);
    const QByteArrayView ciphertext = signedPart.sliced(kHeaderSize);
    // EVP takes int lengths; no real token comes anywhere near that size.
    if (ciphertext.size() % kBlockSize != 0 ||
        ciphertext.size() > std::numeric_limits<int>::max() - kBlockSize)
        return fail(ErrorCode::Crypto, invalidTokenMessage());

    QByteArray plaintext(ciphertext.size() + kBlockSize, Qt::Uninitialized);
    CleanseGuard guard(plaintext);
    CipherCtx ctx(EVP_CIPHER_CTX_new());
    int written = 0;
    int finalWritten = 0;
    if (!ctx ||
        EVP_DecryptInit_ex(ctx.get(), EVP_aes_128_cbc(), nullptr, asBytes(m_encryptionKey.data()),
                           asBytes(iv.data())) != 1 ||
        EVP_DecryptUpdate(ctx.get(), asBytes(plaintext.data()), &written, asBytes(ciphertext.data()),
                          static_cast<int>(ciphertext.size())) != 1 ||
        EVP_DecryptFinal_ex(ctx.get(), asBytes(plaintext.data() + written), &finalWritten) != 1)
        return fail(ErrorCode::Crypto, invalidTokenMessage());

    // Shrinking keeps the allocation; SecureBytes wipes its whole capacity, tail included.
    plaintext.resize(written + finalWritten);
    guard.release();
    return SecureBytes(std::move(plaintext));
}

} // namespace qw
