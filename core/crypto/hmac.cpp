#include "core/crypto/hmac.h"

#include <memory>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

namespace qw {

namespace {

struct MacDeleter
{
    void operator()(EVP_MAC *mac) const { EVP_MAC_free(mac); }
};
struct MacCtxDeleter
{
    void operator()(EVP_MAC_CTX *ctx) const { EVP_MAC_CTX_free(ctx); }
};

const unsigned char *asBytes(const char *data)
{
    return reinterpret_cast<const unsigned char *>(data);
}

Result<QByteArray> failed()
{
    return fail(ErrorCode::Crypto, QStringLiteral("the message authentication code could not be computed"));
}

} // namespace

Result<QByteArray> Hmac::sha256(QByteArrayView key, QByteArrayView data)
{
    // Fetched once: a fetch is a lookup in OpenSSL's provider store, under its locks, and costs
    // as much as the MAC itself (a check verifies one for its key's binding). An EVP_MAC is
    // immutable and reference-counted, so every thread may share it.
    static const std::unique_ptr<EVP_MAC, MacDeleter> mac(
        EVP_MAC_fetch(nullptr, OSSL_MAC_NAME_HMAC, nullptr));
    if (!mac)
        return failed();
    std::unique_ptr<EVP_MAC_CTX, MacCtxDeleter> ctx(EVP_MAC_CTX_new(mac.get()));
    if (!ctx)
        return failed();
    char digest[] = "SHA256";
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
        OSSL_PARAM_construct_end(),
    };
    // A null key tells EVP_MAC_init to keep a key set earlier, and a fresh context has none;
    // an empty key is passed as a valid pointer with length 0 instead.
    static const char noKey = 0;
    const char *keyData = key.isEmpty() ? &noKey : key.data();
    if (EVP_MAC_init(ctx.get(), asBytes(keyData), static_cast<size_t>(key.size()), params) != 1)
        return failed();
    // Feishu signs an empty message; skip the update rather than pass a null pointer.
    if (!data.isEmpty() &&
        EVP_MAC_update(ctx.get(), asBytes(data.data()), static_cast<size_t>(data.size())) != 1)
        return failed();
    QByteArray out(Sha256Size, Qt::Uninitialized);
    size_t written = 0;
    if (EVP_MAC_final(ctx.get(), reinterpret_cast<unsigned char *>(out.data()), &written,
                      static_cast<size_t>(out.size())) != 1 ||
        written != static_cast<size_t>(out.size()))
        return failed();
    return out;
}

} // namespace qw
