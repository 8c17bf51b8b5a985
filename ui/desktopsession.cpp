#include "ui/desktopsession.h"

#include "core/secrets/unlockeddatabase.h"
#include "core/storage/userrepository.h"

namespace qw::ui {

namespace {

const SystemClock &systemClock()
{
    static const SystemClock clock;
    return clock;
}

} // namespace

Result<std::unique_ptr<DesktopSession>> DesktopSession::open(const DatabaseUrl &url, MasterKeyStore &store)
{
    auto unlocked = UnlockedDatabase::open(url, QStringLiteral("desktop"), store);
    if (!unlocked)
        return tl::unexpected(unlocked.error());
    return std::make_unique<DesktopSession>(std::move(unlocked->db), std::move(unlocked->vault),
                                            systemClock());
}

DesktopSession::DesktopSession(std::unique_ptr<Database> db, Vault vault, const Clock &clock,
                               const HttpClientLimits &limits, QObject *parent)
    : QObject(parent)
    , m_db(std::move(db))
    , m_vault(std::move(vault))
    , m_clock(clock)
    , m_engine(std::make_unique<Engine>(*m_db, m_vault, m_platforms, m_clock, limits))
{}

DesktopSession::~DesktopSession()
{
    m_engine.reset(); // before the database it uses
}

Result<qint64> DesktopSession::ownerId()
{
    if (m_ownerId > 0)
        return m_ownerId;
    auto owner = UserRepository(*m_db).ensureOwner();
    if (!owner)
        return tl::unexpected(owner.error());
    m_ownerId = *owner;
    return m_ownerId;
}

void DesktopSession::notifyKeysChanged()
{
    m_engine->reload();
    emit keysChanged();
}

} // namespace qw::ui
