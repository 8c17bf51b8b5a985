#include "core/poll/checkbatch.h"

#include "core/poll/checkservice.h"

#include <QTimer>

namespace qw {

void CheckBatch::start(CheckService &checks, std::vector<qint64> keyIds, Done done)
{
    if (keyIds.empty()) {
        QTimer::singleShot(0, &checks, [done = std::move(done)] { done({}); });
        return;
    }
    auto *batch = new CheckBatch(checks, std::move(keyIds), std::move(done));
    for (qint64 id : batch->m_pending)
        checks.check(id); // a key named twice is checked once
}

CheckBatch::CheckBatch(CheckService &checks, std::vector<qint64> keyIds, Done done)
    : QObject(&checks) // goes with the service, so a late signal never reaches a dead batch
    , m_keyIds(std::move(keyIds))
    , m_pending(m_keyIds.begin(), m_keyIds.end())
    , m_done(std::move(done))
{
    connect(
        &checks, &CheckService::checkFinished, this,
        [this](qint64 keyId, const Snapshot &snapshot, bool stored) { onFinished(keyId, snapshot, stored); });
}

void CheckBatch::onFinished(qint64 keyId, const Snapshot &snapshot, bool stored)
{
    if (m_pending.erase(keyId) == 0)
        return; // not ours, or already in
    m_results.emplace(keyId, Result{snapshot, stored});
    if (!m_pending.empty())
        return;
    std::vector<Result> ordered;
    ordered.reserve(m_keyIds.size());
    for (qint64 id : m_keyIds)
        ordered.push_back(m_results.at(id));
    deleteLater();
    m_done(ordered);
}

} // namespace qw
