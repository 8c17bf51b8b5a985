#include "core/secrets/databasepasswordstore.h"

#include "core/crypto/securebytes.h"
#include "core/secrets/keychainmasterkeystore.h"

namespace qw {

namespace {

// The keychain access of the master key, pointed at another entry: one way to reach the
// keychain, with its timeout and without QtKeychain's plain-file fallback.
KeychainMasterKeyStore entryOf(const QString &service, const DatabaseUrl &url)
{
    return KeychainMasterKeyStore(service, DatabasePasswordStore::entryName(url));
}

} // namespace

DatabasePasswordStore::DatabasePasswordStore(QString service)
    : m_service(std::move(service))
{}

QString DatabasePasswordStore::entryName(const DatabaseUrl &url)
{
    return QStringLiteral("database-password:%1@%2:%3/%4")
        .arg(url.user, url.host)
        .arg(url.port)
        .arg(url.databaseName);
}

Result<std::optional<QString>> DatabasePasswordStore::read(const DatabaseUrl &url) const
{
    auto stored = entryOf(m_service, url).read();
    if (!stored)
        return tl::unexpected(stored.error());
    if (!*stored)
        return std::optional<QString>();
    return std::optional<QString>(QString::fromUtf8((*stored)->view()));
}

Result<void> DatabasePasswordStore::write(const DatabaseUrl &url, const QString &password) const
{
    return entryOf(m_service, url).write(SecureBytes(password.toUtf8()));
}

Result<void> DatabasePasswordStore::remove(const DatabaseUrl &url) const
{
    return entryOf(m_service, url).remove();
}

DatabaseUrl DatabasePasswordStore::withStoredPassword(DatabaseUrl url) const
{
    if (url.backend != DatabaseUrl::Backend::Postgres || !url.password.isEmpty())
        return url;
    if (auto stored = read(url); stored && *stored)
        url.password = **stored;
    return url;
}

} // namespace qw
