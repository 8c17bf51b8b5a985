// The numbered schema migrations, one list for SQLite and PostgreSQL. All pending steps run
// in a single transaction and record the new version in schema_version, so a database is
// always at a version some release of QuotaWatch wrote.
#pragma once

#include "core/result.h"

namespace qw {

class Database;

class Migrations final
{
public:
    [[nodiscard]] static int latestVersion();
    // The version the database is at (0 when empty).
    [[nodiscard]] static Result<int> currentVersion(Database &db);
    // Brings the database to latestVersion(); SchemaTooNew when it is already beyond it.
    [[nodiscard]] static Result<void> apply(Database &db);
};

} // namespace qw
