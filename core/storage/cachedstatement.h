// A statement that runs on every check (or every key of a page), prepared once per connection
// and kept by the Database: parsing and planning it again each time was most of the database's
// CPU in a round of 10,000 keys (and on PostgreSQL two extra round trips, PREPARE and DEALLOCATE).
// The handle resets the statement when it goes, so a finished read holds no SQLite read
// transaction open (which would pin an old snapshot and keep other processes' writes out of view).
#pragma once

#include <QSqlQuery>
#include <memory>

namespace qw {

class CachedStatement final
{
public:
    // What the Database keeps per SQL text; `inUse` while a handle holds it.
    struct Slot
    {
        QSqlQuery query;
        bool inUse = false;
    };

    // A statement of the cache (in use until this handle goes), or a one-off one the handle owns
    // (the cached one was in use already: the same SQL inside a loop over its own rows).
    explicit CachedStatement(std::shared_ptr<Slot> slot);
    explicit CachedStatement(QSqlQuery oneOff);
    CachedStatement(CachedStatement &&other) noexcept;
    CachedStatement &operator=(CachedStatement &&) = delete;
    CachedStatement(const CachedStatement &) = delete;
    CachedStatement &operator=(const CachedStatement &) = delete;
    ~CachedStatement();

    [[nodiscard]] QSqlQuery &query() { return m_slot->query; }

private:
    std::shared_ptr<Slot> m_slot;
};

} // namespace qw
