// What "Test connection" found at a database URL, read without creating or changing anything
// there: whether a QuotaWatch database is there yet, and at which schema version.
#pragma once

namespace qw {

struct DatabaseProbe
{
    // False: no SQLite file yet, or a PostgreSQL database without QuotaWatch's tables. Either is
    // set up on first use.
    bool initialized = false;
    // The schema version found (0 when not initialized).
    int schemaVersion = 0;
    // The schema version this QuotaWatch writes; a database above it is refused.
    int latestVersion = 0;
    // Not initialized, but the database holds other tables already (someone else's data).
    bool holdsOtherTables = false;
};

} // namespace qw
