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
    batch->startMore();
}

void CheckBatch::startMore()
{
    while (m_running.size() < kMaxStarted && !m_toStart.empty()) {
        const qint64 id = m_toStart.back();
        m_toStart.pop_back();
        m_running.insert(id);
        // check() never finishes inside the call (its signal comes on a later turn of the loop).
        m_checks.check(id);
    }
}

CheckBatch::CheckBatch(CheckService &checks, std::vector<qint64> keyIds, Done done)
    : QObject(&checks) // goes with the service, so a late signal never reaches a dead batch
    , m_checks(checks)
    , m_keyIds(std::move(keyIds))
    , m_done(std::move(done))
{
    // A key named twice is checked once; the lowest ids start first.
    const std::set<qint64> distinct(m_keyIds.begin(), m_keyIds.end());
    m_toStart.assign(distinct.rbegin(), distinct.rend());
    connect(
        &checks, &CheckService::checkFinished, this,
        [this](qint64 keyId, const Snapshot &snapshot, bool stored) { onFinished(keyId, snapshot, stored); });
}

void CheckBatch::onFinished(qint64 keyId, const Snapshot &snapshot, bool stored)
{
    if (m_running.erase(keyId) == 0)
        return; // not ours (or not started here yet), or already in
    m_results.emplace(keyId, Result{snapshot, stored});
    if (!m_running.empty() || !m_toStart.empty()) {
        startMore();
        return;
    }
    std::vector<Result> ordered;
    ordered.reserve(m_keyIds.size());
    // Moved out, not copied (10,000 results are megabytes), unless a key was named twice.
    const bool namedTwice = m_results.size() != m_keyIds.size();
    for (qint64 id : m_keyIds)
        ordered.push_back(namedTwice ? m_results.at(id) : std::move(m_results.at(id)));
    m_results.clear();
    deleteLater();
    m_done(std::move(ordered));
}

} // namespace qw
