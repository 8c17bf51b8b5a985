// Where the data lives, from --db / QUOTAWATCH_DB: "sqlite:///abs/path.db", a plain file path,
// or "postgresql://user:pass@host:port/dbname".
#pragma once

#include "core/result.h"

#include <QString>

namespace qw {

struct DatabaseUrl
{
    enum class Backend
    {
        Sqlite,
        Postgres
    };

    Backend backend = Backend::Sqlite;
    QString path; // SQLite: absolute file path
    QString host; // PostgreSQL
    int port = 5432;
    QString user;
    QString password;
    QString databaseName;
    QString connectOptions; // PostgreSQL query parameters, e.g. "sslmode=require"

    [[nodiscard]] static Result<DatabaseUrl> parse(const QString &text);
    // The default: quotawatch.db in the platform's application-data folder.
    [[nodiscard]] static DatabaseUrl defaultLocation();
    // The URL with the password replaced by "***", for messages and logs.
    [[nodiscard]] QString redacted() const;
    // Whether the PostgreSQL server is on this machine: localhost, 127.0.0.0/8, ::1, or a Unix
    // socket folder (a host, or a `host=` option, that starts with "/"). SQLite is always local.
    [[nodiscard]] bool isLocal() const;
    // Whether the URL names an sslmode of its own.
    [[nodiscard]] bool hasSslMode() const;
    // The libpq options to connect with: connectOptions, and for a server on another machine
    // whose URL names no sslmode, sslmode=verify-full (encrypted, certificate and host name
    // checked), since libpq's own default (prefer) lets anyone on the path read the password
    // and every sealed secret.
    [[nodiscard]] QString effectiveConnectOptions() const;
};

} // namespace qw
