#include "core/poll/checkbatch.h"

#include "core/poll/checkservice.h"

#include <QTimer>
#include <algorithm>
#include <set>

namespace qw {

void CheckBatch::start(CheckService &checks, std::vector<qint64> keyIds, Done done)
{
    if (keyIds.empty()) {
        QTimer::singleShot(0, &checks, [done = std::move(done)] { done({}); });
        return;
    }
    auto *batch = new CheckBatch(checks, keyIds, std::move(done));
    for (qint64 id : batch->m_keyIds)
        checks.check(id);
}

CheckBatch::CheckBatch(CheckService &checks, std::vector<qint64> keyIds, Done done)
    : QObject(&checks) // goes with the service, so a late signal never reaches a dead batch
    , m_keyIds(std::move(keyIds))
    , m_done(std::move(done))
{
    connect(&checks, &CheckService::checkFinished, this,
            [this](qint64 keyId, const Snapshot &snapshot, bool) { onFinished(keyId, snapshot); });
}

void CheckBatch::onFinished(qint64 keyId, const Snapshot &snapshot)
{
    if (std::find(m_keyIds.begin(), m_keyIds.end(), keyId) == m_keyIds.end() || m_results.contains(keyId))
        return;
    m_results.emplace(keyId, snapshot);
    if (m_results.size() < std::set<qint64>(m_keyIds.begin(), m_keyIds.end()).size())
        return;
    std::vector<Snapshot> ordered;
    ordered.reserve(m_keyIds.size());
    for (qint64 id : m_keyIds)
        ordered.push_back(m_results.at(id));
    deleteLater();
    m_done(ordered);
}

} // namespace qw
