#include "core/poll/teampresence.h"

#include "core/storage/database.h"
#include "core/storage/keyleaserepository.h"

namespace qw {

bool TeamPresence::isTeamMode() const
{
    return m_db.backend() == DatabaseUrl::Backend::Postgres;
}

Result<QStringList> TeamPresence::otherInstances() const
{
    if (!isTeamMode())
        return QStringList{};
    return KeyLeaseRepository(m_db).activeOwnersOtherThan(m_self);
}

} // namespace qw
