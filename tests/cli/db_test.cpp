// `quotawatch db stats|compact|retention`: the figures of the history's storage, rolling old
// checks up on demand with the space given back, and the retention setting, with the documented
// exit codes; the history command reads rolled-up checks like raw ones.
#include "core/storage/snapshotrepository.h"
#include "tests/cli/clitest.h"

#include <QJsonObject>
#include <QSqlQuery>

namespace qw::test {
namespace {

constexpr qint64 kMinute = 60'000;

class CliDb : public CliTest
{
protected:
    // A key with a check every 5 minutes for the 10 days that ended 200 days ago (all older
    // than the default retention of 90 days) and for the last day.
    qint64 seedKeyWithHistory()
    {
        const qint64 id = addKey(QStringLiteral("old"), QStringLiteral("deepseek"), "sk-db-test-secret");
        if (id == 0)
            return 0;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        std::vector<Snapshot> checks;
        qint64 remaining = 900'000'000;
        const auto add = [&](qint64 from, qint64 to) {
            for (qint64 at = from; at < to; at += 5 * kMinute) {
                Snapshot check;
                check.keyId = id;
                check.checkedAt = QDateTime::fromMSecsSinceEpoch(at, Qt::UTC);
                check.kind = ReadingKind::Balance;
                check.unit = QStringLiteral("CNY");
                remaining -= 10'000;
                check.remaining = Amount::fromMicros(remaining);
                checks.push_back(check);
            }
        };
        add(now - 210 * 24 * 60 * kMinute, now - 200 * 24 * 60 * kMinute);
        add(now - 24 * 60 * kMinute, now);
        EXPECT_TRUE(SnapshotRepository(db()).insertMany(checks));
        m_seeded = qint64(checks.size());
        return id;
    }

    QJsonObject statsJson()
    {
        const CliResult stats = runDb(cmd({"db", "stats", "--json"}));
        EXPECT_TRUE(succeeded(stats)) << stats.describe();
        return QJsonDocument::fromJson(stats.out).object();
    }

    qint64 m_seeded = 0;
};

TEST_F(CliDb, StatsCountRawChecksAndSayTheRetention)
{
    ASSERT_NE(seedKeyWithHistory(), 0);
    const QJsonObject stats = statsJson();
    EXPECT_EQ(stats.value(QStringLiteral("raw_checks")).toInteger(), m_seeded);
    EXPECT_EQ(stats.value(QStringLiteral("hourly_runs")).toInteger(), 0);
    EXPECT_EQ(stats.value(QStringLiteral("rolled_checks")).toInteger(), 0);
    EXPECT_GT(stats.value(QStringLiteral("size_bytes")).toInteger(), 0);
    EXPECT_EQ(stats.value(QStringLiteral("raw_retention_days")).toInt(), 90);
    const QDateTime oldest =
        QDateTime::fromString(stats.value(QStringLiteral("oldest_raw_check")).toString(), Qt::ISODate);
    ASSERT_TRUE(oldest.isValid());
    EXPECT_NEAR(double(oldest.daysTo(QDateTime::currentDateTimeUtc())), 210.0, 1.0);
    EXPECT_FALSE(stats.value(QStringLiteral("database")).toString().isEmpty());

    const CliResult text = runDb(cmd({"db", "stats"}));
    ASSERT_TRUE(succeeded(text)) << text.describe();
    EXPECT_TRUE(
        text.outText().contains(QStringLiteral("Raw checks:   %1").arg(QLocale::c().toString(m_seeded))))
        << text.describe();
    EXPECT_TRUE(text.outText().contains(QStringLiteral("raw checks 90 days"))) << text.describe();
}

TEST_F(CliDb, CompactRollsUpOldChecksAndTheHistoryStillReadsThem)
{
    const qint64 id = seedKeyWithHistory();
    ASSERT_NE(id, 0);
    const CliResult before = runDb(cmd({"history", QByteArray::number(id).constData(), "--json"}));
    ASSERT_TRUE(succeeded(before)) << before.describe();
    const QJsonArray rawHistory = QJsonDocument::fromJson(before.out).array();

    const CliResult compacted = runDb(cmd({"db", "compact"}));
    ASSERT_TRUE(succeeded(compacted)) << compacted.describe();
    EXPECT_TRUE(compacted.outText().startsWith(QStringLiteral("Rolled "))) << compacted.describe();
    EXPECT_TRUE(compacted.outText().contains(QStringLiteral("older than 90 days"))) << compacted.describe();

    const QJsonObject stats = statsJson();
    const qint64 raw = stats.value(QStringLiteral("raw_checks")).toInteger();
    // The last day stays raw; the ten old days become two points an hour at most.
    EXPECT_GE(raw, 24 * 12 - 1);
    EXPECT_LT(raw, 24 * 12 + 10);
    EXPECT_GE(stats.value(QStringLiteral("hourly_runs")).toInteger(), 10 * 24 - 1);
    EXPECT_EQ(raw + stats.value(QStringLiteral("rolled_checks")).toInteger(), m_seeded);

    // `history` reads through the roll-up: the same first and last check, fewer rows between.
    const CliResult after = runDb(cmd({"history", QByteArray::number(id).constData(), "--json"}));
    ASSERT_TRUE(succeeded(after)) << after.describe();
    const QJsonArray rolledHistory = QJsonDocument::fromJson(after.out).array();
    ASSERT_FALSE(rolledHistory.isEmpty());
    EXPECT_LT(rolledHistory.size(), rawHistory.size() / 2);
    EXPECT_EQ(rolledHistory.first(), rawHistory.first());
    EXPECT_EQ(rolledHistory.last(), rawHistory.last());
    // A second compaction has nothing left to roll.
    const CliResult again = runDb(cmd({"db", "compact"}));
    ASSERT_TRUE(succeeded(again)) << again.describe();
    EXPECT_TRUE(again.outText().startsWith(QStringLiteral("Rolled 0 checks"))) << again.describe();
}

TEST_F(CliDb, RetentionIsShownSetAndChecked)
{
    const CliResult shown = runDb(cmd({"db", "retention"}));
    ASSERT_TRUE(succeeded(shown)) << shown.describe();
    EXPECT_TRUE(shown.outText().contains(QStringLiteral("kept 90 days"))) << shown.describe();

    const CliResult set = runDb(cmd({"db", "retention", "30"}));
    ASSERT_TRUE(succeeded(set)) << set.describe();
    EXPECT_TRUE(set.outText().contains(QStringLiteral("kept 30 days"))) << set.describe();
    EXPECT_EQ(setting(QStringLiteral("retention.raw_days")), QStringLiteral("30"));
    EXPECT_EQ(statsJson().value(QStringLiteral("raw_retention_days")).toInt(), 30);

    EXPECT_TRUE(failedWith(runDb(cmd({"db", "retention", "0"})), kExitUsage, {QStringLiteral("retention")}));
    EXPECT_TRUE(failedWith(runDb(cmd({"db", "retention", "ninety"})), kExitUsage, {QStringLiteral("days")}));
    EXPECT_TRUE(failedWith(runDb(cmd({"db", "vacuum"})), kExitUsage));
    EXPECT_EQ(setting(QStringLiteral("retention.raw_days")), QStringLiteral("30"));
}

TEST_F(CliDb, AnUnreachableDatabaseIsExitCodeFour)
{
    const CliResult stats = run(cmd({"db", "stats", "--db", "postgresql://nobody@127.0.0.1:1/none"}), {}, {});
    EXPECT_TRUE(failedWith(stats, kExitDatabase)) << stats.describe();
}

} // namespace
} // namespace qw::test
