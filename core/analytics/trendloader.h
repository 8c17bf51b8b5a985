// Reads the 7-day trend (a short line and the spending forecast) of many keys on worker threads,
// each with a connection of its own, so that the key table of 10,000 keys has every trend within
// a second of its first paint while its window stays responsive. Results arrive in chunks, on
// the thread that made the loader.
#pragma once

#include "core/analytics/burnrate.h"
#include "core/model/balancepoint.h"
#include "core/model/databaseurl.h"

#include <QObject>
#include <QThread>
#include <memory>
#include <span>
#include <vector>

namespace qw {

// One key's trend, reduced to what a table row keeps.
struct KeyTrend
{
    qint64 keyId = 0;
    BurnEstimate estimate;
    std::vector<BalancePoint> points; // the readings, reduced with LTTB to at most maxPoints
};

class TrendLoader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrendLoader)

public:
    explicit TrendLoader(DatabaseUrl url, QObject *parent = nullptr);
    // Stops the workers and waits for them: nothing arrives after this.
    ~TrendLoader() override;

    // Whether worker threads can open a connection of their own to `url` (not to a SQLite
    // database held in memory, which each connection would see empty).
    [[nodiscard]] static bool canLoad(const DatabaseUrl &url);

    // Reads the trends of `keyIds` from `fromMs` on, stopping a load still running. loaded()
    // brings them a chunk at a time, then finished() comes once.
    void start(std::vector<qint64> keyIds, qint64 fromMs, std::size_t maxPoints);
    // Stops the workers and waits for them; no signal follows.
    void cancel();
    [[nodiscard]] bool isRunning() const { return m_job != nullptr; }

    // `series` (oldest first) as a KeyTrend: what the loader does for each key, and what a live
    // check or a key read on the UI thread goes through too.
    [[nodiscard]] static KeyTrend summarize(qint64 keyId, std::span<const BalancePoint> series,
                                            std::size_t maxPoints);

signals:
    void loaded(const std::vector<qw::KeyTrend> &trends);
    // Every worker is done. `failure` is empty when every key was read; otherwise what went
    // wrong, and the keys not in any loaded() chunk are to be read some other way.
    void finished(const QString &failure);

private:
    struct Job;
    void run(const std::shared_ptr<Job> &job, int worker);
    void deliver(const std::shared_ptr<Job> &job, std::vector<KeyTrend> trends);
    void workerDone(const std::shared_ptr<Job> &job, const QString &failure);

    DatabaseUrl m_url;
    std::shared_ptr<Job> m_job;
    std::vector<QThread *> m_threads;
};

} // namespace qw
