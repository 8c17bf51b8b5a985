#include "core/crypto/sealedoptions.h"

#include "core/crypto/securebytes.h"
#include "core/crypto/vault.h"

#include <QJsonDocument>

namespace qw {

Result<QByteArray> SealedOptions::seal(const QJsonObject &options, const Vault &vault)
{
    if (options.isEmpty())
        return QByteArray();
    const SecureBytes plaintext(QJsonDocument(options).toJson(QJsonDocument::Compact));
    return vault.encrypt(plaintext.view());
}

Result<QJsonObject> SealedOptions::open(const ApiKey &key, const Vault &vault)
{
    if (key.secretOptionsEnc.isEmpty())
        return QJsonObject();
    auto plaintext = vault.decrypt(key.secretOptionsEnc);
    if (!plaintext)
        return tl::unexpected(plaintext.error());
    // Parsed from the wiped buffer itself, so no unwiped copy of the headers is left behind.
    const QJsonDocument document =
        QJsonDocument::fromJson(QByteArray::fromRawData(plaintext->data(), plaintext->size()));
    if (!document.isObject())
        return fail(ErrorCode::Crypto,
                    QStringLiteral("the key's sealed options are damaged; enter them again"));
    return document.object();
}

} // namespace qw
