// The outbox dispatcher with real parts: a real database (SQLite, and PostgreSQL under the
// `postgres` fixture), the vault, NotificationSender, HttpClient and a real HTTP server on
// 127.0.0.1 playing the webhook receiver. The clock is one the test moves, so retries and their
// backoff are checked without waiting for them; the test calls deliverDue() after moving it.
#include "core/alerts/alertnotice.h"
#include "core/alerts/channelconfig.h"
#include "core/alerts/notificationsender.h"
#include "core/alerts/outboxdispatcher.h"
#include "core/clock.h"
#include "core/crypto/fernet.h"
#include "core/crypto/vault.h"
#include "core/poll/httpclient.h"
#include "core/storage/alertrepository.h"
#include "core/storage/apikeyrepository.h"
#include "core/storage/channelrepository.h"
#include "core/storage/database.h"
#include "core/storage/outboxrepository.h"
#include "tests/support/backendtest.h"
#include "tests/support/closedport.h"
#include "tests/support/testhttpserver.h"
#include "tests/support/waitfor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <atomic>
#include <map>
#include <memory>
#include <set>
#include <vector>

using namespace qw;
using qw::test::OwnedBackendTest;
using qw::test::RecordedRequest;
using qw::test::TestHttpServer;
using qw::test::TestResponse;
using qw::test::waitFor;

namespace {

const QDateTime kStart(QDate(2026, 6, 1), QTime(9, 0), Qt::UTC);
constexpr qint64 kDayMs = 24LL * 3600 * 1000;
const QString kSmtpPassword = QStringLiteral("Sm7p-pa55word-do-not-leak");

class SteppedClock final : public Clock
{
public:
    [[nodiscard]] QDateTime nowUtc() const override { return m_now; }
    void set(const QDateTime &now) { m_now = now; }
    void advanceMs(qint64 ms) { m_now = m_now.addMSecs(ms); }

private:
    QDateTime m_now = kStart;
};

// Runs the event loop for a while, so that anything wrongly sent or reported would show up.
void settle(int ms = 150)
{
    waitFor([] { return false; }, ms);
}

TestResponse noContent()
{
    TestResponse response;
    response.status = 204;
    return response;
}

TestResponse unavailable(int delayMs = 0)
{
    TestResponse response = TestResponse::json(R"({"error":"try later"})", 503);
    response.delayMs = delayMs;
    return response;
}

// What one dispatcher told, in order.
struct Events
{
    struct Failure
    {
        qint64 id = 0;
        QString error;
        bool willRetry = false;
    };

    std::vector<qint64> delivered;
    std::vector<Failure> failures;
    int idle = 0;

    [[nodiscard]] const Failure *failureOf(qint64 id) const
    {
        for (const Failure &failure : failures) {
            if (failure.id == id)
                return &failure;
        }
        return nullptr;
    }
};

std::string str(const QString &text)
{
    return text.toStdString();
}

} // namespace

class OutboxDispatcherTest : public OwnedBackendTest
{
protected:
    void SetUp() override
    {
        OwnedBackendTest::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        ASSERT_NE(m_server.port(), 0);
        auto fernet = Fernet::fromKey(Fernet::generateKey().view());
        ASSERT_TRUE(fernet);
        m_vault = std::make_unique<Vault>(std::move(*fernet));
        m_http = makeHttp();
        m_sender = std::make_unique<NotificationSender>(*m_vault, *m_http);

        ApiKey key;
        key.userId = m_owner;
        key.name = QStringLiteral("prod-openai");
        key.platform = QStringLiteral("openai");
        key.secretEnc = QByteArrayLiteral("gAAAAAB-not-a-real-token");
        key.secretHint = QStringLiteral("sk-…beef");
        auto keyId = ApiKeyRepository(*m_db).insert(key);
        ASSERT_TRUE(keyId) << str(keyId.error().message);
        m_keyId = *keyId;
    }

    static std::unique_ptr<HttpClient> makeHttp()
    {
        return std::make_unique<HttpClient>(
            HttpClientLimits{.timeoutMs = 5000, .maxConcurrent = 16, .maxPerHost = 16});
    }

    // A dispatcher on `db` sending through `sender`, whose signals are recorded in `events`.
    std::unique_ptr<OutboxDispatcher> makeDispatcher(Events &events, Database *db = nullptr,
                                                     NotificationSender *sender = nullptr)
    {
        auto dispatcher =
            std::make_unique<OutboxDispatcher>(db ? *db : *m_db, sender ? *sender : *m_sender, m_clock);
        QObject::connect(dispatcher.get(), &OutboxDispatcher::delivered, dispatcher.get(),
                         [&events](qint64 id) { events.delivered.push_back(id); });
        QObject::connect(dispatcher.get(), &OutboxDispatcher::attemptFailed, dispatcher.get(),
                         [&events](qint64 id, const QString &error, bool willRetry) {
                             events.failures.push_back({id, error, willRetry});
                         });
        QObject::connect(dispatcher.get(), &OutboxDispatcher::idle, dispatcher.get(),
                         [&events] { ++events.idle; });
        return dispatcher;
    }

    // A generic webhook channel posting to `path` on the test server (or to `baseUrl`).
    qint64 addWebhookChannel(const QString &path, const QString &baseUrl = {})
    {
        ChannelDraft draft;
        draft.kind = ChannelKind::Webhook;
        draft.name = QStringLiteral("hook ") + path;
        draft.secrets = QJsonObject{
            {QStringLiteral("url"), QString((baseUrl.isEmpty() ? m_server.baseUrl() : baseUrl) + path)}};
        return addChannel(draft);
    }

    qint64 addChannel(const ChannelDraft &draft)
    {
        auto sealed = ChannelConfig::seal(draft, *m_vault, m_owner);
        EXPECT_TRUE(sealed) << str(sealed.error().message);
        if (!sealed)
            return 0;
        sealed->userId = m_owner;
        return insertChannel(*sealed);
    }

    qint64 insertChannel(const Channel &channel)
    {
        auto id = ChannelRepository(*m_db).insert(channel);
        EXPECT_TRUE(id) << str(id.error().message);
        return id ? *id : 0;
    }

    // One low-balance alert raised now and queued to `channels`: the new outbox rows, by channel.
    std::vector<qint64> queueAlert(const std::vector<qint64> &channels,
                                   const QString &message = QStringLiteral("prod-openai has 4.50 USD left."))
    {
        Alert alert;
        alert.keyId = m_keyId;
        alert.kind = AlertKind::LowBalance;
        alert.createdAt = m_clock.nowUtc();
        alert.remaining = Amount::fromDouble(4.5);
        alert.unit = QStringLiteral("USD");
        alert.threshold = Amount::fromDouble(10);
        alert.title = QStringLiteral("Low balance: prod-openai");
        alert.message = message;
        auto alertId = AlertRepository(*m_db).insert(alert);
        EXPECT_TRUE(alertId) << str(alertId.error().message);
        if (!alertId)
            return {};
        OutboxRepository outbox(*m_db);
        auto queued = outbox.enqueue(*alertId, channels, m_clock.nowUtc());
        EXPECT_TRUE(queued) << str(queued.error().message);
        auto rows = outbox.forAlert(*alertId);
        EXPECT_TRUE(rows);
        std::vector<qint64> ids;
        for (qint64 channel : channels) {
            for (const OutboxEntry &row : rows.value_or(std::vector<OutboxEntry>())) {
                if (row.channelId == channel)
                    ids.push_back(row.id);
            }
        }
        EXPECT_EQ(ids.size(), channels.size());
        return ids;
    }

    qint64 queueOne(qint64 channel) { return queueAlert({channel}).at(0); }

    OutboxEntry row(qint64 id)
    {
        auto found = OutboxRepository(*m_db).find(id);
        EXPECT_TRUE(found && *found) << "outbox row " << id;
        return found && *found ? **found : OutboxEntry();
    }

    void setAttempts(qint64 id, int attempts)
    {
        auto updated =
            m_db->run(QStringLiteral("UPDATE outbox SET attempts = ? WHERE id = ?"), {attempts, id});
        ASSERT_TRUE(updated) << str(updated.error().message);
    }

    void setNextAttempt(qint64 id, const QDateTime &at)
    {
        auto updated = m_db->run(QStringLiteral("UPDATE outbox SET next_attempt_at = ? WHERE id = ?"),
                                 {at.toMSecsSinceEpoch(), id});
        ASSERT_TRUE(updated) << str(updated.error().message);
    }

    // next_attempt_at lies within base ± 10 % after `from`.
    static void expectRetryAfter(const OutboxEntry &entry, const QDateTime &from, qint64 baseMs)
    {
        const qint64 gap = from.msecsTo(entry.nextAttemptAt);
        EXPECT_GE(gap, baseMs - baseMs / 10) << "next attempt " << gap << " ms after the failure";
        EXPECT_LE(gap, baseMs + baseMs / 10) << "next attempt " << gap << " ms after the failure";
    }

    // The dispatcher takes nothing when asked now: no claim, nothing in flight, no request.
    void expectNothingSentOn(OutboxDispatcher &dispatcher, int requestsBefore)
    {
        dispatcher.deliverDue();
        EXPECT_EQ(dispatcher.inFlight(), 0);
        settle();
        EXPECT_EQ(m_server.requestCount(), requestsBefore);
    }

    SteppedClock m_clock;
    TestHttpServer m_server;
    std::unique_ptr<Vault> m_vault;
    std::unique_ptr<HttpClient> m_http;
    std::unique_ptr<NotificationSender> m_sender;
    qint64 m_keyId = 0;
};

TEST(OutboxBackoff, ScheduleIsFiveSecondsToAnHourThenHourly)
{
    const std::vector<qint64> expectedS{5, 15, 30, 60, 120, 300, 600, 1800, 3600, 3600};
    for (std::size_t i = 0; i < expectedS.size(); ++i)
        EXPECT_EQ(OutboxDispatcher::backoffMs(int(i + 1)), expectedS[i] * 1000) << "after attempt " << i + 1;
    EXPECT_EQ(OutboxDispatcher::backoffMs(OutboxDispatcher::kMaxAttempts), 3600 * 1000);
    EXPECT_EQ(OutboxDispatcher::backoffMs(1000), 3600 * 1000);
    EXPECT_EQ(OutboxDispatcher::backoffMs(0), 5000) << "a row never tried counts as the first";
    EXPECT_LE(OutboxDispatcher::backoffMs(1), 10'000) << "the first retry within 10 s";
    for (int attempt = 1; attempt < OutboxDispatcher::kMaxAttempts; ++attempt)
        EXPECT_LE(OutboxDispatcher::backoffMs(attempt), OutboxDispatcher::backoffMs(attempt + 1));
}

TEST_F(OutboxDispatcherTest, DueRowIsDeliveredOnceWithTheDocumentedPayload)
{
    m_server.route("POST", "/hook", noContent());
    const qint64 channel = addWebhookChannel(QStringLiteral("/hook"));
    const qint64 id = queueOne(channel);
    Events events;
    auto dispatcher = makeDispatcher(events);
    dispatcher->start();
    EXPECT_EQ(dispatcher->inFlight(), 1);
    ASSERT_TRUE(waitFor([&] { return !events.delivered.empty() && events.idle > 0; }));

    EXPECT_EQ(events.delivered, std::vector<qint64>{id});
    EXPECT_TRUE(events.failures.empty());
    const std::vector<RecordedRequest> requests = m_server.requests();
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0].method, "POST");
    EXPECT_EQ(requests[0].path, "/hook");
    const QJsonObject body = QJsonDocument::fromJson(requests[0].body).object();
    auto alert = AlertRepository(*m_db).find(row(id).alertId);
    ASSERT_TRUE(alert && *alert);
    EXPECT_EQ(body, (AlertNotice{**alert, QStringLiteral("prod-openai"), QStringLiteral("openai")}.toJson()));
    EXPECT_EQ(body.value(QLatin1String("event")).toString(), QStringLiteral("low_balance"));
    const QJsonObject key = body.value(QLatin1String("key")).toObject();
    EXPECT_EQ(key.value(QLatin1String("id")).toInteger(), m_keyId);
    EXPECT_EQ(key.value(QLatin1String("name")).toString(), QStringLiteral("prod-openai"));
    EXPECT_EQ(key.value(QLatin1String("platform")).toString(), QStringLiteral("openai"));
    EXPECT_DOUBLE_EQ(body.value(QLatin1String("remaining")).toDouble(), 4.5);
    EXPECT_EQ(body.value(QLatin1String("message")).toString(),
              QStringLiteral("prod-openai has 4.50 USD left."));

    const OutboxEntry sent = row(id);
    EXPECT_EQ(sent.status, OutboxEntry::Status::Sent);
    EXPECT_EQ(sent.attempts, 1);
    EXPECT_EQ(sent.sentAt, kStart);
    EXPECT_TRUE(sent.lastError.isEmpty());
    EXPECT_FALSE(sent.leaseUntil.isValid());

    // Never again: not now, not a day later, not after a restart.
    expectNothingSentOn(*dispatcher, 1);
    m_clock.advanceMs(kDayMs);
    expectNothingSentOn(*dispatcher, 1);
    dispatcher->stop();
    dispatcher->start();
    expectNothingSentOn(*dispatcher, 1);
    EXPECT_EQ(events.delivered.size(), 1u);
    EXPECT_TRUE(events.failures.empty());
    EXPECT_EQ(row(id).status, OutboxEntry::Status::Sent);
}

TEST_F(OutboxDispatcherTest, RefusedDeliveryIsRetriedWithGrowingBackoffUntilItGoesThrough)
{
    auto status = std::make_shared<std::atomic_int>(503);
    m_server.route("POST", "/hook", [status](const RecordedRequest &) {
        const int code = status->load();
        return code == 503 ? unavailable() : TestResponse::json("{}", code);
    });
    const qint64 id = queueOne(addWebhookChannel(QStringLiteral("/hook")));
    Events events;
    auto dispatcher = makeDispatcher(events);
    dispatcher->start();
    ASSERT_TRUE(waitFor([&] { return events.failures.size() == 1; }));

    // First failure: back in 5 s ± 10 %.
    EXPECT_EQ(events.failures[0].id, id);
    EXPECT_TRUE(events.failures[0].willRetry);
    EXPECT_TRUE(events.failures[0].error.contains(QLatin1String("503"))) << str(events.failures[0].error);
    OutboxEntry entry = row(id);
    EXPECT_EQ(entry.status, OutboxEntry::Status::Pending);
    EXPECT_EQ(entry.attempts, 1);
    EXPECT_EQ(entry.lastError, events.failures[0].error);
    expectRetryAfter(entry, kStart, 5000);
    EXPECT_LE(kStart.msecsTo(entry.nextAttemptAt), 10'000);
    EXPECT_EQ(m_server.requestCount(), 1);

    // Not before its time.
    m_clock.set(kStart.addMSecs(4400));
    expectNothingSentOn(*dispatcher, 1);
    m_clock.set(entry.nextAttemptAt.addMSecs(-1));
    expectNothingSentOn(*dispatcher, 1);
    EXPECT_EQ(events.failures.size(), 1u);

    // Second attempt at its time, refused again: the gap grows to 15 s ± 10 %.
    const QDateTime second = entry.nextAttemptAt;
    m_clock.set(second);
    dispatcher->deliverDue();
    ASSERT_TRUE(waitFor([&] { return events.failures.size() == 2; }));
    EXPECT_EQ(m_server.requestCount(), 2);
    EXPECT_TRUE(events.failures[1].willRetry);
    entry = row(id);
    EXPECT_EQ(entry.status, OutboxEntry::Status::Pending);
    EXPECT_EQ(entry.attempts, 2);
    expectRetryAfter(entry, second, 15'000);
    m_clock.set(second.addMSecs(13'000));
    expectNothingSentOn(*dispatcher, 2);

    // Third attempt: the receiver is back.
    status->store(200);
    m_clock.set(entry.nextAttemptAt.addMSecs(1));
    const QDateTime third = m_clock.nowUtc();
    dispatcher->deliverDue();
    ASSERT_TRUE(waitFor([&] { return !events.delivered.empty(); }));
    EXPECT_EQ(events.delivered, std::vector<qint64>{id});
    EXPECT_EQ(m_server.requestCount(), 3);
    entry = row(id);
    EXPECT_EQ(entry.status, OutboxEntry::Status::Sent);
    EXPECT_EQ(entry.attempts, 3);
    EXPECT_EQ(entry.sentAt, third);
    EXPECT_TRUE(entry.lastError.isEmpty());

    m_clock.advanceMs(kDayMs);
    expectNothingSentOn(*dispatcher, 3);
    EXPECT_EQ(events.failures.size(), 2u);
    EXPECT_EQ(events.delivered.size(), 1u);
}

TEST_F(OutboxDispatcherTest, ReceiverThatWasDownGetsTheRowWhenItComesBack)
{
    const quint16 port = test::closedLoopbackPort();
    ASSERT_NE(port, 0);
    const QString downUrl = QStringLiteral("http://127.0.0.1:%1").arg(port);
    const qint64 id = queueOne(addWebhookChannel(QStringLiteral("/hook"), downUrl));
    Events events;
    auto dispatcher = makeDispatcher(events);
    dispatcher->start();
    ASSERT_TRUE(waitFor([&] { return events.failures.size() == 1; }));
    EXPECT_EQ(events.failures[0].id, id);
    EXPECT_TRUE(events.failures[0].willRetry) << str(events.failures[0].error);
    EXPECT_FALSE(events.failures[0].error.isEmpty());
    const OutboxEntry entry = row(id);
    EXPECT_EQ(entry.status, OutboxEntry::Status::Pending);
    expectRetryAfter(entry, kStart, 5000);

    TestHttpServer back(port);
    ASSERT_EQ(back.port(), port) << "the port was taken in between";
    back.route("POST", "/hook", noContent());
    m_clock.set(entry.nextAttemptAt);
    dispatcher->deliverDue();
    ASSERT_TRUE(waitFor([&] { return !events.delivered.empty(); }));
    EXPECT_EQ(back.requestCount(), 1);
    EXPECT_EQ(row(id).status, OutboxEntry::Status::Sent);
    EXPECT_EQ(row(id).attempts, 2);
}

TEST_F(OutboxDispatcherTest, GivesUpAfterTheLastAttemptAndNeverTriesAgain)
{
    m_server.route("POST", "/hook", unavailable());
    const qint64 channel = addWebhookChannel(QStringLiteral("/hook"));
    const qint64 oneLeft = queueOne(channel); // its next attempt is the one before the last
    const qint64 lastOne = queueOne(channel); // its next attempt is the last
    setAttempts(oneLeft, OutboxDispatcher::kMaxAttempts - 2);
    setAttempts(lastOne, OutboxDispatcher::kMaxAttempts - 1);
    Events events;
    auto dispatcher = makeDispatcher(events);
    dispatcher->start();
    ASSERT_TRUE(waitFor([&] { return events.failures.size() == 2; }));

    const Events::Failure *retried = events.failureOf(oneLeft);
    const Events::Failure *givenUp = events.failureOf(lastOne);
    ASSERT_NE(retried, nullptr);
    ASSERT_NE(givenUp, nullptr);
    EXPECT_TRUE(retried->willRetry);
    EXPECT_FALSE(givenUp->willRetry);
    OutboxEntry first = row(oneLeft);
    EXPECT_EQ(first.status, OutboxEntry::Status::Pending);
    EXPECT_EQ(first.attempts, OutboxDispatcher::kMaxAttempts - 1);
    expectRetryAfter(first, kStart, 3600 * 1000);
    const OutboxEntry last = row(lastOne);
    EXPECT_EQ(last.status, OutboxEntry::Status::Failed);
    EXPECT_EQ(last.attempts, OutboxDispatcher::kMaxAttempts);
    EXPECT_EQ(last.lastError, givenUp->error);
    EXPECT_FALSE(last.leaseUntil.isValid());

    m_clock.set(first.nextAttemptAt);
    dispatcher->deliverDue();
    ASSERT_TRUE(waitFor([&] { return events.failures.size() == 3; }));
    EXPECT_EQ(events.failures[2].id, oneLeft);
    EXPECT_FALSE(events.failures[2].willRetry);
    first = row(oneLeft);
    EXPECT_EQ(first.status, OutboxEntry::Status::Failed);
    EXPECT_EQ(first.attempts, OutboxDispatcher::kMaxAttempts);
    EXPECT_EQ(m_server.requestCount(), 3);

    // Failed is final: later, after a restart, with another dispatcher.
    m_clock.advanceMs(2 * kDayMs);
    expectNothingSentOn(*dispatcher, 3);
    dispatcher.reset();
    Events after;
    auto restarted = makeDispatcher(after);
    restarted->start();
    EXPECT_EQ(restarted->inFlight(), 0);
    expectNothingSentOn(*restarted, 3);
    EXPECT_TRUE(after.failures.empty());
    EXPECT_TRUE(after.delivered.empty());
    EXPECT_EQ(row(oneLeft).status, OutboxEntry::Status::Failed);
    EXPECT_EQ(row(lastOne).status, OutboxEntry::Status::Failed);
}

TEST_F(OutboxDispatcherTest, RestartSendsAWaitingRowAtOnceAndOnlyOnce)
{
    auto status = std::make_shared<std::atomic_int>(503);
    m_server.route("POST", "/hook", [status](const RecordedRequest &) {
        const int code = status->load();
        return code == 503 ? unavailable() : noContent();
    });
    const qint64 id = queueOne(addWebhookChannel(QStringLiteral("/hook")));
    const qint64 later = queueOne(addWebhookChannel(QStringLiteral("/hook")));
    setNextAttempt(later, kStart.addSecs(3600)); // waiting a long backoff, from an earlier run
    {
        Events events;
        auto first = makeDispatcher(events);
        first->start();
        ASSERT_TRUE(waitFor([&] { return events.failures.size() == 2; }));
        EXPECT_TRUE(events.failures[0].willRetry);
        EXPECT_TRUE(events.failures[1].willRetry);
    } // destroyed with both rows waiting for their backoff
    EXPECT_EQ(m_server.requestCount(), 2) << "start() tried the row waiting an hour at once";
    ASSERT_EQ(row(id).status, OutboxEntry::Status::Pending);
    ASSERT_GT(row(id).nextAttemptAt, kStart.addSecs(4));
    ASSERT_GT(row(later).nextAttemptAt, kStart.addSecs(4));

    status->store(204);
    m_clock.advanceMs(1000); // still long before either's next attempt
    Events events;
    auto second = makeDispatcher(events);
    second->start();
    EXPECT_EQ(second->inFlight(), 2) << "both sent at once";
    ASSERT_TRUE(waitFor([&] { return events.delivered.size() == 2; }));
    EXPECT_EQ(std::set<qint64>(events.delivered.begin(), events.delivered.end()),
              (std::set<qint64>{id, later}));
    EXPECT_EQ(m_server.requestCount(), 4);
    EXPECT_EQ(row(id).status, OutboxEntry::Status::Sent);
    EXPECT_EQ(row(later).status, OutboxEntry::Status::Sent);
    EXPECT_EQ(row(id).attempts, 2);

    m_clock.advanceMs(kDayMs);
    expectNothingSentOn(*second, 4);
    second->stop();
    second->start();
    expectNothingSentOn(*second, 4);
    EXPECT_EQ(events.delivered.size(), 2u);
    EXPECT_TRUE(events.failures.empty());
}

TEST_F(OutboxDispatcherTest, TwoDispatchersOnTheSameRowsSendEachRowOnce)
{
    // Slow enough answers that both dispatchers are busy at once and race for the rest.
    TestResponse slow = noContent();
    slow.delayMs = 20;
    m_server.route("POST", "/a", slow);
    m_server.route("POST", "/b", slow);
    const std::vector<qint64> channels{addWebhookChannel(QStringLiteral("/a")),
                                       addWebhookChannel(QStringLiteral("/b"))};
    std::set<qint64> ids;
    constexpr int kAlerts = 20;
    for (int i = 0; i < kAlerts; ++i) {
        for (qint64 id : queueAlert(channels, QStringLiteral("alert %1").arg(i)))
            ids.insert(id);
    }
    ASSERT_EQ(ids.size(), std::size_t(2 * kAlerts));

    std::unique_ptr<Database> otherDb = m_testDb->open();
    ASSERT_NE(otherDb, nullptr);
    std::unique_ptr<HttpClient> otherHttp = makeHttp();
    NotificationSender otherSender(*m_vault, *otherHttp);
    Events firstEvents;
    Events secondEvents;
    auto first = makeDispatcher(firstEvents);
    auto second = makeDispatcher(secondEvents, otherDb.get(), &otherSender);
    first->start();
    second->start();
    ASSERT_TRUE(
        waitFor([&] { return firstEvents.delivered.size() + secondEvents.delivered.size() >= ids.size(); }));
    settle(300);

    std::multiset<qint64> delivered(firstEvents.delivered.begin(), firstEvents.delivered.end());
    delivered.insert(secondEvents.delivered.begin(), secondEvents.delivered.end());
    EXPECT_EQ(delivered.size(), ids.size());
    EXPECT_EQ(std::set<qint64>(delivered.begin(), delivered.end()), ids);
    EXPECT_FALSE(firstEvents.delivered.empty());
    EXPECT_FALSE(secondEvents.delivered.empty()) << "the second dispatcher took part";
    EXPECT_TRUE(firstEvents.failures.empty()) << str(firstEvents.failures.front().error);
    EXPECT_TRUE(secondEvents.failures.empty()) << str(secondEvents.failures.front().error);

    // The server got each alert on each channel exactly once.
    const std::vector<RecordedRequest> requests = m_server.requests();
    EXPECT_EQ(requests.size(), ids.size());
    std::map<std::pair<QByteArray, QString>, int> perPair;
    for (const RecordedRequest &request : requests) {
        const QString message =
            QJsonDocument::fromJson(request.body).object().value(QLatin1String("message")).toString();
        ++perPair[{request.path, message}];
    }
    EXPECT_EQ(perPair.size(), ids.size());
    for (const auto &[pair, count] : perPair)
        EXPECT_EQ(count, 1) << pair.first.toStdString() << " " << str(pair.second);
    for (qint64 id : ids) {
        EXPECT_EQ(row(id).status, OutboxEntry::Status::Sent) << id;
        EXPECT_EQ(row(id).attempts, 1) << id;
    }
}

TEST_F(OutboxDispatcherTest, StopMidSendGivesTheRowBackAndIgnoresTheLateReply)
{
    TestResponse slow = noContent();
    slow.delayMs = 800;
    m_server.route("POST", "/hook", slow);
    const qint64 id = queueOne(addWebhookChannel(QStringLiteral("/hook")));
    Events events;
    auto dispatcher = makeDispatcher(events);
    dispatcher->start();
    ASSERT_EQ(dispatcher->inFlight(), 1);
    EXPECT_EQ(row(id).status, OutboxEntry::Status::Sending);
    EXPECT_EQ(row(id).attempts, 1);
    ASSERT_TRUE(waitFor([&] { return m_server.requestCount() == 1; }));

    m_clock.advanceMs(200);
    dispatcher->stop();
    EXPECT_EQ(dispatcher->inFlight(), 0);
    OutboxEntry entry = row(id);
    EXPECT_EQ(entry.status, OutboxEntry::Status::Pending) << "given back at once, not when the lease ends";
    EXPECT_EQ(entry.attempts, 0) << "a stopped send is not a failed attempt";
    EXPECT_EQ(entry.nextAttemptAt, m_clock.nowUtc());
    EXPECT_FALSE(entry.leaseUntil.isValid());

    // The receiver's answer comes after the stop: the stopped dispatcher records nothing.
    ASSERT_TRUE(waitFor([&] { return m_http->inFlight() == 0; }));
    settle();
    EXPECT_TRUE(events.delivered.empty());
    EXPECT_TRUE(events.failures.empty());
    entry = row(id);
    EXPECT_EQ(entry.status, OutboxEntry::Status::Pending);
    EXPECT_EQ(entry.attempts, 0);
    EXPECT_FALSE(entry.sentAt.isValid());
    dispatcher->deliverDue();
    EXPECT_EQ(dispatcher->inFlight(), 0) << "a stopped dispatcher takes no new rows";

    // The next one sends it (at least once: the receiver got it twice).
    m_server.route("POST", "/hook", noContent());
    Events nextEvents;
    auto next = makeDispatcher(nextEvents);
    next->start();
    ASSERT_TRUE(waitFor([&] { return !nextEvents.delivered.empty(); }));
    EXPECT_EQ(nextEvents.delivered, std::vector<qint64>{id});
    EXPECT_EQ(m_server.requestCount(), 2);
    EXPECT_EQ(row(id).status, OutboxEntry::Status::Sent);
    EXPECT_EQ(row(id).attempts, 1);
    EXPECT_TRUE(events.delivered.empty());
}

TEST_F(OutboxDispatcherTest, ALateReplyFromBeforeARestartDoesNotDecideTheNewAttempt)
{
    // stop() and start() on the same dispatcher while a send is out. The old send's answer
    // (refused, and first) belongs to an attempt that was given back; the new attempt's answer
    // (accepted, later) is the one that counts.
    auto count = std::make_shared<std::atomic_int>(0);
    m_server.route("POST", "/hook", [count](const RecordedRequest &) {
        if (count->fetch_add(1) == 0)
            return unavailable(300);
        TestResponse accepted = noContent();
        accepted.delayMs = 900;
        return accepted;
    });
    const qint64 id = queueOne(addWebhookChannel(QStringLiteral("/hook")));
    Events events;
    auto dispatcher = makeDispatcher(events);
    dispatcher->start();
    ASSERT_TRUE(waitFor([&] { return m_server.requestCount() == 1; }));
    dispatcher->stop();
    dispatcher->start();
    ASSERT_EQ(dispatcher->inFlight(), 1);
    ASSERT_TRUE(waitFor([&] { return m_server.requestCount() == 2; }));
    ASSERT_TRUE(waitFor([&] { return m_http->inFlight() == 0 && dispatcher->inFlight() == 0; }));
    settle();

    EXPECT_TRUE(events.failures.empty())
        << "the stale 503 was taken for the new attempt: "
        << str(events.failures.empty() ? QString() : events.failures[0].error);
    EXPECT_EQ(events.delivered, std::vector<qint64>{id});
    const OutboxEntry entry = row(id);
    EXPECT_EQ(entry.status, OutboxEntry::Status::Sent);
    EXPECT_EQ(entry.attempts, 1);
}

TEST_F(OutboxDispatcherTest, DisabledAndUnreadableChannelsFailWithoutStoppingTheOthers)
{
    m_server.route("POST", "/hook", noContent());
    const qint64 good = addWebhookChannel(QStringLiteral("/hook"));
    const qint64 disabled = addWebhookChannel(QStringLiteral("/hook"));

    Channel garbage;
    garbage.userId = m_owner;
    garbage.kind = ChannelKind::Webhook;
    garbage.name = QStringLiteral("damaged");
    garbage.secretsEnc = QByteArrayLiteral("gAAAAAB-garbage-not-a-fernet-token");
    const qint64 damaged = insertChannel(garbage);

    // Sealed under another master key (a database moved to another machine).
    auto otherFernet = Fernet::fromKey(Fernet::generateKey().view());
    ASSERT_TRUE(otherFernet);
    const Vault otherVault(std::move(*otherFernet));
    ChannelDraft draft;
    draft.kind = ChannelKind::Webhook;
    draft.name = QStringLiteral("foreign");
    draft.secrets =
        QJsonObject{{QStringLiteral("url"), QString(m_server.baseUrl() + QStringLiteral("/hook"))}};
    auto foreignChannel = ChannelConfig::seal(draft, otherVault, m_owner);
    ASSERT_TRUE(foreignChannel);
    foreignChannel->userId = m_owner;
    const qint64 foreign = insertChannel(*foreignChannel);

    const std::vector<qint64> rows = queueAlert({damaged, disabled, foreign, good});
    ASSERT_EQ(rows.size(), 4u);
    ASSERT_TRUE(ChannelRepository(*m_db).setEnabled(disabled, false)); // after the alert was queued
    Events events;
    auto dispatcher = makeDispatcher(events);
    dispatcher->start();
    ASSERT_TRUE(waitFor([&] { return events.failures.size() == 3 && events.delivered.size() == 1; }));
    settle();

    EXPECT_EQ(events.delivered, std::vector<qint64>{rows[3]});
    EXPECT_EQ(row(rows[3]).status, OutboxEntry::Status::Sent);
    EXPECT_EQ(m_server.requestCount(), 1) << "only the good channel reached the receiver";

    const Events::Failure *off = events.failureOf(rows[1]);
    ASSERT_NE(off, nullptr);
    EXPECT_FALSE(off->willRetry);
    EXPECT_TRUE(off->error.contains(QLatin1String("disabled"))) << str(off->error);
    EXPECT_EQ(row(rows[1]).status, OutboxEntry::Status::Failed);
    EXPECT_EQ(row(rows[1]).lastError, off->error);

    for (const qint64 id : {rows[0], rows[2]}) {
        const Events::Failure *unreadable = events.failureOf(id);
        ASSERT_NE(unreadable, nullptr) << id;
        EXPECT_FALSE(unreadable->error.isEmpty());
        EXPECT_FALSE(unreadable->error.contains(QLatin1String("gAAAAAB"))) << str(unreadable->error);
        const OutboxEntry entry = row(id);
        EXPECT_NE(entry.status, OutboxEntry::Status::Sent);
        EXPECT_NE(entry.status, OutboxEntry::Status::Sending);
        EXPECT_EQ(entry.lastError, unreadable->error);
        EXPECT_EQ(entry.status == OutboxEntry::Status::Pending, unreadable->willRetry);
    }

    // Still working: a new alert on the good channel goes out.
    m_clock.advanceMs(1000);
    const qint64 next = queueOne(good);
    dispatcher->deliverDue();
    ASSERT_TRUE(waitFor([&] { return events.delivered.size() == 2; }));
    EXPECT_EQ(events.delivered[1], next);
    EXPECT_EQ(m_server.requestCount(), 2);
}

TEST_F(OutboxDispatcherTest, EmailToAClosedSmtpPortIsRetriedAndNeverQuotesThePassword)
{
    const quint16 port = test::closedLoopbackPort();
    ASSERT_NE(port, 0);
    ChannelDraft draft;
    draft.kind = ChannelKind::Email;
    draft.name = QStringLiteral("ops mail");
    draft.settings = QJsonObject{{QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                                 {QStringLiteral("port"), int(port)},
                                 {QStringLiteral("security"), QStringLiteral("starttls")},
                                 {QStringLiteral("user"), QStringLiteral("alerts@example.com")},
                                 {QStringLiteral("from"), QStringLiteral("alerts@example.com")},
                                 {QStringLiteral("to"), QJsonArray{QStringLiteral("ops@example.com")}},
                                 {QStringLiteral("timeout_s"), 5}};
    draft.secrets = QJsonObject{{QStringLiteral("password"), kSmtpPassword}};
    const qint64 id = queueOne(addChannel(draft));
    Events events;
    auto dispatcher = makeDispatcher(events);
    dispatcher->start();
    ASSERT_TRUE(waitFor([&] { return events.failures.size() == 1; }));

    const Events::Failure &failure = events.failures[0];
    EXPECT_EQ(failure.id, id);
    EXPECT_TRUE(failure.willRetry);
    EXPECT_TRUE(failure.error.contains(QLatin1String("cannot connect"))) << str(failure.error);
    EXPECT_TRUE(failure.error.contains(QString::number(port))) << str(failure.error);
    EXPECT_FALSE(failure.error.contains(kSmtpPassword)) << str(failure.error);
    const OutboxEntry entry = row(id);
    EXPECT_EQ(entry.status, OutboxEntry::Status::Pending);
    EXPECT_EQ(entry.attempts, 1);
    EXPECT_EQ(entry.lastError, failure.error);
    EXPECT_FALSE(entry.lastError.contains(kSmtpPassword));
    expectRetryAfter(entry, kStart, 5000);
    EXPECT_TRUE(events.delivered.empty());

    // The second attempt fails the same way, 15 s later.
    m_clock.set(entry.nextAttemptAt);
    dispatcher->deliverDue();
    ASSERT_TRUE(waitFor([&] { return events.failures.size() == 2; }));
    EXPECT_TRUE(events.failures[1].willRetry);
    EXPECT_FALSE(events.failures[1].error.contains(kSmtpPassword));
    expectRetryAfter(row(id), entry.nextAttemptAt, 15'000);
    EXPECT_EQ(row(id).attempts, 2);
}
