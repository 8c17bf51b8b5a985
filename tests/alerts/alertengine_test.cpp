// The alert engine on a real database (SQLite, and PostgreSQL under the `postgres` fixture):
// what it stores, which deliveries it queues, what survives a restart, and when it tells.
#include "adapters/platformregistry.h"
#include "core/alerts/alertengine.h"
#include "core/alerts/alertsettings.h"
#include "core/alerts/keyalertstate.h"
#include "core/storage/alertrepository.h"
#include "core/storage/apikeyrepository.h"
#include "core/storage/channelrepository.h"
#include "core/storage/database.h"
#include "core/storage/outboxrepository.h"
#include "core/storage/settingsrepository.h"
#include "core/storage/snapshotrepository.h"
#include "core/storage/userrepository.h"
#include "tests/support/backendtest.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <algorithm>
#include <array>
#include <latch>
#include <set>
#include <thread>

using namespace qw;
using qw::test::OwnedBackendTest;

namespace {

// A registry without platforms: messages name a platform by its id, which is all these tests
// that do not look at names need.
const PlatformRegistry kNoPlatforms;

const QDateTime kBase = QDateTime(QDate(2026, 3, 1), QTime(8, 0), Qt::UTC);

Amount units(double value)
{
    return *Amount::fromDouble(value);
}

std::vector<AlertKind> kindsOf(const std::vector<Alert> &alerts)
{
    std::vector<AlertKind> kinds;
    for (const Alert &alert : alerts)
        kinds.push_back(alert.kind);
    return kinds;
}

bool has(const std::vector<Alert> &alerts, AlertKind kind)
{
    return std::any_of(alerts.begin(), alerts.end(),
                       [kind](const Alert &alert) { return alert.kind == kind; });
}

} // namespace

class AlertEngineStore : public OwnedBackendTest
{
protected:
    void SetUp() override
    {
        OwnedBackendTest::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;

        ApiKey key;
        key.userId = m_owner;
        key.name = QStringLiteral("team-key 团队");
        key.platform = QStringLiteral("openrouter");
        key.secretEnc = QByteArrayLiteral("gAAAAAB-not-a-real-token");
        key.secretHint = QStringLiteral("sk-or-v1-…beef");
        key.threshold = units(10);
        auto id = ApiKeyRepository(*m_db).insert(key);
        ASSERT_TRUE(id) << id.error().message.toStdString();
        auto stored = ApiKeyRepository(*m_db).find(*id);
        ASSERT_TRUE(stored && *stored);
        m_key = **stored;
    }

    // Stores the check (as CheckService does) and runs the engine on it.
    std::vector<Alert> check(AlertEngine &engine, Database &db, const Snapshot &snapshot)
    {
        auto stored = SnapshotRepository(db).insert(snapshot);
        EXPECT_TRUE(stored) << stored.error().message.toStdString();
        auto raised = engine.evaluate(m_key, snapshot);
        EXPECT_TRUE(raised) << raised.error().message.toStdString();
        return raised ? *raised : std::vector<Alert>();
    }

    Snapshot ok(double minutes, double remaining) const
    {
        Snapshot snapshot = at(minutes);
        snapshot.status = CheckStatus::Ok;
        snapshot.kind = ReadingKind::Balance;
        snapshot.remaining = units(remaining);
        snapshot.unit = QStringLiteral("USD");
        snapshot.balances = {{*snapshot.remaining, snapshot.unit}};
        return snapshot;
    }

    Snapshot failed(double minutes, CheckStatus status) const
    {
        Snapshot snapshot = at(minutes);
        snapshot.status = status;
        snapshot.error = QStringLiteral("401 Unauthorized");
        return snapshot;
    }

    qint64 addChannel(const QString &name, bool enabled, std::optional<QStringList> events, qint64 userId = 0)
    {
        Channel channel;
        channel.userId = userId ? userId : m_owner;
        channel.kind = ChannelKind::Webhook;
        channel.name = name;
        channel.enabled = enabled;
        channel.secretsEnc = QByteArrayLiteral("gAAAAAB-channel-secret");
        if (events)
            channel.settings.insert(QStringLiteral("events"), QJsonArray::fromStringList(*events));
        auto id = ChannelRepository(*m_db).insert(channel);
        EXPECT_TRUE(id) << id.error().message.toStdString();
        return id ? *id : 0;
    }

    std::set<qint64> outboxChannels(qint64 alertId)
    {
        auto rows = OutboxRepository(*m_db).forAlert(alertId);
        EXPECT_TRUE(rows);
        std::set<qint64> channels;
        for (const OutboxEntry &row : rows.value_or(std::vector<OutboxEntry>())) {
            EXPECT_EQ(row.status, OutboxEntry::Status::Pending);
            EXPECT_EQ(row.attempts, 0);
            channels.insert(row.channelId);
        }
        return channels;
    }

    int rows(Database &db, const QString &table)
    {
        auto query = db.run(QStringLiteral("SELECT COUNT(*) FROM ") + table);
        EXPECT_TRUE(query && query->next());
        return query ? query->value(0).toInt() : -1;
    }

    ApiKey m_key;

private:
    Snapshot at(double minutes) const
    {
        Snapshot snapshot;
        snapshot.keyId = m_key.id;
        snapshot.checkedAt = kBase.addSecs(qint64(minutes * 60));
        return snapshot;
    }
};

TEST_F(AlertEngineStore, StoresAlertsWithIdsAndQueuesOnlyForChannelsThatWantThem)
{
    const qint64 everything = addChannel(QStringLiteral("all"), true, std::nullopt);
    const qint64 failingOnly =
        addChannel(QStringLiteral("pager"), true, QStringList{QStringLiteral("key_failing")});
    const qint64 disabled = addChannel(QStringLiteral("off"), false, std::nullopt);
    const qint64 money = addChannel(QStringLiteral("money"), true,
                                    QStringList{QStringLiteral("low_balance"), QStringLiteral("topup")});
    ASSERT_TRUE(everything && failingOnly && disabled && money);
    AlertEngine engine(*m_db, kNoPlatforms);

    EXPECT_TRUE(check(engine, *m_db, ok(0, 20)).empty());
    EXPECT_EQ(rows(*m_db, QStringLiteral("alerts")), 0);
    EXPECT_EQ(rows(*m_db, QStringLiteral("outbox")), 0);

    const Snapshot low = ok(30, 9.5);
    const std::vector<Alert> raised = check(engine, *m_db, low);
    ASSERT_EQ(kindsOf(raised), std::vector<AlertKind>{AlertKind::LowBalance});
    const Alert &alert = raised.front();
    ASSERT_GT(alert.id, 0);
    auto stored = AlertRepository(*m_db).find(alert.id);
    ASSERT_TRUE(stored && *stored);
    EXPECT_EQ((*stored)->kind, AlertKind::LowBalance);
    EXPECT_EQ((*stored)->keyId, m_key.id);
    EXPECT_EQ((*stored)->state, QStringLiteral("open"));
    EXPECT_EQ((*stored)->createdAt, low.checkedAt);
    EXPECT_EQ((*stored)->remaining, units(9.5));
    EXPECT_EQ((*stored)->unit, QStringLiteral("USD"));
    EXPECT_EQ((*stored)->threshold, units(10));
    EXPECT_EQ((*stored)->title, alert.title);
    EXPECT_EQ((*stored)->message, alert.message);
    EXPECT_TRUE(alert.message.contains(m_key.name));
    EXPECT_EQ(outboxChannels(alert.id), (std::set<qint64>{everything, money}));
    auto row = OutboxRepository(*m_db).forAlert(alert.id);
    ASSERT_TRUE(row && !row->empty());
    EXPECT_EQ(row->front().nextAttemptAt, low.checkedAt);

    EXPECT_TRUE(check(engine, *m_db, failed(40, CheckStatus::AuthError)).empty());
    const std::vector<Alert> failing = check(engine, *m_db, failed(50, CheckStatus::AuthError));
    ASSERT_EQ(kindsOf(failing), std::vector<AlertKind>{AlertKind::KeyFailing});
    EXPECT_GT(failing.front().id, alert.id);
    EXPECT_EQ(outboxChannels(failing.front().id), (std::set<qint64>{everything, failingOnly}));

    const std::vector<Alert> back = check(engine, *m_db, ok(60, 9.4));
    ASSERT_EQ(kindsOf(back), std::vector<AlertKind>{AlertKind::Recovered});
    EXPECT_EQ(outboxChannels(back.front().id), (std::set<qint64>{everything}));

    EXPECT_EQ(rows(*m_db, QStringLiteral("alerts")), 3);
    EXPECT_EQ(rows(*m_db, QStringLiteral("outbox")), 5);
    auto recent = AlertRepository(*m_db).recent(m_key.id);
    ASSERT_TRUE(recent);
    ASSERT_EQ(recent->size(), 3u);
    EXPECT_EQ(recent->front().kind, AlertKind::Recovered);
}

TEST_F(AlertEngineStore, ChannelWantsFollowsItsEventsList)
{
    EXPECT_TRUE(AlertEngine::channelWants(QJsonObject(), AlertKind::SpendSpike));
    const QJsonObject some{
        {QStringLiteral("events"), QJsonArray{QStringLiteral("topup"), QStringLiteral("recovered")}}};
    EXPECT_TRUE(AlertEngine::channelWants(some, AlertKind::TopUp));
    EXPECT_TRUE(AlertEngine::channelWants(some, AlertKind::Recovered));
    EXPECT_FALSE(AlertEngine::channelWants(some, AlertKind::LowBalance));
    EXPECT_FALSE(AlertEngine::channelWants(some, AlertKind::KeyFailing));
}

TEST_F(AlertEngineStore, MessagesNamePlatformQuotaWatchAndTheCheckTimeAsStoredAndAnnounced)
{
    // The engine of a session: platforms named as the adapter registry names them.
    const PlatformRegistry platforms = PlatformRegistry::builtin();
    AlertEngine engine(*m_db, platforms);
    QSignalSpy announced(&engine, &AlertEngine::alertRaised);
    EXPECT_TRUE(check(engine, *m_db, ok(0, 20)).empty());
    const Snapshot low = ok(30, 9.5); // 2026-03-01 08:30 UTC
    const std::vector<Alert> raised = check(engine, *m_db, low);
    ASSERT_EQ(kindsOf(raised), std::vector<AlertKind>{AlertKind::LowBalance});
    auto stored = AlertRepository(*m_db).find(raised.front().id);
    ASSERT_TRUE(stored && *stored);
    const QString message = (*stored)->message;
    EXPECT_EQ(message, QStringLiteral("“team-key 团队” (OpenRouter) has 9.5 USD left, under the threshold "
                                      "of 10 USD. Top it up before it runs dry. Checked by QuotaWatch at "
                                      "2026-03-01 08:30 UTC."));
    EXPECT_FALSE(message.contains(QStringLiteral("openrouter")));
    ASSERT_EQ(announced.count(), 1);
    const auto notice = announced.at(0).at(0).value<AlertNotice>();
    EXPECT_EQ(notice.alert.message, message);
    EXPECT_EQ(notice.platform, QStringLiteral("openrouter")) << "the payload's key.platform stays the id";

    // A registry that does not know the platform: its id stands in for the name.
    const PlatformRegistry unknownPlatforms;
    AlertEngine bare(*m_db, unknownPlatforms);
    EXPECT_TRUE(check(bare, *m_db, failed(40, CheckStatus::AuthError)).empty());
    const std::vector<Alert> failing = check(bare, *m_db, failed(50, CheckStatus::AuthError));
    ASSERT_EQ(kindsOf(failing), std::vector<AlertKind>{AlertKind::KeyFailing});
    EXPECT_TRUE(failing.front().message.contains(QStringLiteral("“team-key 团队” (openrouter)")))
        << failing.front().message.toStdString();
    EXPECT_TRUE(
        failing.front().message.endsWith(QStringLiteral("Checked by QuotaWatch at 2026-03-01 08:50 UTC.")))
        << failing.front().message.toStdString();
}

TEST_F(AlertEngineStore, AlertsGoOnlyToChannelsOfTheKeysOwner)
{
    auto other =
        m_db->run(QStringLiteral("INSERT INTO users (username, is_admin, created_at) VALUES (?, ?, ?)"),
                  {QStringLiteral("someone-else"), false, kBase.toMSecsSinceEpoch()});
    ASSERT_TRUE(other) << other.error().message.toStdString();
    auto otherUser = UserRepository(*m_db).findByName(QStringLiteral("someone-else"));
    ASSERT_TRUE(otherUser && *otherUser);
    const qint64 mine = addChannel(QStringLiteral("mine"), true, std::nullopt);
    const qint64 theirs = addChannel(QStringLiteral("theirs"), true, std::nullopt, (*otherUser)->id);
    ASSERT_TRUE(mine && theirs);

    AlertEngine engine(*m_db, kNoPlatforms);
    EXPECT_TRUE(check(engine, *m_db, ok(0, 20)).empty());
    const std::vector<Alert> raised = check(engine, *m_db, ok(30, 5));
    ASSERT_TRUE(has(raised, AlertKind::LowBalance));
    // Another user's channel must never hear about this key (its name, its balance).
    EXPECT_EQ(outboxChannels(raised.front().id), (std::set<qint64>{mine}));
}

TEST_F(AlertEngineStore, ARestartDoesNotRaiseTheSameLowBalanceAgain)
{
    addChannel(QStringLiteral("all"), true, std::nullopt);
    {
        AlertEngine engine(*m_db, kNoPlatforms);
        EXPECT_TRUE(check(engine, *m_db, ok(0, 20)).empty());
        EXPECT_EQ(kindsOf(check(engine, *m_db, ok(30, 9))), std::vector<AlertKind>{AlertKind::LowBalance});
    }
    auto saved = AlertRepository(*m_db).ruleState(m_key.id);
    ASSERT_TRUE(saved);
    const KeyAlertState state = KeyAlertState::fromJson(*saved);
    EXPECT_FALSE(state.low.armed);
    EXPECT_EQ(state.lastRemaining, units(9));
    EXPECT_EQ(state.lastUnit, QStringLiteral("USD"));

    // A new process: its own connection, its own engine.
    std::unique_ptr<Database> restarted = m_testDb->open();
    ASSERT_NE(restarted, nullptr);
    AlertEngine engine(*restarted, kNoPlatforms);
    EXPECT_TRUE(check(engine, *restarted, ok(60, 8.5)).empty());
    EXPECT_TRUE(check(engine, *restarted, ok(90, 8)).empty());
    EXPECT_EQ(rows(*restarted, QStringLiteral("alerts")), 1);
    EXPECT_EQ(rows(*restarted, QStringLiteral("outbox")), 1);

    // It still knows the last balance (a top-up is seen) and alerts on the next crossing.
    EXPECT_EQ(kindsOf(check(engine, *restarted, ok(120, 40))), std::vector<AlertKind>{AlertKind::TopUp});
    EXPECT_EQ(kindsOf(check(engine, *restarted, ok(150, 7))), std::vector<AlertKind>{AlertKind::LowBalance});
}

TEST_F(AlertEngineStore, AFailingStreakSurvivesARestart)
{
    {
        AlertEngine engine(*m_db, kNoPlatforms);
        EXPECT_TRUE(check(engine, *m_db, ok(0, 50)).empty());
        EXPECT_TRUE(check(engine, *m_db, failed(10, CheckStatus::AuthError)).empty());
    }
    std::unique_ptr<Database> second = m_testDb->open();
    ASSERT_NE(second, nullptr);
    {
        AlertEngine engine(*second, kNoPlatforms);
        EXPECT_EQ(kindsOf(check(engine, *second, failed(20, CheckStatus::AuthError))),
                  std::vector<AlertKind>{AlertKind::KeyFailing});
    }
    std::unique_ptr<Database> third = m_testDb->open();
    ASSERT_NE(third, nullptr);
    AlertEngine engine(*third, kNoPlatforms);
    EXPECT_TRUE(check(engine, *third, failed(30, CheckStatus::AuthError)).empty());
    EXPECT_EQ(kindsOf(check(engine, *third, ok(40, 50))), std::vector<AlertKind>{AlertKind::Recovered});
}

TEST_F(AlertEngineStore, SignalsComeAfterTheCommitAndOnlyWhenSomethingWasRaised)
{
    addChannel(QStringLiteral("all"), true, std::nullopt);
    AlertEngine engine(*m_db, kNoPlatforms);
    QSignalSpy raisedSpy(&engine, &AlertEngine::alertRaised);
    QSignalSpy queuedSpy(&engine, &AlertEngine::deliveriesQueued);
    ASSERT_TRUE(raisedSpy.isValid());

    // Another connection sees only committed rows: in the slots, everything must be there.
    std::unique_ptr<Database> observer = m_testDb->open();
    ASSERT_NE(observer, nullptr);
    std::vector<AlertNotice> notices;
    int committedOutboxAtQueued = -1;
    QObject::connect(&engine, &AlertEngine::alertRaised, &engine, [&](const AlertNotice &notice) {
        notices.push_back(notice);
        auto seen = AlertRepository(*observer).find(notice.alert.id);
        EXPECT_TRUE(seen && *seen) << "alertRaised before the alert was committed";
        auto queued = OutboxRepository(*observer).forAlert(notice.alert.id);
        EXPECT_TRUE(queued && queued->size() == 1u) << "alertRaised before its delivery was committed";
    });
    QObject::connect(&engine, &AlertEngine::deliveriesQueued, &engine,
                     [&] { committedOutboxAtQueued = rows(*observer, QStringLiteral("outbox")); });

    EXPECT_TRUE(check(engine, *m_db, ok(0, 20)).empty());
    EXPECT_TRUE(check(engine, *m_db, ok(30, 19)).empty());
    EXPECT_EQ(raisedSpy.count(), 0);
    EXPECT_EQ(queuedSpy.count(), 0);

    const std::vector<Alert> raised = check(engine, *m_db, ok(60, 9));
    ASSERT_EQ(raised.size(), 1u);
    EXPECT_EQ(raisedSpy.count(), 1);
    EXPECT_EQ(queuedSpy.count(), 1);
    EXPECT_EQ(committedOutboxAtQueued, 1);
    ASSERT_EQ(notices.size(), 1u);
    EXPECT_EQ(notices.front().alert.id, raised.front().id);
    EXPECT_EQ(notices.front().keyName, m_key.name);
    EXPECT_EQ(notices.front().platform, m_key.platform);

    EXPECT_TRUE(check(engine, *m_db, ok(90, 8.5)).empty());
    EXPECT_EQ(raisedSpy.count(), 1);
    EXPECT_EQ(queuedSpy.count(), 1);
}

TEST_F(AlertEngineStore, NoDeliveriesQueuedSignalWhenNoChannelWantsTheAlert)
{
    addChannel(QStringLiteral("pager"), true, QStringList{QStringLiteral("key_failing")});
    addChannel(QStringLiteral("off"), false, std::nullopt);
    AlertEngine engine(*m_db, kNoPlatforms);
    QSignalSpy raisedSpy(&engine, &AlertEngine::alertRaised);
    QSignalSpy queuedSpy(&engine, &AlertEngine::deliveriesQueued);

    EXPECT_TRUE(check(engine, *m_db, ok(0, 20)).empty());
    EXPECT_EQ(kindsOf(check(engine, *m_db, ok(30, 9))), std::vector<AlertKind>{AlertKind::LowBalance});
    EXPECT_EQ(raisedSpy.count(), 1);
    EXPECT_EQ(queuedSpy.count(), 0);
    EXPECT_EQ(rows(*m_db, QStringLiteral("outbox")), 0);
    EXPECT_EQ(rows(*m_db, QStringLiteral("alerts")), 1);
}

TEST_F(AlertEngineStore, RemovingTheKeyTakesItsAlertsDeliveriesAndStateAlong)
{
    const qint64 channel = addChannel(QStringLiteral("all"), true, std::nullopt);
    AlertEngine engine(*m_db, kNoPlatforms);
    EXPECT_TRUE(check(engine, *m_db, ok(0, 20)).empty());
    ASSERT_EQ(check(engine, *m_db, ok(30, 5)).size(), 1u);
    ASSERT_EQ(rows(*m_db, QStringLiteral("alerts")), 1);
    ASSERT_EQ(rows(*m_db, QStringLiteral("outbox")), 1);
    ASSERT_EQ(rows(*m_db, QStringLiteral("alert_state")), 1);

    auto removed = ApiKeyRepository(*m_db).remove(m_key.id);
    ASSERT_TRUE(removed && *removed);
    EXPECT_EQ(rows(*m_db, QStringLiteral("alerts")), 0);
    EXPECT_EQ(rows(*m_db, QStringLiteral("outbox")), 0);
    EXPECT_EQ(rows(*m_db, QStringLiteral("alert_state")), 0);
    auto still = ChannelRepository(*m_db).find(channel);
    EXPECT_TRUE(still && *still) << "the channel is not the key's";
}

TEST_F(AlertEngineStore, ASpikeIsSeenOnTheCheckThatShowsIt)
{
    // The engine reads the history from the database; the check it evaluates is stored already
    // and is the newest point of that history, so a big spend is judged when it is seen.
    m_key.threshold.reset();
    AlertEngine engine(*m_db, kNoPlatforms);
    double balance = 1000;
    for (int hour = 0; hour <= 24; ++hour, balance -= 0.5)
        ASSERT_TRUE(check(engine, *m_db, ok(hour * 60, balance)).empty()) << hour;
    balance -= 50;
    const std::vector<Alert> spike = check(engine, *m_db, ok(25 * 60, balance));
    EXPECT_EQ(kindsOf(spike), std::vector<AlertKind>{AlertKind::SpendSpike});
    const std::vector<Alert> after = check(engine, *m_db, ok(26 * 60, balance - 0.5));
    EXPECT_FALSE(has(after, AlertKind::SpendSpike));
}

TEST_F(AlertEngineStore, ForecastCountsTheCurrentReading)
{
    // 1 USD an hour: with 71.5 left there are 2.98 days; with the previous 72, exactly 3.
    m_key.threshold.reset();
    AlertEngine engine(*m_db, kNoPlatforms);
    std::vector<Alert> all;
    for (int step = 0; step <= 57; ++step) {
        const std::vector<Alert> raised = check(engine, *m_db, ok(step * 30, 100 - step * 0.5));
        all.insert(all.end(), raised.begin(), raised.end());
    }
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all.front().kind, AlertKind::ForecastEmpty);
    EXPECT_EQ(all.front().remaining, units(71.5));
}

// CheckService reads ahead for a stored batch: the rules then decide exactly as they do reading
// each check alone — the spike and the forecast come on the same checks, for every key of the
// batch, and the history of each is its own week, not its neighbour's.
TEST_F(AlertEngineStore, ReadingAheadForABatchDecidesAsEachCheckAlone)
{
    m_key.threshold.reset();
    ApiKey other = m_key;
    other.name = QStringLiteral("second key");
    auto otherId = ApiKeyRepository(*m_db).insert(other);
    ASSERT_TRUE(otherId);
    other.id = *otherId;
    AlertEngine engine(*m_db, kNoPlatforms);
    const auto batch = [&](double minutes, double first, double second) {
        Snapshot a = ok(minutes, first);
        Snapshot b = ok(minutes, second);
        b.keyId = other.id;
        EXPECT_TRUE(SnapshotRepository(*m_db).insert(a));
        EXPECT_TRUE(SnapshotRepository(*m_db).insert(b));
        engine.readAhead({{m_key.id, &a}, {other.id, &b}});
        auto raisedA = engine.evaluate(m_key, a);
        auto raisedB = engine.evaluate(other, b);
        EXPECT_TRUE(raisedA && raisedB);
        return std::pair{raisedA.value_or(std::vector<Alert>()), raisedB.value_or(std::vector<Alert>())};
    };
    // The first key spends 0.5 an hour and then 50 at once; the second 1 an hour throughout.
    double first = 1000;
    double second = 100;
    for (int hour = 0; hour <= 24; ++hour, first -= 0.5, second -= 1) {
        const auto [a, b] = batch(hour * 60, first, second);
        EXPECT_TRUE(a.empty()) << hour;
        EXPECT_FALSE(has(b, AlertKind::SpendSpike)) << hour;
    }
    const auto [spike, steady] = batch(25 * 60, first - 50, second);
    EXPECT_EQ(kindsOf(spike), std::vector<AlertKind>{AlertKind::SpendSpike});
    EXPECT_FALSE(has(steady, AlertKind::SpendSpike));
    // 75 left at 1 an hour is 3.1 days: the forecast is the second key's alone.
    const auto [quiet, forecast] = batch(26 * 60, first - 50.5, 71);
    EXPECT_FALSE(has(quiet, AlertKind::ForecastEmpty));
    EXPECT_TRUE(has(forecast, AlertKind::ForecastEmpty));
}

// Two checks of one key in a batch: the second decides on what the first wrote, so a crossing
// raises one alert, not one per check.
TEST_F(AlertEngineStore, AKeyTwiceInABatchIsDecidedOnWhatItsFirstCheckWrote)
{
    AlertEngine engine(*m_db, kNoPlatforms);
    EXPECT_TRUE(check(engine, *m_db, ok(0, 20)).empty());
    Snapshot first = ok(10, 9);
    Snapshot second = ok(11, 8);
    ASSERT_TRUE(SnapshotRepository(*m_db).insert(first));
    ASSERT_TRUE(SnapshotRepository(*m_db).insert(second));
    engine.readAhead({{m_key.id, &first}, {m_key.id, &second}});
    auto crossed = engine.evaluate(m_key, first);
    auto again = engine.evaluate(m_key, second);
    ASSERT_TRUE(crossed && again);
    EXPECT_EQ(kindsOf(*crossed), std::vector<AlertKind>{AlertKind::LowBalance});
    EXPECT_TRUE(again->empty());
}

TEST_F(AlertEngineStore, SettingsLoadSaveRoundTrip)
{
    SettingsRepository settings(*m_db);
    auto defaults = AlertSettings::load(settings);
    ASSERT_TRUE(defaults);
    EXPECT_EQ(defaults->authErrorsInARow, 2);
    EXPECT_EQ(defaults->failingAfterS, 3600);
    EXPECT_DOUBLE_EQ(defaults->forecastDays, 3);
    EXPECT_DOUBLE_EQ(defaults->spikeFactor, 5);

    AlertSettings changed;
    changed.failingAfterS = 7200;
    changed.forecastDays = 2.5;
    changed.spikeFactor = 8;
    ASSERT_TRUE(changed.save(settings));
    EXPECT_EQ(settings.value(QStringLiteral("alerts.failing_after_s"))->value_or(QString()),
              QStringLiteral("7200"));

    std::unique_ptr<Database> other = m_testDb->open();
    ASSERT_NE(other, nullptr);
    SettingsRepository otherSettings(*other);
    auto loaded = AlertSettings::load(otherSettings);
    ASSERT_TRUE(loaded);
    EXPECT_EQ(loaded->failingAfterS, 7200);
    EXPECT_DOUBLE_EQ(loaded->forecastDays, 2.5);
    EXPECT_DOUBLE_EQ(loaded->spikeFactor, 8);

    AlertEngine engine(*other, kNoPlatforms);
    EXPECT_EQ(engine.settings().failingAfterS, 3600);
    ASSERT_TRUE(engine.reloadSettings());
    EXPECT_EQ(engine.settings().failingAfterS, 7200);
    EXPECT_DOUBLE_EQ(engine.settings().spikeFactor, 8);
}

TEST_F(AlertEngineStore, GarbageSettingsAreIgnored)
{
    SettingsRepository settings(*m_db);
    const QString failingAfter = QStringLiteral("alerts.failing_after_s");
    const QString forecastDays = QStringLiteral("alerts.forecast_days");
    const QString spikeFactor = QStringLiteral("alerts.spike_factor");
    const std::vector<std::array<const char *, 3>> garbage{
        {"abc", "three", "many"}, {"", " ", "5x"},       {"-60", "-1", "1"},    {"59", "366", "1001"},
        {"1e12", "1e9", "1e300"}, {"inf", "inf", "inf"}, {"nan", "nan", "nan"}, {"0x10", "3 days", "5,5"},
    };
    for (const auto &[failing, days, factor] : garbage) {
        SCOPED_TRACE(std::string(failing) + " / " + days + " / " + factor);
        ASSERT_TRUE(settings.setValue(failingAfter, QString::fromLatin1(failing)));
        ASSERT_TRUE(settings.setValue(forecastDays, QString::fromLatin1(days)));
        ASSERT_TRUE(settings.setValue(spikeFactor, QString::fromLatin1(factor)));
        auto loaded = AlertSettings::load(settings);
        ASSERT_TRUE(loaded);
        EXPECT_EQ(loaded->failingAfterS, 3600);
        EXPECT_DOUBLE_EQ(loaded->forecastDays, 3);
        EXPECT_DOUBLE_EQ(loaded->spikeFactor, 5);
    }
    // One good value among bad ones is taken.
    ASSERT_TRUE(settings.setValue(forecastDays, QStringLiteral("7")));
    auto loaded = AlertSettings::load(settings);
    ASSERT_TRUE(loaded);
    EXPECT_DOUBLE_EQ(loaded->forecastDays, 7);
    EXPECT_EQ(loaded->failingAfterS, 3600);
}

// Instances of a team on one PostgreSQL: two connections (standing in for two processes) store
// checks of the same key at the same moment and evaluate them, round after round with the
// balance back up in between. The key's rule state is locked while a crossing is decided, so
// each crossing raises one low_balance alert and queues one delivery per channel, not one per
// instance that saw it.
TEST_F(AlertEngineStore, TwoConnectionsRacingOnOneCrossingRaiseOneAlert)
{
    if (!isPostgres())
        GTEST_SKIP() << "PostgreSQL only: instances share a database there; SQLite is one instance";
    const qint64 hook = addChannel(QStringLiteral("team hook"), true, std::nullopt);
    const qint64 mail = addChannel(QStringLiteral("team mail"), true, std::nullopt);
    ASSERT_TRUE(hook && mail);
    AlertEngine local(*m_db, kNoPlatforms);
    constexpr int kRounds = 12;
    for (int round = 0; round < kRounds; ++round) {
        const double minute = 100.0 * round;
        // Back above the threshold and its margin: the rule is armed again (a top-up alert
        // from the second round on).
        EXPECT_FALSE(has(check(local, *m_db, ok(minute, 50)), AlertKind::LowBalance)) << "round " << round;

        std::latch ready(2);
        std::array<std::vector<Alert>, 2> raised;
        std::array<QString, 2> errors;
        auto instance = [&](int which) {
            auto db = m_testDb->open();
            if (!db) {
                errors[which] = QStringLiteral("cannot open");
                ready.count_down();
                return;
            }
            AlertEngine engine(*db, kNoPlatforms);
            const Snapshot low = ok(minute + 1 + which, 5);
            ready.arrive_and_wait(); // both connected: go together
            if (auto stored = SnapshotRepository(*db).insert(low); !stored) {
                errors[which] = stored.error().message;
                return;
            }
            auto result = engine.evaluate(m_key, low);
            if (!result)
                errors[which] = result.error().message;
            else
                raised[which] = *result;
        };
        std::thread first(instance, 0);
        std::thread second(instance, 1);
        first.join();
        second.join();
        EXPECT_TRUE(errors[0].isEmpty()) << errors[0].toStdString();
        EXPECT_TRUE(errors[1].isEmpty()) << errors[1].toStdString();
        const auto lows = [](const std::vector<Alert> &alerts) {
            return std::count_if(alerts.begin(), alerts.end(),
                                 [](const Alert &alert) { return alert.kind == AlertKind::LowBalance; });
        };
        EXPECT_EQ(lows(raised[0]) + lows(raised[1]), 1) << "round " << round;
    }
    auto query = m_db->run(QStringLiteral("SELECT COUNT(*) FROM alerts WHERE kind = 'low_balance'"));
    ASSERT_TRUE(query && query->next());
    EXPECT_EQ(query->value(0).toInt(), kRounds);
    auto perChannel =
        m_db->run(QStringLiteral("SELECT o.channel_id, COUNT(*) FROM outbox o JOIN alerts a ON "
                                 "a.id = o.alert_id WHERE a.kind = 'low_balance' GROUP BY o.channel_id"));
    ASSERT_TRUE(perChannel);
    int channels = 0;
    while (perChannel->next()) {
        ++channels;
        EXPECT_EQ(perChannel->value(1).toInt(), kRounds) << "channel " << perChannel->value(0).toLongLong();
    }
    EXPECT_EQ(channels, 2);
}
