#include "core/storage/apikeyrepository.h"
#include "core/storage/database.h"
#include "core/storage/settingsrepository.h"
#include "core/storage/snapshotrepository.h"
#include "core/storage/userrepository.h"
#include "tests/support/backendtest.h"
#include "tests/support/pgtestserver.h"

#include <QSqlQuery>

using namespace qw;
using qw::test::OwnedBackendTest;

namespace {

const QDateTime kBase = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);

ApiKey sampleKey(qint64 userId, const QString &name)
{
    ApiKey key;
    key.userId = userId;
    key.name = name;
    key.platform = QStringLiteral("deepseek");
    key.secretEnc = QByteArrayLiteral("gAAAAAB-token-");
    key.secretHint = QStringLiteral("sk-…abcd");
    key.options = QJsonObject{{QStringLiteral("currency"), QStringLiteral("CNY")}};
    key.threshold = Amount::parse(u"5.25");
    key.intervalS = 900;
    return key;
}

Snapshot sampleSnapshot(qint64 keyId, qint64 minutes, const char *remaining)
{
    Snapshot snapshot;
    snapshot.keyId = keyId;
    snapshot.checkedAt = kBase.addSecs(minutes * 60);
    snapshot.kind = ReadingKind::Balance;
    snapshot.remaining = Amount::parse(QString::fromLatin1(remaining));
    snapshot.unit = QStringLiteral("CNY");
    snapshot.balances = {{*snapshot.remaining, QStringLiteral("CNY")}};
    snapshot.latencyMs = 120;
    return snapshot;
}

} // namespace

class Repositories : public OwnedBackendTest
{
protected:
    void SetUp() override
    {
        OwnedBackendTest::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
    }
};

TEST_F(Repositories, SettingsRoundTripAndOverwrite)
{
    SettingsRepository settings(*m_db);
    EXPECT_FALSE(settings.value(QStringLiteral("absent"))->has_value());
    ASSERT_TRUE(settings.setValue(QStringLiteral("k"), QStringLiteral("one")));
    ASSERT_TRUE(settings.setValue(QStringLiteral("k"), QStringLiteral("二")));
    EXPECT_EQ(settings.value(QStringLiteral("k"))->value(), QStringLiteral("二"));
}

TEST_F(Repositories, OwnerIsCreatedOnce)
{
    UserRepository users(*m_db);
    EXPECT_EQ(*users.ensureOwner(), m_owner);
    auto owner = users.findByName(QStringLiteral("owner"));
    ASSERT_TRUE(owner && *owner);
    EXPECT_TRUE((*owner)->isAdmin);
    EXPECT_TRUE((*owner)->createdAt.isValid());
}

TEST_F(Repositories, ApiKeyRoundTrip)
{
    ApiKeyRepository keys(*m_db);
    ApiKey key = sampleKey(m_owner, QStringLiteral("生产 key"));
    key.baseUrl = QStringLiteral("https://relay.example/v1");
    auto id = keys.insert(key);
    ASSERT_TRUE(id) << id.error().message.toStdString();

    auto found = keys.find(*id);
    ASSERT_TRUE(found && *found);
    const ApiKey &stored = **found;
    EXPECT_EQ(stored.name, key.name);
    EXPECT_EQ(stored.platform, key.platform);
    EXPECT_EQ(stored.baseUrl, key.baseUrl);
    EXPECT_EQ(stored.secretEnc, key.secretEnc);
    EXPECT_EQ(stored.secretHint, key.secretHint);
    EXPECT_EQ(stored.options, key.options);
    EXPECT_EQ(stored.threshold, key.threshold);
    EXPECT_EQ(stored.intervalS, 900);
    EXPECT_TRUE(stored.enabled);
    EXPECT_TRUE(stored.createdAt.isValid());
    EXPECT_EQ(stored.createdAt.timeSpec(), Qt::UTC);
    EXPECT_FALSE(stored.nextCheckAt.isValid());

    ApiKey noThreshold = sampleKey(m_owner, QStringLiteral("other"));
    noThreshold.threshold.reset();
    noThreshold.enabled = false;
    auto second = keys.insert(noThreshold);
    ASSERT_TRUE(second);
    auto reread = keys.find(*second);
    EXPECT_FALSE((*reread)->threshold.has_value());
    EXPECT_FALSE((*reread)->enabled);
    EXPECT_TRUE((*reread)->baseUrl.isEmpty());

    auto all = keys.list();
    ASSERT_TRUE(all);
    ASSERT_EQ(all->size(), 2u);
    EXPECT_EQ(all->at(0).id, *id);
    EXPECT_EQ(*keys.count(), 2);
}

TEST_F(Repositories, RemoveTakesSnapshotsAlongAndReportsUnknownIds)
{
    ApiKeyRepository keys(*m_db);
    SnapshotRepository snapshots(*m_db);
    const qint64 id = *keys.insert(sampleKey(m_owner, QStringLiteral("a")));
    ASSERT_TRUE(snapshots.insert(sampleSnapshot(id, 0, "10")));
    EXPECT_TRUE(*keys.remove(id));
    EXPECT_FALSE(*keys.remove(id));
    EXPECT_FALSE(keys.find(id)->has_value());
    auto left = m_db->run(QStringLiteral("SELECT COUNT(*) FROM snapshots"));
    ASSERT_TRUE(left && left->next());
    EXPECT_EQ(left->value(0).toInt(), 0);
}

TEST_F(Repositories, OwnedByVariantsSeeOnlyThatAccountsKeys)
{
    ApiKeyRepository keys(*m_db);
    auto other = UserRepository(*m_db).insert(QStringLiteral("other"), QStringLiteral("x"), false,
                                              QDateTime::currentDateTimeUtc());
    ASSERT_TRUE(other) << other.error().message.toStdString();
    const qint64 mine = *keys.insert(sampleKey(m_owner, QStringLiteral("mine")));
    const qint64 theirs = *keys.insert(sampleKey(*other, QStringLiteral("theirs")));

    auto listed = keys.listOwnedBy(m_owner);
    ASSERT_TRUE(listed);
    ASSERT_EQ(listed->size(), 1u);
    EXPECT_EQ(listed->front().id, mine);
    EXPECT_EQ(keys.list()->size(), 2u); // the scheduler's view: everyone's

    // The names /metrics reports: one account's or everyone's, by id, and nothing secret.
    auto named = keys.listNames(m_owner);
    ASSERT_TRUE(named);
    ASSERT_EQ(named->size(), 1u);
    EXPECT_EQ(named->front().id, mine);
    EXPECT_EQ(named->front().userId, m_owner);
    EXPECT_EQ(named->front().name, QStringLiteral("mine"));
    EXPECT_EQ(named->front().platform, QStringLiteral("deepseek"));
    EXPECT_TRUE(named->front().secretEnc.isEmpty());
    auto everyone = keys.listNames(std::nullopt);
    ASSERT_TRUE(everyone);
    ASSERT_EQ(everyone->size(), 2u);
    EXPECT_EQ(everyone->back().id, theirs);
    EXPECT_EQ(everyone->back().userId, *other);
    EXPECT_EQ(everyone->back().name, QStringLiteral("theirs"));

    EXPECT_TRUE(keys.findOwnedBy(mine, m_owner)->has_value());
    EXPECT_FALSE(keys.findOwnedBy(theirs, m_owner)->has_value());
    EXPECT_FALSE(*keys.setEnabledOwnedBy(theirs, m_owner, false));
    EXPECT_TRUE((*keys.find(theirs))->enabled);
    ApiKey renamed = **keys.find(theirs);
    renamed.name = QStringLiteral("stolen");
    renamed.userId = m_owner; // update() filters by the key's owner
    EXPECT_FALSE(*keys.update(renamed));
    EXPECT_EQ((*keys.find(theirs))->name, QStringLiteral("theirs"));
    EXPECT_FALSE(*keys.removeOwnedBy(theirs, m_owner));
    EXPECT_TRUE(keys.find(theirs)->has_value());
    EXPECT_TRUE(*keys.removeOwnedBy(theirs, *other));
    EXPECT_FALSE(keys.find(theirs)->has_value());
}

TEST_F(Repositories, InsertAllIsAllOrNothing)
{
    ApiKeyRepository keys(*m_db);
    std::vector<ApiKey> batch{sampleKey(m_owner, QStringLiteral("one")),
                              sampleKey(m_owner, QStringLiteral("two")),
                              sampleKey(m_owner + 999, QStringLiteral("orphan"))}; // violates the foreign key
    auto ids = keys.insertAll(batch);
    ASSERT_FALSE(ids);
    EXPECT_EQ(ids.error().code, ErrorCode::Database);
    EXPECT_EQ(*keys.count(), 0);

    batch.pop_back();
    auto good = keys.insertAll(batch);
    ASSERT_TRUE(good);
    EXPECT_EQ(good->size(), 2u);
    EXPECT_EQ(*keys.count(), 2);
}

TEST_F(Repositories, SnapshotsKeepExactAmountsAndAllFields)
{
    const qint64 id = *ApiKeyRepository(*m_db).insert(sampleKey(m_owner, QStringLiteral("a")));
    SnapshotRepository snapshots(*m_db);
    Snapshot snapshot = sampleSnapshot(id, 0, "0.000001");
    snapshot.checkedAt = snapshot.checkedAt.addMSecs(123);
    snapshot.used = Amount::parse(u"1234567.891011");
    snapshot.limit = Amount::parse(u"9000000000");
    snapshot.balances = {{*Amount::parse(u"10.5"), QStringLiteral("CNY")},
                         {*Amount::parse(u"0.3"), QStringLiteral("USD")}};
    ASSERT_TRUE(snapshots.insert(snapshot));

    Snapshot failed;
    failed.keyId = id;
    failed.checkedAt = kBase.addSecs(60);
    failed.status = CheckStatus::AuthError;
    failed.error = QStringLiteral("401: invalid key");
    ASSERT_TRUE(snapshots.insert(failed));

    auto all = snapshots.range(id);
    ASSERT_TRUE(all);
    ASSERT_EQ(all->size(), 2u);
    const Snapshot &first = all->at(0);
    EXPECT_EQ(first.checkedAt, snapshot.checkedAt);
    EXPECT_EQ(first.remaining->micros(), 1);
    EXPECT_EQ(first.used->micros(), 1'234'567'891'011LL);
    EXPECT_EQ(first.limit->micros(), 9'000'000'000'000'000LL);
    EXPECT_EQ(first.kind, ReadingKind::Balance);
    EXPECT_EQ(first.balances, snapshot.balances);
    EXPECT_EQ(first.latencyMs, 120);
    EXPECT_TRUE(first.error.isEmpty());

    const Snapshot &second = all->at(1);
    EXPECT_EQ(second.status, CheckStatus::AuthError);
    EXPECT_FALSE(second.kind.has_value());
    EXPECT_FALSE(second.remaining.has_value());
    EXPECT_EQ(second.error, failed.error);

    auto latest = snapshots.latest(id);
    ASSERT_TRUE(latest && *latest);
    EXPECT_EQ((*latest)->status, CheckStatus::AuthError);
}

TEST_F(Repositories, RangeIsHalfOpenAndPerKey)
{
    ApiKeyRepository keys(*m_db);
    const qint64 a = *keys.insert(sampleKey(m_owner, QStringLiteral("a")));
    const qint64 b = *keys.insert(sampleKey(m_owner, QStringLiteral("b")));
    std::vector<Snapshot> batch;
    for (int i = 0; i < 100; ++i) {
        batch.push_back(sampleSnapshot(a, i, "1"));
        batch.push_back(sampleSnapshot(b, i, "2"));
    }
    SnapshotRepository snapshots(*m_db);
    ASSERT_TRUE(snapshots.insertMany(batch, 7));

    auto window = snapshots.range(a, kBase.addSecs(10 * 60), kBase.addSecs(20 * 60));
    ASSERT_TRUE(window);
    ASSERT_EQ(window->size(), 10u);
    EXPECT_EQ(window->front().checkedAt, kBase.addSecs(10 * 60));
    EXPECT_EQ(window->back().checkedAt, kBase.addSecs(19 * 60));
    for (const Snapshot &s : *window)
        EXPECT_EQ(s.keyId, a);
    EXPECT_EQ(snapshots.range(b, kBase.addSecs(95 * 60))->size(), 5u);
    EXPECT_EQ(snapshots.range(b, {}, kBase.addSecs(3 * 60))->size(), 3u);
    EXPECT_TRUE(snapshots.range(a + b + 100)->empty());
}

TEST_F(Repositories, AmountsAreIntegersInTheDatabase)
{
    const qint64 id = *ApiKeyRepository(*m_db).insert(sampleKey(m_owner, QStringLiteral("a")));
    ASSERT_TRUE(SnapshotRepository(*m_db).insert(sampleSnapshot(id, 0, "12.34")));
    auto raw = m_db->run(QStringLiteral("SELECT remaining FROM snapshots"));
    ASSERT_TRUE(raw && raw->next());
    EXPECT_EQ(raw->value(0).toLongLong(), 12'340'000);
    auto threshold = m_db->run(QStringLiteral("SELECT threshold FROM api_keys"));
    ASSERT_TRUE(threshold && threshold->next());
    EXPECT_EQ(threshold->value(0).toLongLong(), 5'250'000);
}

TEST_F(Repositories, SqlitePragmas)
{
    if (isPostgres())
        GTEST_SKIP() << "SQLite only";
    auto journal = m_db->run(QStringLiteral("PRAGMA journal_mode"));
    ASSERT_TRUE(journal && journal->next());
    EXPECT_EQ(journal->value(0).toString(), QStringLiteral("wal"));
    auto foreignKeys = m_db->run(QStringLiteral("PRAGMA foreign_keys"));
    ASSERT_TRUE(foreignKeys && foreignKeys->next());
    EXPECT_EQ(foreignKeys->value(0).toInt(), 1);
}

TEST_F(Repositories, PostgresReconnectsAfterServerRestart)
{
    if (!isPostgres())
        GTEST_SKIP() << "PostgreSQL only";
    SettingsRepository settings(*m_db);
    ASSERT_TRUE(settings.setValue(QStringLiteral("before"), QStringLiteral("1")));
    ASSERT_TRUE(qw::test::PgTestServer::restart());
    // The first statement after the restart meets a dead connection; it must reconnect and retry.
    auto value = settings.value(QStringLiteral("before"));
    ASSERT_TRUE(value) << value.error().message.toStdString();
    EXPECT_EQ(value->value(), QStringLiteral("1"));
    ASSERT_TRUE(settings.setValue(QStringLiteral("after"), QStringLiteral("2")));
}

TEST_F(Repositories, BalanceSeriesHasOnlySuccessfulReadingsInRange)
{
    const qint64 id = *ApiKeyRepository(*m_db).insert(sampleKey(m_owner, QStringLiteral("a")));
    SnapshotRepository snapshots(*m_db);
    std::vector<Snapshot> batch;
    for (int i = 0; i < 10; ++i)
        batch.push_back(sampleSnapshot(id, i, "10"));
    batch[3].status = CheckStatus::NetworkError; // failed checks carry no reading
    batch[3].remaining.reset();
    batch[5].remaining = Amount::parse(u"7.5");
    batch[5].balances = {{*batch[5].remaining, QStringLiteral("CNY")}};
    ASSERT_TRUE(snapshots.insertMany(batch));

    auto series = snapshots.balanceSeries(id, kBase.addSecs(2 * 60), kBase.addSecs(8 * 60));
    ASSERT_TRUE(series);
    ASSERT_EQ(series->size(), 5u); // minutes 2..7 without the failed one at minute 3
    EXPECT_EQ(series->front().atMs, kBase.addSecs(2 * 60).toMSecsSinceEpoch());
    EXPECT_EQ(series->at(2).atMs, kBase.addSecs(5 * 60).toMSecsSinceEpoch());
    EXPECT_EQ(series->at(2).remainingMicros, 7'500'000);
    EXPECT_EQ(snapshots.balanceSeries(id)->size(), 9u);
}

TEST_F(Repositories, SingleHeadlineBalanceReadsBackAsOneBalance)
{
    const qint64 id = *ApiKeyRepository(*m_db).insert(sampleKey(m_owner, QStringLiteral("a")));
    SnapshotRepository snapshots(*m_db);
    ASSERT_TRUE(snapshots.insert(sampleSnapshot(id, 0, "42.5")));
    auto stored = snapshots.latest(id);
    ASSERT_TRUE(stored && *stored);
    ASSERT_EQ((*stored)->balances.size(), 1u);
    EXPECT_EQ((*stored)->balances.front().amount.micros(), 42'500'000);
    EXPECT_EQ((*stored)->balances.front().unit, QStringLiteral("CNY"));
}

TEST_F(Repositories, DetailsRoundTripExactlyAndCostNothingWhenAbsent)
{
    const qint64 id = *ApiKeyRepository(*m_db).insert(sampleKey(m_owner, QStringLiteral("plan")));
    SnapshotRepository snapshots(*m_db);
    Snapshot snapshot = sampleSnapshot(id, 0, "61");
    snapshot.kind = ReadingKind::Quota;
    snapshot.unit = QStringLiteral("requests");
    snapshot.balances.clear();
    const QDateTime fiveHourReset(QDate(2026, 12, 7), QTime(4, 0, 0, 250), Qt::UTC);
    snapshot.details = {
        {QStringLiteral("window_5h"), Amount::parse(u"61"), Amount::parse(u"139"), Amount::parse(u"200"),
         QStringLiteral("requests"), fiveHourReset},
        {QStringLiteral("window_weekly"),
         Amount::parse(u"0.000001"),
         std::nullopt,
         Amount::parse(u"9000000000"),
         QStringLiteral("tokens"),
         {}},
        {QStringLiteral("gift"),
         Amount::parse(u"-3.5"),
         std::nullopt,
         std::nullopt,
         QStringLiteral("CNY"),
         {}},
        // A name only: a provider that says a window exists but gives no numbers for it.
        {QStringLiteral("window_30min"), std::nullopt, std::nullopt, std::nullopt, QString(), {}},
    };
    ASSERT_TRUE(snapshots.insert(snapshot));
    ASSERT_TRUE(snapshots.insert(sampleSnapshot(id, 1, "60")));

    auto all = snapshots.range(id);
    ASSERT_TRUE(all);
    ASSERT_EQ(all->size(), 2u);
    EXPECT_EQ(all->at(0).details, snapshot.details);
    EXPECT_EQ(all->at(0).details.front().resetsAt.timeSpec(), Qt::UTC);
    EXPECT_TRUE(all->at(1).details.empty());
    auto latestOfEach = snapshots.latestOfEach(m_owner);
    ASSERT_TRUE(latestOfEach);
    ASSERT_EQ(latestOfEach->size(), 1u);
    EXPECT_TRUE(latestOfEach->front().details.empty());
    auto newest = snapshots.newest(id, {}, {}, 5);
    ASSERT_TRUE(newest);
    EXPECT_EQ(newest->back().details, snapshot.details);

    // Stored as readable JSON with decimal strings (never rounded doubles), and NULL for the
    // check without details.
    auto rows = m_db->run(
        QStringLiteral("SELECT details_json FROM snapshots WHERE key_id = ? ORDER BY checked_at"), {id});
    ASSERT_TRUE(rows);
    ASSERT_TRUE(rows->next());
    const QString stored = rows->value(0).toString();
    EXPECT_TRUE(stored.contains(QLatin1String("\"remaining\":\"0.000001\""))) << stored.toStdString();
    EXPECT_TRUE(stored.contains(QLatin1String("\"limit\":\"9000000000\""))) << stored.toStdString();
    EXPECT_TRUE(stored.contains(QLatin1String("\"resets_at\":\"2026-12-07T04:00:00.250Z\"")))
        << stored.toStdString();
    ASSERT_TRUE(rows->next());
    EXPECT_TRUE(rows->value(0).isNull());
}

TEST_F(Repositories, InsertManyKeepsDetails)
{
    const qint64 id = *ApiKeyRepository(*m_db).insert(sampleKey(m_owner, QStringLiteral("bulk")));
    std::vector<Snapshot> batch;
    for (int i = 0; i < 5; ++i) {
        Snapshot snapshot = sampleSnapshot(id, i, "10");
        if (i % 2 == 0)
            snapshot.details = {{QStringLiteral("paid"),
                                 Amount::fromMicros(i),
                                 std::nullopt,
                                 std::nullopt,
                                 QStringLiteral("CNY"),
                                 {}}};
        batch.push_back(snapshot);
    }
    ASSERT_TRUE(SnapshotRepository(*m_db).insertMany(batch, 2));
    auto all = SnapshotRepository(*m_db).range(id);
    ASSERT_TRUE(all);
    ASSERT_EQ(all->size(), batch.size());
    for (std::size_t i = 0; i < batch.size(); ++i)
        EXPECT_EQ(all->at(i).details, batch[i].details) << i;
}

TEST_F(Repositories, DetailsWrittenByHandStillRead)
{
    // Someone's script, or a later version, may write the column in ISO 8601 without
    // milliseconds or with an offset; a broken time or amount is left out, not misread.
    const qint64 id = *ApiKeyRepository(*m_db).insert(sampleKey(m_owner, QStringLiteral("hand")));
    SnapshotRepository snapshots(*m_db);
    ASSERT_TRUE(snapshots.insert(sampleSnapshot(id, 0, "1")));
    ASSERT_TRUE(m_db->run(
        QStringLiteral("UPDATE snapshots SET details_json = ? WHERE key_id = ?"),
        {QStringLiteral(R"([{"name":"window_5h","remaining":"3","resets_at":"2026-12-07T12:00:00+08:00"},)"
                        R"({"name":"paid","remaining":"x","resets_at":"2026-13-45T99:00:00.000Z"}])"),
         id}));
    auto stored = snapshots.latest(id);
    ASSERT_TRUE(stored && *stored);
    ASSERT_EQ((*stored)->details.size(), 2u);
    EXPECT_EQ((*stored)->details[0].resetsAt, QDateTime(QDate(2026, 12, 7), QTime(4, 0), Qt::UTC));
    EXPECT_EQ((*stored)->details[0].remaining, Amount::parse(u"3"));
    EXPECT_EQ((*stored)->details[1].name, QStringLiteral("paid"));
    EXPECT_FALSE((*stored)->details[1].remaining.has_value());
    EXPECT_FALSE((*stored)->details[1].resetsAt.isValid());
}
