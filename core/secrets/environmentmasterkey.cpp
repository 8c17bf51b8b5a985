#include "core/secrets/environmentmasterkey.h"

#include "core/crypto/fernet.h"
#include "core/secrets/vaultunlocker.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <openssl/crypto.h>

namespace qw {

namespace {

constexpr auto kContext = "EnvironmentMasterKey";

// The key in `path`, named in messages as `source` (the variable, or the credential).
Result<std::optional<QByteArray>> readKeyFile(const QString &path, const QString &source)
{
    const QFileInfo info(path);
    if (!info.exists() || !info.isFile())
        return fail(ErrorCode::MasterKeyUnavailable,
                    QCoreApplication::translate(kContext,
                                                "The master key file %1 (%2) does not exist or is not "
                                                "a file.")
                        .arg(path, source));
#ifdef Q_OS_UNIX
    // Checked before reading: a key every account can read is a key already given away, and
    // using it anyway would hide that. Group access is the administrator's choice (a key shared
    // with a service group).
    if (info.permissions() & QFileDevice::ReadOther)
        return fail(ErrorCode::MasterKeyUnavailable,
                    QCoreApplication::translate(kContext, "The master key file %1 (%2) is readable by every "
                                                          "account on this machine; make it readable by its "
                                                          "owner only (chmod 600 %1) and start again.")
                        .arg(path, source));
#endif
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::MasterKeyUnavailable,
                    QCoreApplication::translate(kContext, "Cannot read the master key file %1 (%2): %3.")
                        .arg(path, source, file.errorString()));
    QByteArray content = file.read(EnvironmentMasterKey::kMaxFileSize + 1);
    // The same rule as for the variable: surrounding whitespace (an editor's newline) is not
    // part of the key.
    QByteArray key = content.trimmed();
    OPENSSL_cleanse(content.data(), size_t(content.size()));
    if (!Fernet::fromKey(key)) {
        OPENSSL_cleanse(key.data(), size_t(key.size()));
        return fail(ErrorCode::MasterKeyUnavailable,
                    QCoreApplication::translate(
                        kContext, "The master key file %1 (%2) does not hold a valid Fernet key (32 bytes in "
                                  "url-safe base64). Put the key this database was created with in it, or a "
                                  "new key made with: openssl rand -base64 32 | tr '+/' '-_'.")
                        .arg(path, source));
    }
    return std::optional<QByteArray>(std::move(key));
}

} // namespace

MasterKeySource EnvironmentMasterKey::source(const QProcessEnvironment &environment)
{
    if (environment.contains(QLatin1String(VaultUnlocker::kEnvVariable)))
        return MasterKeySource::EnvironmentVariable;
    if (environment.contains(QLatin1String(kFileVariable)))
        return MasterKeySource::KeyFile;
    const QString credentials = environment.value(QStringLiteral("CREDENTIALS_DIRECTORY"));
    if (!credentials.isEmpty() &&
        QFileInfo::exists(QDir(credentials).filePath(QLatin1String(kCredentialName))))
        return MasterKeySource::SystemdCredential;
    return MasterKeySource::Keychain;
}

Result<std::optional<QByteArray>> EnvironmentMasterKey::read()
{
    return read(QProcessEnvironment::systemEnvironment());
}

Result<std::optional<QByteArray>> EnvironmentMasterKey::read(const QProcessEnvironment &environment)
{
    const QString variable = QLatin1String(VaultUnlocker::kEnvVariable);
    if (environment.contains(variable))
        return std::optional<QByteArray>(environment.value(variable).toUtf8());
    const QString fileVariable = QLatin1String(kFileVariable);
    if (environment.contains(fileVariable))
        return readKeyFile(environment.value(fileVariable), fileVariable);
    // systemd sets CREDENTIALS_DIRECTORY whenever a unit has any credential; only ours counts.
    const QString credentials = environment.value(QStringLiteral("CREDENTIALS_DIRECTORY"));
    if (!credentials.isEmpty()) {
        const QString path = QDir(credentials).filePath(QLatin1String(kCredentialName));
        if (QFileInfo::exists(path))
            return readKeyFile(path, QCoreApplication::translate(kContext, "the systemd credential %1")
                                         .arg(QLatin1String(kCredentialName)));
    }
    return std::optional<QByteArray>();
}

} // namespace qw
