// A read-only transaction around many small reads: SQLite takes its lock once instead of once
// per statement, and every read sees the same state. Nested inside an open transaction it does
// nothing.
#pragma once

#include "core/storage/database.h"

namespace qw {

class ReadTransaction final
{
public:
    explicit ReadTransaction(Database &db)
        : m_db(db)
        , m_owned(!db.inTransaction() && db.beginTransaction().has_value())
    {}
    ~ReadTransaction()
    {
        if (m_owned)
            (void)m_db.commit();
    }
    ReadTransaction(const ReadTransaction &) = delete;
    ReadTransaction &operator=(const ReadTransaction &) = delete;

private:
    Database &m_db;
    bool m_owned;
};

} // namespace qw
