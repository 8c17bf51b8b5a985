// The Session's use cases as every front end calls them, on a real database (SQLite or the
// PostgreSQL fixture) with a real loopback HTTP server playing DeepSeek and a webhook.
#include "core/keys/keyvalidator.h"
#include "core/session/configuration.h"
#include "core/session/session.h"
#include "core/storage/database.h"
#include "core/storage/snapshotrepository.h"
#include "tests/session/sessionfixture.h"
#include "tests/support/testhttpserver.h"
#include "tests/support/waitfor.h"

#include <QFile>
#include <QJsonDocument>
#include <QSignalSpy>
#include <gtest/gtest.h>

namespace qw::test {
namespace {

const QDateTime kNow = kSessionNow;
constexpr char kSecret[] = "sk-session-test-0123456789abcdef";

QByteArray recorded(const char *platform, const char *name)
{
    QFile file(QStringLiteral(QW_TEST_DATA_DIR "/providers/%1/%2")
                   .arg(QLatin1String(platform), QLatin1String(name)));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

class SessionTest : public SessionFixture
{
protected:
    // A DeepSeek key pointed at the test server, stored through the keys service.
    qint64 addKey(const QString &name, const QString &threshold = {})
    {
        KeyDraft draft;
        draft.name = name;
        draft.platform = QStringLiteral("deepseek");
        draft.baseUrl = QStringLiteral("http://127.0.0.1:%1").arg(m_provider.port());
        draft.threshold = threshold;
        auto key = KeyValidator(m_session->platforms()).validate(draft);
        EXPECT_TRUE(key) << (key ? "" : key.error().message.toStdString());
        if (!key)
            return 0;
        auto id = m_session->keys().add(PendingKey{*key, SecureBytes::copyOf(kSecret)});
        EXPECT_TRUE(id) << (id ? "" : id.error().message.toStdString());
        return id.value_or(0);
    }

    std::vector<Snapshot> checkNow(std::vector<qint64> ids)
    {
        std::optional<std::vector<Snapshot>> results;
        m_session->checkNow(std::move(ids), [&](const std::vector<CheckBatch::Result> &done) {
            results.emplace();
            for (const CheckBatch::Result &result : done) {
                EXPECT_TRUE(result.stored) << "key " << result.snapshot.keyId;
                results->push_back(result.snapshot);
            }
        });
        EXPECT_TRUE(waitFor([&] { return results.has_value(); }));
        return results.value_or(std::vector<Snapshot>{});
    }

    TestHttpServer m_provider;
};

TEST_F(SessionTest, KeysAreAddedListedPausedAndRemovedThroughOneService)
{
    QSignalSpy changed(m_session.get(), &Session::keysChanged);
    const qint64 id = addKey(QStringLiteral("main"));
    ASSERT_GT(id, 0);
    EXPECT_EQ(changed.count(), 1);

    auto listed = m_session->keys().listWithLatest();
    ASSERT_TRUE(listed);
    ASSERT_EQ(listed->size(), 1U);
    EXPECT_EQ(listed->front().key.name, QStringLiteral("main"));
    EXPECT_EQ(listed->front().health, KeyHealth::Unknown);
    EXPECT_FALSE(listed->front().key.secretEnc.contains(kSecret));
    EXPECT_EQ(listed->front().key.userId, m_session->ownerId());

    ASSERT_TRUE(m_session->keys().setEnabled(id, false));
    EXPECT_EQ(m_session->keys().getWithLatest(id)->health, KeyHealth::Paused);
    EXPECT_EQ(changed.count(), 2);

    auto removed = m_session->keys().remove(id);
    ASSERT_TRUE(removed);
    EXPECT_EQ(removed->name, QStringLiteral("main"));
    auto gone = m_session->keys().get(id);
    ASSERT_FALSE(gone);
    EXPECT_EQ(gone.error().code, ErrorCode::NotFound);
    EXPECT_EQ(gone.error().message, QStringLiteral("no key with id %1").arg(id));
    EXPECT_EQ(m_session->keys().setEnabled(id, true).error().code, ErrorCode::NotFound);
}

TEST_F(SessionTest, KeysOfAnAccountSeeAndChangeOnlyThatAccountsKeys)
{
    auto other =
        m_session->accounts().registerUser(QStringLiteral("alice"), QStringLiteral("alice-password"));
    ASSERT_TRUE(other) << other.error().message.toStdString();
    const qint64 owners = addKey(QStringLiteral("owner's"));
    KeyService alice = m_session->keysOf(other->id);
    KeyDraft draft;
    draft.name = QStringLiteral("alice's");
    draft.platform = QStringLiteral("deepseek");
    draft.baseUrl = m_provider.baseUrl();
    auto validated = KeyValidator(m_session->platforms()).validate(draft);
    ASSERT_TRUE(validated);
    auto alices = alice.add(PendingKey{*validated, SecureBytes::copyOf(kSecret)});
    ASSERT_TRUE(alices);

    ASSERT_EQ(alice.list()->size(), 1U);
    EXPECT_EQ(alice.list()->front().id, *alices);
    EXPECT_EQ(alice.list()->front().userId, other->id);
    ASSERT_EQ(m_session->keys().listWithLatest()->size(), 1U);
    EXPECT_EQ(m_session->keys().listWithLatest()->front().key.id, owners);

    const QString notThere = QStringLiteral("no key with id %1").arg(owners);
    for (const Error &error : {alice.get(owners).error(), alice.getWithLatest(owners).error(),
                               alice.setEnabled(owners, false).error(), alice.remove(owners).error(),
                               alice.update(*m_session->keys().get(owners)).error()}) {
        EXPECT_EQ(error.code, ErrorCode::NotFound);
        EXPECT_EQ(error.message, notThere);
    }
    auto untouched = m_session->keys().get(owners);
    ASSERT_TRUE(untouched);
    EXPECT_TRUE(untouched->enabled);
    EXPECT_EQ(untouched->name, QStringLiteral("owner's"));
    // The engine still checks any account's key.
    const auto results = checkNow({*alices});
    ASSERT_EQ(results.size(), 1U);
    EXPECT_EQ(results.front().keyId, *alices);
    EXPECT_EQ(m_session->history().checks(*alices)->size(), 1U);
}

TEST_F(SessionTest, CheckNowStoresTheResultAndRaisesItsAlerts)
{
    m_provider.route("GET", "/user/balance", TestResponse::json(recorded("deepseek", "cny_only.json")));
    const qint64 low = addKey(QStringLiteral("low"), QStringLiteral("1000"));
    const qint64 fine = addKey(QStringLiteral("fine"));
    ASSERT_TRUE(m_session->engine().alerts().reloadSettings());

    const auto results = checkNow({low, fine});
    ASSERT_EQ(results.size(), 2U);
    EXPECT_EQ(results[0].keyId, low);
    EXPECT_EQ(results[1].keyId, fine);
    for (const Snapshot &snapshot : results)
        EXPECT_EQ(snapshot.status, CheckStatus::Ok) << snapshot.error.toStdString();

    auto stored = m_session->history().checks(low);
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->size(), 1U);
    EXPECT_EQ(m_session->keys().getWithLatest(low)->health, KeyHealth::Low);

    auto alerts = m_session->alerts().recent(0, 10);
    ASSERT_TRUE(alerts);
    ASSERT_EQ(alerts->size(), 1U);
    EXPECT_EQ(alerts->front().alert.keyId, low);
    EXPECT_EQ(alerts->front().alert.kind, AlertKind::LowBalance);
}

TEST_F(SessionTest, KeysToCheckAreTheEnabledOnesOrExactlyThoseNamed)
{
    const qint64 a = addKey(QStringLiteral("a"));
    const qint64 b = addKey(QStringLiteral("b"));
    ASSERT_TRUE(m_session->keys().setEnabled(b, false));

    auto all = m_session->keysToCheck({});
    ASSERT_TRUE(all);
    ASSERT_EQ(all->size(), 1U);
    EXPECT_EQ(all->front().id, a);

    auto named = m_session->keysToCheck({b});
    ASSERT_TRUE(named);
    EXPECT_EQ(named->front().id, b);

    auto unknown = m_session->keysToCheck({a, 999});
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().message, QStringLiteral("no key with id 999"));
}

TEST_F(SessionTest, HistoryComesAPageAtATimeWithTheRangeTotal)
{
    const qint64 id = addKey(QStringLiteral("history"));
    std::vector<Snapshot> snapshots;
    for (int i = 0; i < 5; ++i) {
        Snapshot snapshot;
        snapshot.keyId = id;
        snapshot.checkedAt = kNow.addSecs(-3600 * (5 - i));
        snapshot.remaining = Amount::fromMicros(1'000'000 * (10 - i));
        snapshot.unit = QStringLiteral("USD");
        snapshot.kind = ReadingKind::Balance;
        snapshots.push_back(snapshot);
    }
    ASSERT_TRUE(SnapshotRepository(m_session->database()).insertMany(snapshots));

    auto page = m_session->history().page(id, {}, 2, 2);
    ASSERT_TRUE(page);
    EXPECT_EQ(page->total, 5);
    ASSERT_EQ(page->checks.size(), 2U);
    EXPECT_EQ(page->checks[0].checkedAt, snapshots[2].checkedAt);

    auto recent = TimeRange::parse(QStringLiteral("150m"), kNow);
    ASSERT_TRUE(recent);
    auto lastTwo = m_session->history().checks(id, *recent);
    ASSERT_TRUE(lastTwo);
    EXPECT_EQ(lastTwo->size(), 2U);

    EXPECT_EQ(m_session->history().checks(id + 100).error().code, ErrorCode::NotFound);
    EXPECT_EQ(m_session->history().page(id, {}, 0, 10).error().code, ErrorCode::InvalidInput);
}

TEST_F(SessionTest, AlertSettingsHaveOneTableOfLimits)
{
    auto settings = m_session->alerts().settings();
    ASSERT_TRUE(settings);
    settings->failingAfterS = 48 * 3600; // two days: fine from every front end
    ASSERT_TRUE(m_session->alerts().saveSettings(*settings));
    EXPECT_EQ(m_session->alerts().settings()->failingAfterS, 48 * 3600);

    AlertSettings tooLong = *settings;
    tooLong.failingAfterS = 8 * 24 * 3600;
    tooLong.forecastDays = 9;
    auto refused = m_session->alerts().saveSettings(tooLong);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(m_session->alerts().settings()->forecastDays, settings->forecastDays); // nothing saved
}

TEST_F(SessionTest, ChannelsAreStoredSealedAndTestedWithTheSessionClock)
{
    TestHttpServer hook;
    hook.route("POST", "/hook", TestResponse::json("{}"));
    ChannelDraft draft;
    draft.kind = ChannelKind::Webhook;
    draft.name = QStringLiteral("ops");
    draft.secrets.insert(QStringLiteral("url"), QStringLiteral("http://127.0.0.1:%1/hook").arg(hook.port()));
    auto id = m_session->channels().add(draft);
    ASSERT_TRUE(id) << id.error().message.toStdString();

    auto channel = m_session->channels().get(*id);
    ASSERT_TRUE(channel);
    EXPECT_FALSE(channel->secretsEnc.contains("/hook"));
    EXPECT_EQ(channel->userId, m_session->ownerId());

    std::optional<Result<void>> sent;
    m_session->channels().sendTest(*channel, [&](Result<void> result) { sent = std::move(result); });
    ASSERT_TRUE(waitFor([&] { return sent.has_value(); }));
    ASSERT_TRUE(*sent) << sent->error().message.toStdString();
    const auto requests = hook.requests();
    ASSERT_EQ(requests.size(), 1U);
    const QJsonObject body = QJsonDocument::fromJson(requests.front().body).object();
    EXPECT_EQ(body.value(QStringLiteral("event")).toString(), QStringLiteral("test"));
    EXPECT_EQ(body.value(QStringLiteral("time")).toString().left(19), QStringLiteral("2026-03-10T12:00:00"));
    // About no key: no fake key id 0 anywhere; it says it is a test from QuotaWatch, and when.
    EXPECT_TRUE(body.value(QStringLiteral("key")).isNull()) << requests.front().body.toStdString();
    EXPECT_FALSE(requests.front().body.contains("\"id\"")) << requests.front().body.toStdString();
    EXPECT_TRUE(body.value(QStringLiteral("message")).toString().contains(QStringLiteral("QuotaWatch")));
    EXPECT_TRUE(
        body.value(QStringLiteral("message")).toString().contains(QStringLiteral("2026-03-10 12:00 UTC")));

    ASSERT_TRUE(m_session->channels().remove(*id));
    EXPECT_EQ(m_session->channels().get(*id).error().message,
              QStringLiteral("no channel with id %1").arg(*id));
}

TEST_F(SessionTest, OverviewCountsStatesAndSumsWhatWorked)
{
    m_provider.route("GET", "/user/balance", TestResponse::json(recorded("deepseek", "cny_only.json")));
    const qint64 a = addKey(QStringLiteral("a"));
    const qint64 b = addKey(QStringLiteral("b"));
    const qint64 paused = addKey(QStringLiteral("paused"));
    addKey(QStringLiteral("never"));
    ASSERT_TRUE(m_session->keys().setEnabled(paused, false));
    checkNow({a, b});

    auto overview = m_session->overview();
    ASSERT_TRUE(overview);
    EXPECT_EQ(overview->total(), 4);
    EXPECT_EQ(overview->count(KeyHealth::Ok), 2);
    EXPECT_EQ(overview->count(KeyHealth::Paused), 1);
    EXPECT_EQ(overview->count(KeyHealth::Unknown), 1);
    EXPECT_EQ(overview->worst(), KeyHealth::Unknown);
    ASSERT_EQ(overview->perUnit().size(), 1U);
    const auto &[unit, total] = *overview->perUnit().begin();
    EXPECT_EQ(unit, QStringLiteral("CNY"));
    auto single = m_session->history().latest(a);
    ASSERT_TRUE(single && *single && (*single)->remaining);
    EXPECT_EQ(total.micros(), 2 * (*single)->remaining->micros());
}

TEST_F(SessionTest, ALockedSessionReadsButNeverTouchesSecrets)
{
    addKey(QStringLiteral("stored"));
    auto locked = Session::openLocked(Configuration({.db = m_testDb->url()}), QStringLiteral("locked-test"));
    ASSERT_TRUE(locked) << locked.error().message.toStdString();
    EXPECT_FALSE((*locked)->isUnlocked());
    auto keys = (*locked)->keys().list();
    ASSERT_TRUE(keys);
    EXPECT_EQ(keys->size(), 1U);

    KeyDraft draft;
    draft.name = QStringLiteral("new");
    draft.platform = QStringLiteral("deepseek");
    auto key = KeyValidator((*locked)->platforms()).validate(draft);
    ASSERT_TRUE(key);
    auto refused = (*locked)->keys().add(PendingKey{*key, SecureBytes::copyOf(kSecret)});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::MasterKeyUnavailable);
    EXPECT_EQ((*locked)->keys().list()->size(), 1U);
}

} // namespace
} // namespace qw::test
