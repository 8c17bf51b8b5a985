#include "core/rest/tlsfiles.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <memory>
#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace qw::rest {

namespace {

Result<QByteArray> readPem(const QString &path, const char *what)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, QStringLiteral("cannot read the TLS %1 %2: %3")
                                       .arg(QLatin1String(what), path, file.errorString()));
    return file.readAll();
}

// OpenSSL's own check that the key is the certificate's (Qt has none).
bool keyMatchesCertificate(const QByteArray &certificatePem, const QByteArray &keyPem)
{
    std::unique_ptr<BIO, decltype(&BIO_free)> certificateBio(
        BIO_new_mem_buf(certificatePem.constData(), int(certificatePem.size())), &BIO_free);
    std::unique_ptr<BIO, decltype(&BIO_free)> keyBio(BIO_new_mem_buf(keyPem.constData(), int(keyPem.size())),
                                                     &BIO_free);
    if (!certificateBio || !keyBio)
        return false;
    std::unique_ptr<X509, decltype(&X509_free)> certificate(
        PEM_read_bio_X509(certificateBio.get(), nullptr, nullptr, nullptr), &X509_free);
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
        PEM_read_bio_PrivateKey(keyBio.get(), nullptr, nullptr, nullptr), &EVP_PKEY_free);
    return certificate && key && X509_check_private_key(certificate.get(), key.get()) == 1;
}

} // namespace

Result<QSslConfiguration> TlsFiles::load(const QString &certificateFile, const QString &keyFile)
{
    if (certificateFile.isEmpty() != keyFile.isEmpty())
        return fail(ErrorCode::InvalidInput, QStringLiteral("HTTPS needs both a certificate and a key file"));
    auto certificatePem = readPem(certificateFile, "certificate");
    if (!certificatePem)
        return tl::unexpected(certificatePem.error());
    const QList<QSslCertificate> chain = QSslCertificate::fromData(*certificatePem, QSsl::Pem);
    if (chain.isEmpty() || chain.first().isNull())
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("%1 holds no PEM certificate").arg(certificateFile));

    auto keyPem = readPem(keyFile, "key");
    if (!keyPem)
        return tl::unexpected(keyPem.error());
    QSslKey key;
    for (QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
        key = QSslKey(*keyPem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            break;
    }
    if (key.isNull())
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("%1 holds no unencrypted PEM private key (RSA or EC)").arg(keyFile));
    if (!keyMatchesCertificate(*certificatePem, *keyPem))
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("the private key in %1 does not belong to the certificate in %2")
                        .arg(keyFile, certificateFile));

    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone); // clients are not asked for certificates
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    return configuration;
}

} // namespace qw::rest
