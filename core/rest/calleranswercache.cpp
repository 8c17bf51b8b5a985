#include "core/rest/calleranswercache.h"

#include "core/session/session.h"

namespace qw::rest {

CallerAnswerCache::CallerAnswerCache(Session &session)
{
    m_clock.start();
    QObject::connect(&session, &Session::keysChanged, &m_context, [this] { m_entries.clear(); });
    if (session.isUnlocked())
        QObject::connect(&session.engine().checks(), &CheckService::snapshotStored, &m_context,
                         [this](qint64, const Snapshot &) { m_entries.clear(); });
}

const QByteArray *CallerAnswerCache::find(qint64 caller) const
{
    const auto entry = m_entries.constFind(caller);
    if (entry == m_entries.cend() || m_clock.elapsed() - entry->madeAtMs >= kMaxAgeMs)
        return nullptr;
    return &entry->answer;
}

const QByteArray &CallerAnswerCache::store(qint64 caller, QByteArray answer)
{
    return m_entries.insert(caller, Entry{std::move(answer), m_clock.elapsed()})->answer;
}

} // namespace qw::rest
