// The PostgreSQL server the CTest fixture "postgres" started (tests/fixtures/pg-fixture.sh).
// The fixture writes its state to QW_PG_STATE_DIR: "url" (the admin URL) when it runs, or
// "unavailable" with the reason when no PostgreSQL server binaries are installed.
#pragma once

#include <QString>
#include <optional>

namespace qw::test {

class PgTestServer final
{
public:
    // postgresql://postgres@127.0.0.1:PORT/postgres, or nullopt when no server runs.
    static std::optional<QString> adminUrl();
    // Why there is no server, for GTEST_SKIP.
    static QString unavailableReason();
    // A new, empty database with a unique name; its URL. Empty on failure (with a gtest failure).
    static QString createDatabase();
    static void dropDatabase(const QString &url);
    // Restarts the server (pg_ctl restart), dropping every open connection.
    static bool restart();
    // Stops the server, keeping its data (an outage), and starts it again on the same port. Tests
    // that call these hold the `postgres-server` resource lock, like every PostgreSQL suite.
    static bool pause();
    static bool resume();
    // One statement on the admin database (roles, grants); false (with a gtest failure) on error.
    static bool runAdmin(const QString &sql);
};

} // namespace qw::test
