#include "core/crypto/hkdf.h"

#include <memory>
#include <openssl/core_names.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

namespace qw {

namespace {

struct KdfDeleter
{
    void operator()(EVP_KDF *kdf) const { EVP_KDF_free(kdf); }
};
struct KdfCtxDeleter
{
    void operator()(EVP_KDF_CTX *ctx) const { EVP_KDF_CTX_free(ctx); }
};

Result<SecureBytes> failed()
{
    return fail(ErrorCode::Crypto, QStringLiteral("a key could not be derived"));
}

// OSSL_PARAM takes non-const pointers; OpenSSL only reads these buffers. An empty view is
// passed as a valid pointer with length 0 (a null pointer means "not set" to some providers).
void *bytesOf(QByteArrayView view)
{
    static const char empty = 0;
    return const_cast<char *>(view.isEmpty() ? &empty : view.data());
}

} // namespace

Result<SecureBytes> Hkdf::sha256(QByteArrayView inputKey, QByteArrayView salt, QByteArrayView info,
                                 qsizetype length)
{
    if (length <= 0 || length > kMaxLength)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("HKDF output length must be from 1 to %1 bytes").arg(kMaxLength));
    std::unique_ptr<EVP_KDF, KdfDeleter> kdf(EVP_KDF_fetch(nullptr, OSSL_KDF_NAME_HKDF, nullptr));
    if (!kdf)
        return failed();
    std::unique_ptr<EVP_KDF_CTX, KdfCtxDeleter> ctx(EVP_KDF_CTX_new(kdf.get()));
    if (!ctx)
        return failed();
    char digest[] = "SHA256";
    OSSL_PARAM params[5];
    int count = 0;
    params[count++] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0);
    params[count++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, bytesOf(inputKey),
                                                        static_cast<size_t>(inputKey.size()));
    // No salt parameter at all means the RFC's default (HashLen zeros); OpenSSL refuses an
    // explicitly empty one on some versions, so it is left out instead.
    if (!salt.isEmpty())
        params[count++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, bytesOf(salt),
                                                            static_cast<size_t>(salt.size()));
    if (!info.isEmpty())
        params[count++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, bytesOf(info),
                                                            static_cast<size_t>(info.size()));
    params[count] = OSSL_PARAM_construct_end();
    QByteArray out(length, Qt::Uninitialized);
    const bool derived = EVP_KDF_derive(ctx.get(), reinterpret_cast<unsigned char *>(out.data()),
                                        static_cast<size_t>(length), params) == 1;
    // Held by SecureBytes either way, so a partial output is wiped too.
    SecureBytes output(std::move(out));
    if (!derived)
        return failed();
    return output;
}

} // namespace qw
