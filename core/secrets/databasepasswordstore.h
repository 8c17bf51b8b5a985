// The PostgreSQL password in the OS keychain (QtKeychain, as the master key, an entry of its own
// per server, user and database), so that neither the settings file nor argv holds it. Without
// an entry, libpq falls back to PGPASSWORD and ~/.pgpass by itself.
#pragma once

#include "core/model/databaseurl.h"
#include "core/result.h"

#include <QString>
#include <optional>

namespace qw {

class DatabasePasswordStore final
{
public:
    // Service "QuotaWatch" in production; tests pass their own.
    explicit DatabasePasswordStore(QString service = QStringLiteral("QuotaWatch"));

    // "database-password:user@host:port/dbname".
    [[nodiscard]] static QString entryName(const DatabaseUrl &url);

    [[nodiscard]] Result<std::optional<QString>> read(const DatabaseUrl &url) const;
    [[nodiscard]] Result<void> write(const DatabaseUrl &url, const QString &password) const;
    [[nodiscard]] Result<void> remove(const DatabaseUrl &url) const;
    // `url` with the stored password, when it is a PostgreSQL URL without one and the keychain
    // holds one for it; otherwise `url` as given (an unreachable keychain is no error here: libpq
    // may still find a password in PGPASSWORD or ~/.pgpass, or need none).
    [[nodiscard]] DatabaseUrl withStoredPassword(DatabaseUrl url) const;

private:
    QString m_service;
};

} // namespace qw
