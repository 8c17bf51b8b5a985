#include "core/analytics/trendloader.h"

#include "core/analytics/downsampling.h"
#include "core/storage/database.h"
#include "core/storage/readtransaction.h"
#include "core/storage/seriesreader.h"

#include <QMetaObject>
#include <algorithm>
#include <atomic>

namespace qw {

namespace {

// Keys per chunk: large enough that a queued delivery per chunk costs nothing, small enough that
// the first rows fill in at once and a cancel is quick.
constexpr std::size_t kChunkKeys = 250;
// SQLite reads scale with cores; more connections than this only add contention.
constexpr int kMaxWorkers = 4;

} // namespace

struct TrendLoader::Job
{
    std::vector<qint64> keyIds;
    qint64 fromMs = 0;
    std::size_t maxPoints = 0;
    std::atomic<std::size_t> next{0}; // the first key of the next chunk a worker takes
    std::atomic<bool> cancelled{false};
    int workersLeft = 0; // on the loader's thread only
    QString failure;     // likewise
};

TrendLoader::TrendLoader(DatabaseUrl url, QObject *parent)
    : QObject(parent)
    , m_url(std::move(url))
{}

TrendLoader::~TrendLoader()
{
    cancel();
}

bool TrendLoader::canLoad(const DatabaseUrl &url)
{
    return url.backend != DatabaseUrl::Backend::Sqlite ||
           (!url.path.isEmpty() && !url.path.startsWith(u':') &&
            !url.path.contains(QLatin1String("mode=memory")));
}

KeyTrend TrendLoader::summarize(qint64 keyId, std::span<const BalancePoint> series, std::size_t maxPoints)
{
    KeyTrend trend;
    trend.keyId = keyId;
    trend.estimate = BurnRate::estimate(series);
    trend.points = Downsampling::lttb(series, maxPoints);
    return trend;
}

void TrendLoader::start(std::vector<qint64> keyIds, qint64 fromMs, std::size_t maxPoints)
{
    cancel();
    auto job = std::make_shared<Job>();
    job->keyIds = std::move(keyIds);
    job->fromMs = fromMs;
    job->maxPoints = maxPoints;
    const std::size_t chunks = (job->keyIds.size() + kChunkKeys - 1) / kChunkKeys;
    const int workers =
        int(std::min<std::size_t>(std::clamp(QThread::idealThreadCount(), 1, kMaxWorkers), chunks));
    m_job = job;
    if (workers == 0) {
        m_job.reset();
        QMetaObject::invokeMethod(
            this, [this] { emit finished({}); }, Qt::QueuedConnection);
        return;
    }
    job->workersLeft = workers;
    for (int worker = 0; worker < workers; ++worker) {
        QThread *thread = QThread::create([this, job, worker] { run(job, worker); });
        thread->setObjectName(QStringLiteral("trends-%1").arg(worker));
        m_threads.push_back(thread);
        thread->start();
    }
}

void TrendLoader::cancel()
{
    if (m_job)
        m_job->cancelled = true;
    for (QThread *thread : m_threads) {
        thread->wait();
        delete thread;
    }
    m_threads.clear();
    // Deliveries already queued find another job (or none) and are dropped.
    m_job.reset();
}

void TrendLoader::run(const std::shared_ptr<Job> &job, int worker)
{
    QString failure;
    {
        // A connection name unique to this loader, run and worker.
        const QString name = QStringLiteral("trends-%1-%2-%3")
                                 .arg(quintptr(this), 0, 16)
                                 .arg(quintptr(job.get()), 0, 16)
                                 .arg(worker);
        auto db = Database::open(m_url, name);
        if (db && (*db)->backend() == DatabaseUrl::Backend::Sqlite) {
            // Each key's week is read once: SQLite's own 2 MiB of page cache, not the 16 MiB a
            // connection that checks keys round after round keeps (Database::connect), which
            // every worker would fill with pages it never reads again.
            (void)(*db)->run(QStringLiteral("PRAGMA cache_size = -2000"));
        }
        if (!db) {
            failure = db.error().message;
        } else if (auto reader = SeriesReader::prepare(**db); !reader) {
            failure = reader.error().message;
        } else {
            std::vector<BalancePoint> series;
            while (!job->cancelled) {
                const std::size_t begin = job->next.fetch_add(kChunkKeys);
                if (begin >= job->keyIds.size())
                    break;
                const std::size_t end = std::min(job->keyIds.size(), begin + kChunkKeys);
                std::vector<KeyTrend> trends;
                trends.reserve(end - begin);
                // One lock for the chunk, and one state of the database for its keys.
                ReadTransaction transaction(**db);
                for (std::size_t i = begin; i < end && !job->cancelled; ++i) {
                    if (auto read = (*reader)->read(job->keyIds[i], job->fromMs, series); !read) {
                        failure = read.error().message;
                        break;
                    }
                    trends.push_back(summarize(job->keyIds[i], series, job->maxPoints));
                }
                deliver(job, std::move(trends));
                if (!failure.isEmpty())
                    break;
            }
        }
    }
    QMetaObject::invokeMethod(
        this, [this, job, failure] { workerDone(job, failure); }, Qt::QueuedConnection);
}

void TrendLoader::deliver(const std::shared_ptr<Job> &job, std::vector<KeyTrend> trends)
{
    if (trends.empty())
        return;
    auto shared = std::make_shared<std::vector<KeyTrend>>(std::move(trends));
    QMetaObject::invokeMethod(
        this,
        [this, job, shared] {
            if (job == m_job && !job->cancelled)
                emit loaded(*shared);
        },
        Qt::QueuedConnection);
}

void TrendLoader::workerDone(const std::shared_ptr<Job> &job, const QString &failure)
{
    if (job != m_job || job->cancelled)
        return;
    if (job->failure.isEmpty())
        job->failure = failure;
    if (--job->workersLeft > 0)
        return;
    for (QThread *thread : m_threads) {
        thread->wait();
        delete thread;
    }
    m_threads.clear();
    const QString message = job->failure;
    m_job.reset();
    emit finished(message);
}

} // namespace qw
