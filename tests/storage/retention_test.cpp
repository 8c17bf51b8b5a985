// Retention on both backends: rolling old checks into hourly and daily runs keeps every day's
// spending and closing balance, leaves no gap or jump where the rolled history meets the raw
// one, never rolls a top-up, a status change, an alerted check or the newest check, and loses
// nothing when a check is written while its bucket is rolled.
#include "core/analytics/dailyspending.h"
#include "core/analytics/retentionservice.h"
#include "core/storage/alertrepository.h"
#include "core/storage/apikeyrepository.h"
#include "core/storage/database.h"
#include "core/storage/snapshotrepository.h"
#include "core/storage/snapshotrolluprepository.h"
#include "tests/support/backendtest.h"
#include "tests/support/fixedclock.h"

#include <QSqlQuery>
#include <QTimeZone>
#include <atomic>
#include <random>
#include <thread>

using namespace qw;
using qw::test::FixedClock;
using qw::test::OwnedBackendTest;

namespace {

const QDateTime kBase = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
constexpr qint64 kMinute = 60'000;

Snapshot check(qint64 keyId, qint64 atMs, std::optional<qint64> remainingMicros,
               CheckStatus status = CheckStatus::Ok)
{
    Snapshot snapshot;
    snapshot.keyId = keyId;
    snapshot.checkedAt = QDateTime::fromMSecsSinceEpoch(atMs, Qt::UTC);
    snapshot.status = status;
    snapshot.kind = ReadingKind::Balance;
    snapshot.unit = QStringLiteral("USD");
    if (remainingMicros)
        snapshot.remaining = Amount::fromMicros(*remainingMicros);
    else
        snapshot.error = QStringLiteral("timed out");
    snapshot.latencyMs = 100;
    return snapshot;
}

// The closing balance of every UTC day of a series.
std::map<QDate, qint64> dayEnds(const std::vector<BalancePoint> &points)
{
    std::map<QDate, qint64> ends;
    for (const BalancePoint &point : points)
        ends[QDateTime::fromMSecsSinceEpoch(point.atMs, Qt::UTC).date()] = point.remainingMicros;
    return ends;
}

} // namespace

class Retention : public OwnedBackendTest
{
protected:
    void SetUp() override
    {
        OwnedBackendTest::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        ApiKey key;
        key.userId = m_owner;
        key.name = QStringLiteral("rolled");
        key.platform = QStringLiteral("openrouter");
        key.secretEnc = QByteArrayLiteral("gAAAAAB-token-");
        key.secretHint = QStringLiteral("sk-…abcd");
        key.intervalS = 300;
        auto id = ApiKeyRepository(*m_db).insert(key);
        ASSERT_TRUE(id) << id.error().message.toStdString();
        m_key = *id;
    }

    // Ten days of 5-minute checks: steady spending with noise, a top-up on day 3, a network
    // outage of half an hour on day 5, a low-balance alert on day 7.
    void seedTenDays()
    {
        std::mt19937 random(15);
        std::uniform_int_distribution<qint64> spend(0, 40'000);
        std::vector<Snapshot> checks;
        qint64 remaining = 500'000'000;
        const qint64 start = kBase.toMSecsSinceEpoch();
        for (qint64 at = start; at < start + 10 * 24 * 60 * kMinute; at += 5 * kMinute) {
            const qint64 minute = (at - start) / kMinute;
            if (minute == 3 * 24 * 60 + 7 * 60 + 35) {
                remaining += 200'000'000;
                m_topUpAt = at;
            }
            if (minute >= 5 * 24 * 60 + 13 * 60 + 10 && minute < 5 * 24 * 60 + 13 * 60 + 40) {
                checks.push_back(check(m_key, at, std::nullopt, CheckStatus::NetworkError));
                continue;
            }
            remaining -= spend(random);
            checks.push_back(check(m_key, at, remaining));
            if (minute == 7 * 24 * 60 + 2 * 60 + 25)
                m_alertedAt = at;
        }
        ASSERT_TRUE(SnapshotRepository(*m_db).insertMany(checks));
        m_stored = qint64(checks.size());
        Alert alert;
        alert.keyId = m_key;
        alert.createdAt = QDateTime::fromMSecsSinceEpoch(m_alertedAt, Qt::UTC);
        alert.title = QStringLiteral("low");
        alert.message = QStringLiteral("low");
        ASSERT_TRUE(AlertRepository(*m_db).insert(alert));
    }

    [[nodiscard]] std::vector<BalancePoint> series()
    {
        auto points = SnapshotRepository(*m_db).balanceSeries(m_key);
        EXPECT_TRUE(points);
        return points ? *points : std::vector<BalancePoint>{};
    }

    [[nodiscard]] qint64 count(const QString &sql)
    {
        auto query = m_db->run(sql);
        EXPECT_TRUE(query && query->next());
        return query ? query->value(0).toLongLong() : -1;
    }

    void rollUpAt(const QDateTime &now)
    {
        FixedClock clock(now);
        RetentionService retention(*m_db, clock);
        auto rolled = retention.rollUp(std::chrono::milliseconds(-1));
        ASSERT_TRUE(rolled) << rolled.error().message.toStdString();
        EXPECT_TRUE(rolled->finished);
    }

    // Every raw check is either still raw or counted in a run: nothing lost, nothing twice.
    void expectEveryCheckAccountedFor(qint64 expected)
    {
        EXPECT_EQ(count(QStringLiteral("SELECT COUNT(*) FROM snapshots")) +
                      count(QStringLiteral("SELECT COALESCE(SUM(checks), 0) FROM snapshot_rollups")),
                  expected);
    }

    qint64 m_key = 0;
    qint64 m_stored = 0;
    qint64 m_topUpAt = 0;
    qint64 m_alertedAt = 0;
};

TEST_F(Retention, HourlyRollUpKeepsDailySpendAndDayEndBalance)
{
    seedTenDays();
    const std::vector<BalancePoint> before = series();
    // 95 days later with 90 days kept raw: the first five days are older than the retention.
    rollUpAt(kBase.addDays(95));

    const std::vector<BalancePoint> after = series();
    // The rolled five days: at most two points an hour (a run's first and last) and the kept checks.
    const qint64 rolledEnd = kBase.addDays(5).toMSecsSinceEpoch();
    EXPECT_LE(
        std::count_if(after.begin(), after.end(), [&](const BalancePoint &p) { return p.atMs < rolledEnd; }),
        5 * 24 * 2 + 4);
    const QTimeZone utc = QTimeZone::utc();
    EXPECT_EQ(DailySpending::daily(after, utc), DailySpending::daily(before, utc));
    // Hourly runs stay within local days of whole-hour zones too.
    const QTimeZone shanghai("Asia/Shanghai");
    EXPECT_EQ(DailySpending::daily(after, shanghai), DailySpending::daily(before, shanghai));
    EXPECT_EQ(dayEnds(after), dayEnds(before));
    EXPECT_GT(count(QStringLiteral("SELECT COUNT(*) FROM snapshot_rollups WHERE resolution = 'hour'")), 100);
    // Days 6 to 10 are within the retention: untouched.
    EXPECT_EQ(count(QStringLiteral("SELECT COUNT(*) FROM snapshots WHERE checked_at >= %1")
                        .arg(kBase.addDays(5).toMSecsSinceEpoch())),
              5 * 24 * 12);
    expectEveryCheckAccountedFor(m_stored);
}

TEST_F(Retention, DailyRollUpKeepsDailySpendAndDayEndBalance)
{
    seedTenDays();
    const std::vector<BalancePoint> before = series();
    rollUpAt(kBase.addDays(95));
    // A year and more later: the hourly runs of the first days merge into daily ones.
    rollUpAt(kBase.addDays(400));

    const std::vector<BalancePoint> after = series();
    EXPECT_LT(after.size(), 200u);
    EXPECT_EQ(DailySpending::daily(after, QTimeZone::utc()), DailySpending::daily(before, QTimeZone::utc()));
    EXPECT_EQ(dayEnds(after), dayEnds(before));
    EXPECT_GT(count(QStringLiteral("SELECT COUNT(*) FROM snapshot_rollups WHERE resolution = 'day'")), 0);
    EXPECT_EQ(count(QStringLiteral("SELECT COUNT(*) FROM snapshot_rollups WHERE resolution = 'hour'")), 0);
    expectEveryCheckAccountedFor(m_stored);
    // A second pass finds nothing left to do and changes nothing.
    rollUpAt(kBase.addDays(400));
    EXPECT_EQ(series().size(), after.size());
}

TEST_F(Retention, RangeAcrossTheBoundaryHasNoGapAndNoJump)
{
    seedTenDays();
    const std::vector<BalancePoint> before = series();
    rollUpAt(kBase.addDays(95));
    // A chart of days 3 to 8: rolled up to day 5, raw after it.
    auto points = SnapshotRepository(*m_db).balanceSeries(m_key, kBase.addDays(3), kBase.addDays(8));
    ASSERT_TRUE(points);
    ASSERT_FALSE(points->empty());
    // Every point drawn is a point the raw history had, at its time with its value (no jump)...
    std::map<qint64, qint64> raw;
    for (const BalancePoint &point : before)
        raw[point.atMs] = point.remainingMicros;
    for (const BalancePoint &point : *points) {
        ASSERT_TRUE(raw.contains(point.atMs));
        EXPECT_EQ(raw[point.atMs], point.remainingMicros);
    }
    // ...and no two points are further apart than an hour and a check (no gap), bar the outage.
    const qint64 outageEnd = kBase.addDays(5).addSecs(13 * 3600 + 40 * 60).toMSecsSinceEpoch();
    for (std::size_t i = 1; i < points->size(); ++i) {
        if ((*points)[i].atMs == outageEnd)
            continue;
        EXPECT_LE((*points)[i].atMs - (*points)[i - 1].atMs, 65 * kMinute) << i;
    }
    EXPECT_EQ(points->front().atMs, kBase.addDays(3).toMSecsSinceEpoch());
    EXPECT_GE(points->back().atMs, kBase.addDays(8).addSecs(-5 * 60).toMSecsSinceEpoch());
    // The page and count of the same range agree with each other.
    auto rows = SnapshotRepository(*m_db).range(m_key, kBase.addDays(3), kBase.addDays(8));
    auto total = SnapshotRepository(*m_db).countInRange(m_key, kBase.addDays(3), kBase.addDays(8));
    ASSERT_TRUE(rows && total);
    EXPECT_EQ(qint64(rows->size()), *total);
}

TEST_F(Retention, TopUpsStatusChangesAlertsAndTheNewestCheckStayRaw)
{
    seedTenDays();
    // Everything is older than the retention now.
    rollUpAt(kBase.addDays(200));
    const auto rawAt = [&](qint64 atMs) {
        return count(QStringLiteral("SELECT COUNT(*) FROM snapshots WHERE key_id = %1 AND checked_at = %2")
                         .arg(m_key)
                         .arg(atMs));
    };
    EXPECT_EQ(rawAt(m_topUpAt), 1);
    EXPECT_EQ(rawAt(m_alertedAt), 1);
    const qint64 outageStart = kBase.addDays(5).addSecs(13 * 3600 + 10 * 60).toMSecsSinceEpoch();
    const qint64 outageEnd = kBase.addDays(5).addSecs(13 * 3600 + 40 * 60).toMSecsSinceEpoch();
    EXPECT_EQ(rawAt(outageStart), 1); // ok -> network error
    EXPECT_EQ(rawAt(outageEnd), 1);   // network error -> ok
    auto latest = SnapshotRepository(*m_db).latest(m_key);
    ASSERT_TRUE(latest && *latest);
    EXPECT_EQ((*latest)->checkedAt, kBase.addDays(10).addSecs(-5 * 60));
    EXPECT_LT(count(QStringLiteral("SELECT COUNT(*) FROM snapshots")), 20);
    // The failed checks of the outage read back as failures, not as a balance.
    auto outage = SnapshotRepository(*m_db).range(m_key, QDateTime::fromMSecsSinceEpoch(outageStart, Qt::UTC),
                                                  QDateTime::fromMSecsSinceEpoch(outageEnd, Qt::UTC));
    ASSERT_TRUE(outage);
    ASSERT_FALSE(outage->empty());
    for (const Snapshot &failed : *outage) {
        EXPECT_EQ(failed.status, CheckStatus::NetworkError);
        EXPECT_FALSE(failed.remaining);
    }
    expectEveryCheckAccountedFor(m_stored);
}

TEST_F(Retention, ACheckWrittenWhileItsBucketIsRolledIsNotLost)
{
    seedTenDays();
    // Another connection stores a (late, old) check into the first hour and holds its
    // transaction open while this one rolls that hour up.
    std::atomic<bool> written = false;
    std::atomic<bool> release = false;
    std::thread writer([&] {
        auto db = m_testDb->open();
        ASSERT_NE(db, nullptr);
        ASSERT_TRUE(db->beginTransaction());
        ASSERT_TRUE(SnapshotRepository(*db).insert(
            check(m_key, kBase.toMSecsSinceEpoch() + 7 * kMinute, 499'990'000)));
        written = true;
        while (!release)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        ASSERT_TRUE(db->commit());
    });
    while (!written)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    release = true;
    // SQLite: the roll-up waits for the writer's lock; PostgreSQL: it does not see the
    // uncommitted row and so leaves it alone.
    rollUpAt(kBase.addDays(95));
    writer.join();
    expectEveryCheckAccountedFor(m_stored + 1);
    if (!isPostgres())
        return;
    // On PostgreSQL the late check stays raw behind the rolled hour.
    EXPECT_EQ(count(QStringLiteral("SELECT COUNT(*) FROM snapshots WHERE checked_at = %1")
                        .arg(kBase.toMSecsSinceEpoch() + 7 * kMinute)),
              1);
}

TEST_F(Retention, SettingIsValidatedAndStatsCountRows)
{
    FixedClock clock(kBase.addDays(95));
    RetentionService retention(*m_db, clock);
    EXPECT_EQ(retention.settings()->rawDays, 90);
    EXPECT_FALSE(retention.setRawDays(0));
    EXPECT_FALSE(retention.setRawDays(100000));
    ASSERT_TRUE(retention.setRawDays(30));
    EXPECT_EQ(retention.settings()->rawDays, 30);
    seedTenDays();
    ASSERT_TRUE(retention.rollUp(std::chrono::milliseconds(-1)));
    auto stats = retention.stats();
    ASSERT_TRUE(stats) << stats.error().message.toStdString();
    EXPECT_EQ(stats->retention.rawDays, 30);
    EXPECT_GT(stats->sizeBytes, 0);
    EXPECT_GT(stats->rows.hourlyRuns, 0);
    EXPECT_EQ(stats->rows.rawChecks + stats->rows.rolledChecks, m_stored);
    ASSERT_TRUE(stats->rows.oldestRawMs);
    EXPECT_EQ(*stats->rows.oldestRawMs, kBase.toMSecsSinceEpoch()); // the first check: no previous one
    auto compacted = retention.compact();
    ASSERT_TRUE(compacted) << compacted.error().message.toStdString();
}
