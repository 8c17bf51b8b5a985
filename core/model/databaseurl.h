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
};

} // namespace qw
