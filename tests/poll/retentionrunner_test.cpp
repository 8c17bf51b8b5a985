// The engine's background roll-up: it runs in slices, one small transaction at a time, with the
// event loop (and so the checks) running between them, and a pass ends with every check older
// than the retention rolled up.
#include "core/poll/retentionrunner.h"
#include "core/storage/apikeyrepository.h"
#include "core/storage/snapshotrepository.h"
#include "core/storage/userrepository.h"
#include "tests/support/fixedclock.h"
#include "tests/support/testdatabase.h"
#include "tests/support/waitfor.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTimer>
#include <gtest/gtest.h>

using namespace qw;
using namespace qw::test;

namespace {

const QDateTime kNow = QDateTime(QDate(2026, 12, 1), QTime(12, 0), Qt::UTC);

qint64 count(Database &db, const QString &sql)
{
    auto query = db.run(sql);
    return query && query->next() ? query->value(0).toLongLong() : -1;
}

} // namespace

TEST(RetentionRunner, RollsUpInSlicesWhileChecksAreStored)
{
    TestDatabase testDb(QStringLiteral("sqlite"));
    auto db = testDb.open();
    ASSERT_NE(db, nullptr);
    const qint64 owner = UserRepository(*db).ensureOwner().value_or(0);
    ApiKey key;
    key.userId = owner;
    key.name = QStringLiteral("busy");
    key.platform = QStringLiteral("openrouter");
    key.secretEnc = QByteArrayLiteral("gAAAAAB-token-");
    key.secretHint = QStringLiteral("sk-…abcd");
    key.intervalS = 300;
    const qint64 keyId = ApiKeyRepository(*db).insert(key).value_or(0);
    ASSERT_GT(keyId, 0);
    // Four days of 5-minute checks ending 100 days ago: 96 hours to roll, one per slice.
    std::vector<Snapshot> old;
    qint64 remaining = 100'000'000;
    const QDateTime start = kNow.addDays(-104);
    for (int i = 0; i < 4 * 24 * 12; ++i) {
        Snapshot check;
        check.keyId = keyId;
        check.checkedAt = start.addSecs(i * 300);
        check.kind = ReadingKind::Balance;
        check.unit = QStringLiteral("USD");
        remaining -= 1000;
        check.remaining = Amount::fromMicros(remaining);
        old.push_back(check);
    }
    ASSERT_TRUE(SnapshotRepository(*db).insertMany(old));

    FixedClock clock(kNow);
    RetentionRunner runner(*db, clock);
    runner.setTiming({.startDelayMs = 0, .sliceMs = 0, .pauseMs = 1, .periodMs = 3'600'000});
    QSignalSpy finished(&runner, &RetentionRunner::passFinished);
    // "Checks" stored on the same thread and connection while the pass runs.
    int stored = 0;
    QTimer checks;
    QObject::connect(&checks, &QTimer::timeout, [&] {
        Snapshot check;
        check.keyId = keyId;
        check.checkedAt = kNow.addSecs(stored);
        check.kind = ReadingKind::Balance;
        check.unit = QStringLiteral("USD");
        check.remaining = Amount::fromMicros(remaining);
        if (SnapshotRepository(*db).insert(check))
            ++stored;
    });
    checks.start(1);
    runner.start();
    ASSERT_TRUE(waitFor([&] { return finished.count() == 1; }, 30000));
    checks.stop();

    EXPECT_EQ(finished.at(0).at(0).toLongLong(), 4 * 24 * 12 - 1); // all but the first (no previous)
    EXPECT_GE(stored, 10) << "checks were stored between the slices of the pass";
    EXPECT_EQ(count(*db, QStringLiteral("SELECT COUNT(*) FROM snapshot_rollups")), 4 * 24);
    EXPECT_EQ(count(*db, QStringLiteral("SELECT COUNT(*) FROM snapshots")), 1 + stored);
    // The next pass waits for its period.
    EXPECT_TRUE(runner.isActive());
    runner.stop();
    EXPECT_FALSE(runner.isActive());
}
