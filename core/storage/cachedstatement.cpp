#include "core/storage/cachedstatement.h"

namespace qw {

CachedStatement::CachedStatement(std::shared_ptr<Slot> slot)
    : m_slot(std::move(slot))
{
    m_slot->inUse = true;
}

CachedStatement::CachedStatement(QSqlQuery oneOff)
    : m_slot(std::make_shared<Slot>(Slot{std::move(oneOff), true}))
{}

CachedStatement::CachedStatement(CachedStatement &&other) noexcept
    : m_slot(std::move(other.m_slot))
{}

CachedStatement::~CachedStatement()
{
    if (!m_slot)
        return;
    // Resets the statement (sqlite3_reset): its read, if unfinished, ends here.
    m_slot->query.finish();
    m_slot->inUse = false;
}

} // namespace qw
