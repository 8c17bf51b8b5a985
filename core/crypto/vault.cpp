#include "core/crypto/vault.h"

#include "core/crypto/hmac.h"

#include <QChar>
#include <array>
#include <openssl/crypto.h>
#include <string_view>
#include <utility>

namespace qw {

namespace {

// Below this length the tail would be too large a share of the secret to show 4 characters.
constexpr qsizetype kMinLengthForTail4 = 12;
constexpr qsizetype kMinLengthForTail2 = 6;
// A prefix is only shown when at least this much of the secret stays hidden.
constexpr qsizetype kMinHiddenLength = 8;

// The providers' published key prefixes, longest first so "sk-ant-admin01-" wins over "sk-ant-"
// and "sk-". Only these are ever shown: guessing a prefix from the first separator would show
// the leading characters of any key whose random part happens to contain a '-' or '_'.
constexpr std::array kKnownPrefixes{
    std::string_view("sk-ant-admin01-"),
    std::string_view("sk-ant-api03-"),
    std::string_view("sk-svcacct-"),
    std::string_view("sk-or-v1-"),
    std::string_view("sk-admin-"),
    std::string_view("sk-proj-"),
    std::string_view("sk-ant-"),
    std::string_view("sk-or-"),
    std::string_view("nvapi-"),
    std::string_view("pplx-"),
    std::string_view("gsk_"),
    std::string_view("xai-"),
    std::string_view("sk-"),
    std::string_view("hf_"),
};

QString ellipsis()
{
    return QString(QChar(0x2026));
}

} // namespace

Vault::Vault(Fernet fernet)
    : m_fernet(std::move(fernet))
    , m_bindingKey(m_fernet.deriveKey(kBindingInfo, Hmac::Sha256Size).value_or(SecureBytes()))
{}

Result<QByteArray> Vault::bindingOf(QByteArrayView canonical) const
{
    if (m_bindingKey.isEmpty())
        return fail(ErrorCode::Crypto, QStringLiteral("the destination binding key could not be derived"));
    auto mac = Hmac::sha256(m_bindingKey.view(), canonical);
    if (!mac)
        return tl::unexpected(mac.error());
    return mac->toBase64();
}

bool Vault::verifyBinding(QByteArrayView canonical, QByteArrayView binding) const
{
    if (binding.isEmpty() || m_bindingKey.isEmpty())
        return false;
    auto expected = Hmac::sha256(m_bindingKey.view(), canonical);
    if (!expected)
        return false;
    const auto given =
        QByteArray::fromBase64Encoding(binding.toByteArray(), QByteArray::AbortOnBase64DecodingErrors);
    if (given.decodingStatus != QByteArray::Base64DecodingStatus::Ok ||
        given.decoded.size() != expected->size())
        return false;
    return CRYPTO_memcmp(given.decoded.constData(), expected->constData(), size_t(expected->size())) == 0;
}

Result<QByteArray> Vault::encrypt(QByteArrayView plaintext) const
{
    return m_fernet.encrypt(plaintext);
}

Result<SecureBytes> Vault::decrypt(QByteArrayView token) const
{
    auto plaintext = m_fernet.decryptAtRest(token);
    if (!plaintext) {
        // Stored secrets carry no ttl, so any failure here means another master key (or a
        // damaged row); say what the user can act on rather than "bad MAC".
        return fail(ErrorCode::MasterKeyMismatch,
                    QStringLiteral("this secret cannot be decrypted with the current master key "
                                   "(was the database created with another master key?)"));
    }
    return plaintext;
}

QString Vault::hintFor(QByteArrayView secret)
{
    const qsizetype length = secret.size();
    if (length < kMinLengthForTail2)
        return ellipsis();
    if (length < kMinLengthForTail4)
        return ellipsis() + QString::fromUtf8(secret.last(2));

    constexpr qsizetype tailLength = 4;
    qsizetype prefixLength = 0;
    for (const std::string_view known : kKnownPrefixes) {
        if (secret.startsWith(QByteArrayView(known.data(), qsizetype(known.size())))) {
            prefixLength = qsizetype(known.size());
            break;
        }
    }
    if (length - prefixLength - tailLength < kMinHiddenLength)
        prefixLength = 0;
    return QString::fromUtf8(secret.first(prefixLength)) + ellipsis() +
           QString::fromUtf8(secret.last(tailLength));
}

QStringList Vault::knownHintPrefixes()
{
    QStringList prefixes;
    for (const std::string_view known : kKnownPrefixes)
        prefixes << QString::fromLatin1(known.data(), qsizetype(known.size()));
    return prefixes;
}

} // namespace qw
