// TrendLoader on the real backend: the worker threads' connections read every key's series as
// the UI thread's HistoryService does, each key arrives exactly once, and a database the workers
// cannot open ends the load with the reason instead of trends.
#include "core/analytics/historyservice.h"
#include "core/analytics/trendloader.h"
#include "core/storage/apikeyrepository.h"
#include "core/storage/database.h"
#include "core/storage/snapshotrepository.h"
#include "tests/support/backendtest.h"

#include <QEventLoop>
#include <QJsonObject>
#include <QTimer>
#include <map>

namespace qw::test {

namespace {

const QDateTime kNow = QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC);
const QDateTime kFrom = kNow.addDays(-7);

class TrendLoaderTest : public OwnedBackendTest
{
protected:
    // `count` keys: each with a reading before the window, a failed check and a spending series
    // inside it (longer for later keys); every seventh key has no reading in the window at all.
    std::vector<qint64> addKeys(int count)
    {
        std::vector<qint64> ids;
        std::vector<Snapshot> history;
        for (int i = 0; i < count; ++i) {
            ApiKey key;
            key.userId = m_owner;
            key.name = QStringLiteral("key %1").arg(i);
            key.platform = QStringLiteral("deepseek");
            key.secretEnc = QByteArrayLiteral("gAAAAAB-token-");
            key.secretHint = QStringLiteral("sk-…abcd");
            key.options = QJsonObject{{QStringLiteral("currency"), QStringLiteral("USD")}};
            key.intervalS = 1800;
            auto id = ApiKeyRepository(*m_db).insert(key);
            EXPECT_TRUE(id) << (id ? "" : qPrintable(id.error().message));
            ids.push_back(*id);
            const auto reading = [&](const QDateTime &at, double remaining, CheckStatus status) {
                Snapshot snapshot;
                snapshot.keyId = *id;
                snapshot.checkedAt = at;
                snapshot.status = status;
                snapshot.kind = ReadingKind::Balance;
                if (status == CheckStatus::Ok)
                    snapshot.remaining = Amount::fromDouble(remaining);
                snapshot.unit = QStringLiteral("USD");
                history.push_back(snapshot);
            };
            reading(kFrom.addSecs(-3600), 999, CheckStatus::Ok);
            if (i % 7 == 0)
                continue;
            reading(kFrom.addSecs(600), 0, CheckStatus::NetworkError);
            for (int step = 0; step < 3 + i % 20; ++step)
                reading(kFrom.addSecs(3600 * (step + 1)), 500 - step * (1 + i % 5), CheckStatus::Ok);
        }
        EXPECT_TRUE(SnapshotRepository(*m_db).insertMany(history));
        return ids;
    }

    // Runs `loader` to its end; the chunks by key id.
    std::map<qint64, KeyTrend> run(TrendLoader &loader, const std::vector<qint64> &ids, QString *failure,
                                   int *duplicates)
    {
        std::map<qint64, KeyTrend> trends;
        QEventLoop loop;
        bool finished = false;
        QObject::connect(&loader, &TrendLoader::loaded, &loop, [&](const std::vector<KeyTrend> &chunk) {
            for (const KeyTrend &trend : chunk)
                if (!trends.emplace(trend.keyId, trend).second)
                    ++*duplicates;
        });
        QObject::connect(&loader, &TrendLoader::finished, &loop, [&](const QString &message) {
            finished = true;
            *failure = message;
            loop.quit();
        });
        QTimer::singleShot(60'000, &loop, &QEventLoop::quit);
        loader.start(ids, kFrom.toMSecsSinceEpoch(), 8);
        loop.exec();
        EXPECT_TRUE(finished);
        EXPECT_FALSE(loader.isRunning());
        return trends;
    }
};

TEST_F(TrendLoaderTest, WorkersReadEveryKeyOnceAsTheHistoryDoes)
{
    const std::vector<qint64> ids = addKeys(620); // three chunks and some: several workers
    TrendLoader loader(m_db->url());
    QString failure;
    int duplicates = 0;
    const auto trends = run(loader, ids, &failure, &duplicates);
    EXPECT_TRUE(failure.isEmpty()) << qPrintable(failure);
    EXPECT_EQ(duplicates, 0);
    ASSERT_EQ(trends.size(), ids.size());

    HistoryService history(*m_db);
    int spending = 0;
    for (qint64 id : ids) {
        auto series = history.balanceSeries(id, TimeRange{kFrom, {}});
        ASSERT_TRUE(series);
        const KeyTrend expected = TrendLoader::summarize(id, *series, 8);
        const KeyTrend &got = trends.at(id);
        ASSERT_EQ(got.points.size(), expected.points.size()) << id;
        EXPECT_LE(got.points.size(), 8u);
        for (std::size_t i = 0; i < got.points.size(); ++i) {
            EXPECT_EQ(got.points[i].atMs, expected.points[i].atMs);
            EXPECT_EQ(got.points[i].remainingMicros, expected.points[i].remainingMicros);
        }
        EXPECT_DOUBLE_EQ(got.estimate.microsPerHour, expected.estimate.microsPerHour);
        EXPECT_EQ(got.estimate.observedMs, expected.estimate.observedMs);
        // Only the window's successful readings: not the one before it, not the failed check.
        if (!got.points.empty()) {
            EXPECT_GE(got.points.front().atMs, kFrom.toMSecsSinceEpoch());
            EXPECT_NE(got.points.front().remainingMicros, 999'000'000);
        }
        if (got.estimate.microsPerHour > 0)
            ++spending;
    }
    EXPECT_GT(spending, 500);
    EXPECT_TRUE(trends.at(ids.front()).points.empty()); // key 0: nothing in the window
}

TEST_F(TrendLoaderTest, ADatabaseTheWorkersCannotOpenEndsTheLoadWithTheReason)
{
    const std::vector<qint64> ids = addKeys(3);
    auto url = DatabaseUrl::parse(QStringLiteral("sqlite:///proc/no-such-folder/trends.db"));
    ASSERT_TRUE(url);
    TrendLoader loader(*url);
    QString failure;
    int duplicates = 0;
    const auto trends = run(loader, ids, &failure, &duplicates);
    EXPECT_TRUE(trends.empty());
    EXPECT_FALSE(failure.isEmpty());
}

TEST_F(TrendLoaderTest, ALoadStoppedOrRestartedDeliversOnlyTheNewOne)
{
    const std::vector<qint64> ids = addKeys(300);
    {
        // Destroyed while its workers run: it waits for them, and nothing arrives afterwards.
        TrendLoader gone(m_db->url());
        gone.start(ids, kFrom.toMSecsSinceEpoch(), 8);
    }
    TrendLoader loader(m_db->url());
    loader.start(ids, kFrom.toMSecsSinceEpoch(), 8); // replaced by the next start at once
    QString failure;
    int duplicates = 0;
    const std::vector<qint64> some(ids.begin(), ids.begin() + 10);
    const auto trends = run(loader, some, &failure, &duplicates);
    EXPECT_TRUE(failure.isEmpty());
    EXPECT_EQ(duplicates, 0);
    EXPECT_EQ(trends.size(), some.size());
}

} // namespace

} // namespace qw::test
