// The persistent outbox on a real database: which rows are due, exclusive claims with leases
// (also between two connections, as between two processes), and the fate of a row after an
// attempt.
#include "core/storage/alertrepository.h"
#include "core/storage/apikeyrepository.h"
#include "core/storage/channelrepository.h"
#include "core/storage/database.h"
#include "core/storage/outboxrepository.h"
#include "core/storage/userrepository.h"
#include "tests/support/backendtest.h"

#include <QElapsedTimer>
#include <algorithm>
#include <array>
#include <latch>
#include <thread>

using namespace qw;
using qw::test::OwnedBackendTest;

namespace {

const QDateTime kT = QDateTime(QDate(2026, 5, 4), QTime(12, 0), Qt::UTC);

QDateTime at(qint64 seconds)
{
    return kT.addSecs(seconds);
}

std::vector<qint64> idsOf(const std::vector<OutboxEntry> &entries)
{
    std::vector<qint64> ids;
    for (const OutboxEntry &entry : entries)
        ids.push_back(entry.id);
    return ids;
}

// Two senders' lease owner ids.
const QString kOwner = QStringLiteral("A");
const QString kOtherOwner = QStringLiteral("B");

} // namespace

class OutboxStore : public OwnedBackendTest
{
protected:
    void SetUp() override
    {
        OwnedBackendTest::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        ApiKey key;
        key.userId = m_owner;
        key.name = QStringLiteral("k");
        key.platform = QStringLiteral("deepseek");
        key.secretEnc = QByteArrayLiteral("gAAAAAB-token");
        key.secretHint = QStringLiteral("sk-…0000");
        auto keyId = ApiKeyRepository(*m_db).insert(key);
        ASSERT_TRUE(keyId) << keyId.error().message.toStdString();
        m_keyId = *keyId;
        for (int i = 0; i < 3; ++i) {
            Channel channel;
            channel.userId = m_owner;
            channel.kind = ChannelKind::Webhook;
            channel.name = QStringLiteral("channel %1").arg(i);
            channel.secretsEnc = QByteArrayLiteral("gAAAAAB-channel");
            auto id = ChannelRepository(*m_db).insert(channel);
            ASSERT_TRUE(id) << id.error().message.toStdString();
            m_channels.push_back(*id);
        }
        m_outbox = std::make_unique<OutboxRepository>(*m_db);
    }

    qint64 addAlert(const QDateTime &when)
    {
        Alert alert;
        alert.keyId = m_keyId;
        alert.kind = AlertKind::LowBalance;
        alert.createdAt = when;
        alert.title = QStringLiteral("Low balance: k");
        alert.message = QStringLiteral("k is low");
        auto id = AlertRepository(*m_db).insert(alert);
        EXPECT_TRUE(id) << id.error().message.toStdString();
        return id ? *id : 0;
    }

    // One alert queued to the given channels at `when`; the ids of the new rows, by channel.
    std::vector<qint64> enqueue(const QDateTime &when, const std::vector<qint64> &channels)
    {
        const qint64 alertId = addAlert(when);
        auto queued = m_outbox->enqueue(alertId, channels, when);
        EXPECT_TRUE(queued) << queued.error().message.toStdString();
        auto rows = m_outbox->forAlert(alertId);
        EXPECT_TRUE(rows);
        std::vector<qint64> ids;
        for (qint64 channel : channels) {
            const auto row = std::find_if(rows->begin(), rows->end(), [channel](const OutboxEntry &entry) {
                return entry.channelId == channel;
            });
            EXPECT_NE(row, rows->end());
            ids.push_back(row != rows->end() ? row->id : 0);
        }
        return ids;
    }

    std::vector<qint64> due(const QDateTime &now, int limit = 100)
    {
        auto rows = m_outbox->due(now, limit);
        EXPECT_TRUE(rows) << rows.error().message.toStdString();
        return rows ? idsOf(*rows) : std::vector<qint64>();
    }

    // Claims for `owner`: "A" unless a test plays a second sender.
    bool claim(OutboxRepository &outbox, qint64 id, const QDateTime &now, const QDateTime &leaseUntil,
               const QString &owner = kOwner)
    {
        auto claimed = outbox.claim(id, owner, now, leaseUntil);
        EXPECT_TRUE(claimed) << claimed.error().message.toStdString();
        return claimed && *claimed;
    }

    OutboxEntry entry(qint64 id)
    {
        auto found = m_outbox->find(id);
        EXPECT_TRUE(found && *found);
        return found && *found ? **found : OutboxEntry();
    }

    std::optional<QDateTime> nextReadyAt()
    {
        auto next = m_outbox->nextReadyAt();
        EXPECT_TRUE(next);
        return next ? *next : std::nullopt;
    }

    qint64 m_keyId = 0;
    std::vector<qint64> m_channels;
    std::unique_ptr<OutboxRepository> m_outbox;
};

TEST_F(OutboxStore, EnqueueAndDueOrdering)
{
    const std::vector<qint64> later = enqueue(at(10), {m_channels[0], m_channels[1]});
    const std::vector<qint64> earlier = enqueue(at(5), {m_channels[0]});

    const OutboxEntry fresh = entry(later[0]);
    EXPECT_EQ(fresh.status, OutboxEntry::Status::Pending);
    EXPECT_EQ(fresh.attempts, 0);
    EXPECT_EQ(fresh.nextAttemptAt, at(10));
    EXPECT_FALSE(fresh.leaseUntil.isValid());
    EXPECT_FALSE(fresh.sentAt.isValid());
    EXPECT_TRUE(fresh.lastError.isEmpty());

    EXPECT_TRUE(due(at(4)).empty());
    EXPECT_EQ(due(at(5)), (std::vector<qint64>{earlier[0]}));
    EXPECT_EQ(due(at(9)), (std::vector<qint64>{earlier[0]}));
    // Oldest first; rows due at the same time in the order they were queued.
    EXPECT_EQ(due(at(20)), (std::vector<qint64>{earlier[0], later[0], later[1]}));
    EXPECT_EQ(due(at(20), 2), (std::vector<qint64>{earlier[0], later[0]}));

    // One row per alert and channel.
    auto again = m_outbox->enqueue(entry(earlier[0]).alertId, {m_channels[0]}, at(30));
    EXPECT_FALSE(again);
    auto all = m_outbox->all();
    ASSERT_TRUE(all);
    EXPECT_EQ(all->size(), 3u);
}

TEST_F(OutboxStore, ClaimIsExclusive)
{
    const qint64 id = enqueue(at(0), {m_channels[0]}).front();
    EXPECT_FALSE(claim(*m_outbox, id, at(-1), at(59))) << "not due yet";
    EXPECT_TRUE(claim(*m_outbox, id, at(0), at(60)));
    EXPECT_FALSE(claim(*m_outbox, id, at(1), at(61)));
    EXPECT_FALSE(claim(*m_outbox, id, at(59), at(119)));

    const OutboxEntry claimed = entry(id);
    EXPECT_EQ(claimed.status, OutboxEntry::Status::Sending);
    EXPECT_EQ(claimed.attempts, 1);
    EXPECT_EQ(claimed.leaseUntil, at(60));
    EXPECT_TRUE(due(at(30)).empty());
    EXPECT_FALSE(claim(*m_outbox, 999999, at(0), at(60))) << "no such row";
}

TEST_F(OutboxStore, ClaimIsExclusiveAcrossConnections)
{
    std::unique_ptr<Database> otherDb = m_testDb->open();
    ASSERT_NE(otherDb, nullptr);
    OutboxRepository other(*otherDb);
    const std::vector<qint64> ids = enqueue(at(0), {m_channels[0], m_channels[1]});

    EXPECT_TRUE(claim(*m_outbox, ids[0], at(1), at(60)));
    EXPECT_FALSE(claim(other, ids[0], at(1), at(60), kOtherOwner));
    EXPECT_TRUE(claim(other, ids[1], at(2), at(60), kOtherOwner));
    EXPECT_FALSE(claim(*m_outbox, ids[1], at(2), at(60)));

    // Both see the same verdicts.
    auto seen = other.find(ids[0]);
    ASSERT_TRUE(seen && *seen);
    EXPECT_EQ((*seen)->status, OutboxEntry::Status::Sending);
    EXPECT_EQ((*seen)->attempts, 1);
    EXPECT_EQ(entry(ids[1]).attempts, 1);

    // After the lease, exactly one of the two gets the row again.
    int winners = 0;
    winners += claim(other, ids[0], at(60), at(120), kOtherOwner) ? 1 : 0;
    winners += claim(*m_outbox, ids[0], at(60), at(120)) ? 1 : 0;
    EXPECT_EQ(winners, 1);
    EXPECT_EQ(entry(ids[0]).attempts, 2);
}

TEST_F(OutboxStore, AnExpiredLeaseCanBeClaimedAgain)
{
    const qint64 id = enqueue(at(0), {m_channels[0]}).front();
    ASSERT_TRUE(claim(*m_outbox, id, at(0), at(60)));
    EXPECT_TRUE(due(at(59)).empty());
    EXPECT_FALSE(claim(*m_outbox, id, at(59), at(119)));
    EXPECT_EQ(due(at(60)), (std::vector<qint64>{id})) << "a sender that died hands the row on";
    EXPECT_TRUE(claim(*m_outbox, id, at(60), at(120)));
    const OutboxEntry again = entry(id);
    EXPECT_EQ(again.status, OutboxEntry::Status::Sending);
    EXPECT_EQ(again.attempts, 2);
    EXPECT_EQ(again.leaseUntil, at(120));
    EXPECT_FALSE(claim(*m_outbox, id, at(61), at(121)));
}

TEST_F(OutboxStore, MarkSentIsFinal)
{
    const std::vector<qint64> ids = enqueue(at(0), {m_channels[0], m_channels[1]});
    ASSERT_TRUE(claim(*m_outbox, ids[0], at(0), at(60)));
    ASSERT_TRUE(m_outbox->markSent(ids[0], at(3)));

    const OutboxEntry sent = entry(ids[0]);
    EXPECT_EQ(sent.status, OutboxEntry::Status::Sent);
    EXPECT_EQ(sent.sentAt, at(3));
    EXPECT_FALSE(sent.leaseUntil.isValid());
    EXPECT_EQ(sent.attempts, 1);
    EXPECT_EQ(due(at(3)), (std::vector<qint64>{ids[1]}));
    EXPECT_EQ(due(at(10LL * 365 * 24 * 3600)), (std::vector<qint64>{ids[1]}));
    EXPECT_FALSE(claim(*m_outbox, ids[0], at(100), at(160)));

    // A late verdict from a sender whose lease ran out does not bring it back.
    ASSERT_TRUE(m_outbox->markFailed(ids[0], kOwner, QStringLiteral("late"), at(200)));
    ASSERT_TRUE(m_outbox->release(ids[0], kOwner, at(200)));
    EXPECT_EQ(entry(ids[0]).status, OutboxEntry::Status::Sent);
    EXPECT_EQ(due(at(300)), (std::vector<qint64>{ids[1]}));

    ASSERT_TRUE(claim(*m_outbox, ids[1], at(5), at(60)));
    ASSERT_TRUE(m_outbox->markSent(ids[1], at(6)));
    EXPECT_TRUE(due(at(1'000'000)).empty());
    EXPECT_FALSE(nextReadyAt().has_value());
}

TEST_F(OutboxStore, MarkFailedWithARetryTimeIsDueAgainOnlyThen)
{
    const qint64 id = enqueue(at(0), {m_channels[0]}).front();
    ASSERT_TRUE(claim(*m_outbox, id, at(0), at(60)));
    ASSERT_TRUE(m_outbox->markFailed(id, kOwner, QStringLiteral("HTTP 502 from hooks.example"), at(300)));

    const OutboxEntry failed = entry(id);
    EXPECT_EQ(failed.status, OutboxEntry::Status::Pending);
    EXPECT_EQ(failed.lastError, QStringLiteral("HTTP 502 from hooks.example"));
    EXPECT_EQ(failed.nextAttemptAt, at(300));
    EXPECT_FALSE(failed.leaseUntil.isValid());
    EXPECT_EQ(failed.attempts, 1);

    EXPECT_TRUE(due(at(60)).empty()) << "the old lease's end does not matter any more";
    EXPECT_TRUE(due(at(299)).empty());
    EXPECT_FALSE(claim(*m_outbox, id, at(299), at(359)));
    EXPECT_EQ(nextReadyAt(), at(300));
    EXPECT_EQ(due(at(300)), (std::vector<qint64>{id}));
    EXPECT_TRUE(claim(*m_outbox, id, at(300), at(360)));
    EXPECT_EQ(entry(id).attempts, 2);
}

TEST_F(OutboxStore, MarkFailedWithoutARetryTimeIsFailedForGood)
{
    const qint64 id = enqueue(at(0), {m_channels[0]}).front();
    ASSERT_TRUE(claim(*m_outbox, id, at(0), at(60)));
    ASSERT_TRUE(m_outbox->markFailed(id, kOwner, QStringLiteral("410 Gone"), QDateTime()));

    const OutboxEntry failed = entry(id);
    EXPECT_EQ(failed.status, OutboxEntry::Status::Failed);
    EXPECT_EQ(failed.lastError, QStringLiteral("410 Gone"));
    EXPECT_FALSE(failed.leaseUntil.isValid());
    EXPECT_TRUE(due(at(60)).empty());
    EXPECT_TRUE(due(at(10LL * 365 * 24 * 3600)).empty());
    EXPECT_FALSE(claim(*m_outbox, id, at(1000), at(1060)));
    EXPECT_FALSE(nextReadyAt().has_value());
    ASSERT_TRUE(m_outbox->release(id, kOwner, at(1000)));
    EXPECT_EQ(entry(id).status, OutboxEntry::Status::Failed);
}

TEST_F(OutboxStore, ReleaseIsDueAtOnceAndNotCountedAsAnAttempt)
{
    const qint64 id = enqueue(at(0), {m_channels[0]}).front();
    ASSERT_TRUE(claim(*m_outbox, id, at(0), at(600)));
    ASSERT_EQ(entry(id).attempts, 1);
    ASSERT_TRUE(m_outbox->release(id, kOwner, at(5)));

    const OutboxEntry released = entry(id);
    EXPECT_EQ(released.status, OutboxEntry::Status::Pending);
    EXPECT_EQ(released.attempts, 0);
    EXPECT_FALSE(released.leaseUntil.isValid());
    EXPECT_EQ(released.nextAttemptAt, at(5));
    EXPECT_EQ(due(at(5)), (std::vector<qint64>{id})) << "not only when the lease would have run out";
    EXPECT_EQ(nextReadyAt(), at(5));
    EXPECT_TRUE(claim(*m_outbox, id, at(5), at(65)));
    EXPECT_EQ(entry(id).attempts, 1);

    // Releasing a row nobody holds changes nothing.
    const qint64 idle = enqueue(at(10), {m_channels[1]}).front();
    ASSERT_TRUE(m_outbox->release(idle, kOwner, at(20)));
    EXPECT_EQ(entry(idle).attempts, 0);
    EXPECT_EQ(entry(idle).nextAttemptAt, at(10));
}

TEST_F(OutboxStore, RetryNowMakesAFailingRowDueAndGivesAGivenUpRowOneMoreAttempt)
{
    const auto ids = enqueue(at(0), {m_channels[0], m_channels[1], m_channels[2]});
    const qint64 waiting = ids[0];
    const qint64 givenUp = ids[1];
    const qint64 sent = ids[2];
    auto failing = m_outbox->failingCount();
    ASSERT_TRUE(failing);
    EXPECT_EQ(*failing, 0) << "queued, never tried: not failing";

    ASSERT_TRUE(claim(*m_outbox, waiting, at(0), at(60)));
    ASSERT_TRUE(m_outbox->markFailed(waiting, kOwner, QStringLiteral("HTTP 500"), at(3600)));
    ASSERT_TRUE(claim(*m_outbox, givenUp, at(0), at(60)));
    ASSERT_TRUE(m_outbox->markFailed(givenUp, kOwner, QStringLiteral("410 Gone"), QDateTime()));
    ASSERT_TRUE(claim(*m_outbox, sent, at(0), at(60)));
    ASSERT_TRUE(m_outbox->markSent(sent, at(1)));
    failing = m_outbox->failingCount();
    ASSERT_TRUE(failing);
    EXPECT_EQ(*failing, 2);

    auto retried = m_outbox->retryNow(waiting, at(10), 32);
    ASSERT_TRUE(retried && *retried);
    EXPECT_EQ(entry(waiting).nextAttemptAt, at(10)) << "not at its backoff time an hour later";
    EXPECT_EQ(entry(waiting).attempts, 1) << "a pending row keeps its count";
    retried = m_outbox->retryNow(givenUp, at(10), 32);
    ASSERT_TRUE(retried && *retried);
    EXPECT_EQ(entry(givenUp).status, OutboxEntry::Status::Pending);
    EXPECT_EQ(entry(givenUp).attempts, 31) << "the next attempt is the last again";
    EXPECT_EQ(due(at(10)), (std::vector<qint64>{waiting, givenUp}));
    failing = m_outbox->failingCount();
    ASSERT_TRUE(failing);
    EXPECT_EQ(*failing, 2) << "failing until an attempt goes through";

    retried = m_outbox->retryNow(sent, at(10), 32);
    ASSERT_TRUE(retried);
    EXPECT_FALSE(*retried) << "a sent row is never sent again";
    EXPECT_EQ(entry(sent).status, OutboxEntry::Status::Sent);
    ASSERT_TRUE(claim(*m_outbox, waiting, at(10), at(70)));
    retried = m_outbox->retryNow(waiting, at(11), 32);
    ASSERT_TRUE(retried);
    EXPECT_FALSE(*retried) << "a row being sent is left to its sender";
    ASSERT_TRUE(m_outbox->markSent(waiting, at(12)));
    failing = m_outbox->failingCount();
    ASSERT_TRUE(failing);
    EXPECT_EQ(*failing, 1);
}

TEST_F(OutboxStore, ForAlertsReadsTheRowsOfManyAlertsAtOnce)
{
    const auto first = enqueue(at(0), {m_channels[0], m_channels[1]});
    const auto second = enqueue(at(1), {m_channels[2]});
    const auto other = enqueue(at(2), {m_channels[0]});
    const qint64 firstAlert = entry(first[0]).alertId;
    const qint64 secondAlert = entry(second[0]).alertId;
    // More ids than one statement binds: the alerts asked for come after the first chunk.
    std::vector<qint64> ids;
    for (qint64 i = 0; i < 600; ++i)
        ids.push_back(1'000'000 + i);
    ids.push_back(secondAlert);
    ids.push_back(firstAlert);
    auto rows = m_outbox->forAlerts(ids);
    ASSERT_TRUE(rows) << rows.error().message.toStdString();
    EXPECT_EQ(idsOf(*rows), (std::vector<qint64>{first[0], first[1], second[0]})) << "by alert, then id";
    EXPECT_NE(other[0], 0);
    auto none = m_outbox->forAlerts({});
    ASSERT_TRUE(none);
    EXPECT_TRUE(none->empty());
}

TEST_F(OutboxStore, NextReadyAtIsTheEarliestPendingTimeOrLeaseEnd)
{
    EXPECT_FALSE(nextReadyAt().has_value());
    const qint64 second = enqueue(at(100), {m_channels[0]}).front();
    EXPECT_EQ(nextReadyAt(), at(100));
    const qint64 first = enqueue(at(50), {m_channels[1]}).front();
    EXPECT_EQ(nextReadyAt(), at(50));

    ASSERT_TRUE(claim(*m_outbox, first, at(50), at(400)));
    EXPECT_EQ(nextReadyAt(), at(100)) << "a claimed row is ready again only when its lease ends";
    ASSERT_TRUE(claim(*m_outbox, second, at(100), at(200)));
    EXPECT_EQ(nextReadyAt(), at(200));
    ASSERT_TRUE(m_outbox->markSent(second, at(150)));
    EXPECT_EQ(nextReadyAt(), at(400));
    ASSERT_TRUE(m_outbox->markFailed(first, kOwner, QStringLiteral("x"), QDateTime()));
    EXPECT_FALSE(nextReadyAt().has_value());
}

TEST_F(OutboxStore, DeletingAChannelTakesItsRowsAlong)
{
    const std::vector<qint64> ids = enqueue(at(0), {m_channels[0], m_channels[1], m_channels[2]});
    const std::vector<qint64> more = enqueue(at(1), {m_channels[1]});
    auto removed = ChannelRepository(*m_db).remove(m_channels[1]);
    ASSERT_TRUE(removed && *removed);

    auto all = m_outbox->all();
    ASSERT_TRUE(all);
    EXPECT_EQ(idsOf(*all), (std::vector<qint64>{ids[0], ids[2]}));
    EXPECT_FALSE(m_outbox->find(more[0])->has_value());
    EXPECT_EQ(due(at(10)), (std::vector<qint64>{ids[0], ids[2]}));
    auto alertStill = AlertRepository(*m_db).find(entry(ids[0]).alertId);
    EXPECT_TRUE(alertStill && *alertStill) << "the alert stays in the history";
    EXPECT_FALSE(*ChannelRepository(*m_db).remove(m_channels[1]));
}

TEST_F(OutboxStore, ALateVerdictNeverUndoesAnotherSendersClaim)
{
    // Sender A's lease runs out mid-send; B takes the row over. A's failure or release must not
    // make the row claimable again while B holds it (that would send it a third time).
    const qint64 id = enqueue(at(0), {m_channels[0]}).front();
    ASSERT_TRUE(claim(*m_outbox, id, at(0), at(60)));
    ASSERT_TRUE(claim(*m_outbox, id, at(60), at(120), kOtherOwner));
    ASSERT_TRUE(m_outbox->markFailed(id, kOwner, QStringLiteral("late failure"), at(61)));
    ASSERT_TRUE(m_outbox->release(id, kOwner, at(61)));
    EXPECT_EQ(entry(id).status, OutboxEntry::Status::Sending);
    EXPECT_TRUE(due(at(100)).empty());
    EXPECT_FALSE(claim(*m_outbox, id, at(100), at(160)));
    // B's own verdict counts.
    ASSERT_TRUE(m_outbox->markFailed(id, kOtherOwner, QStringLiteral("B failed"), at(130)));
    EXPECT_EQ(entry(id).status, OutboxEntry::Status::Pending);
    EXPECT_EQ(entry(id).lastError, QStringLiteral("B failed"));
    // A send that did go out is recorded whoever holds the lease.
    ASSERT_TRUE(claim(*m_outbox, id, at(130), at(190)));
    ASSERT_TRUE(claim(*m_outbox, id, at(190), at(250), kOtherOwner));
    ASSERT_TRUE(m_outbox->markSent(id, at(200)));
    EXPECT_EQ(entry(id).status, OutboxEntry::Status::Sent);
}

TEST_F(OutboxStore, ClaimDueTakesReadyRowsOldestFirstAndLeavesOutSkippedOnes)
{
    const std::vector<qint64> later = enqueue(at(10), {m_channels[0], m_channels[1]});
    const std::vector<qint64> earlier = enqueue(at(5), {m_channels[0]});
    const qint64 future = enqueue(at(500), {m_channels[2]}).front();

    auto claimed = m_outbox->claimDue(at(20), kOwner, at(80), 2, {later[0]});
    ASSERT_TRUE(claimed) << claimed.error().message.toStdString();
    EXPECT_EQ(idsOf(*claimed), (std::vector<qint64>{earlier[0], later[1]}));
    for (const OutboxEntry &row : *claimed) {
        EXPECT_EQ(row.status, OutboxEntry::Status::Sending);
        EXPECT_EQ(row.attempts, 1);
        EXPECT_EQ(row.leaseUntil, at(80));
        EXPECT_EQ(entry(row.id).attempts, 1);
    }
    // What is claimed is not ready again until its lease ends; the skipped row still is.
    auto again = m_outbox->claimDue(at(21), kOtherOwner, at(81), 10);
    ASSERT_TRUE(again);
    EXPECT_EQ(idsOf(*again), (std::vector<qint64>{later[0]}));
    EXPECT_EQ(entry(future).status, OutboxEntry::Status::Pending);
    auto none = m_outbox->claimDue(at(30), kOwner, at(90), 10);
    ASSERT_TRUE(none);
    EXPECT_TRUE(none->empty());
    // After the lease, the rows go to the next sender with their attempts counted.
    auto expired = m_outbox->claimDue(at(85), kOtherOwner, at(150), 10);
    ASSERT_TRUE(expired);
    EXPECT_EQ(idsOf(*expired), (std::vector<qint64>{earlier[0], later[0], later[1]}));
    EXPECT_EQ(entry(earlier[0]).attempts, 2);
}

// Two senders (connections, as two processes) claiming at once, round after round: every row
// goes to exactly one of them.
TEST_F(OutboxStore, RacingClaimDueHandsEachRowToExactlyOneSender)
{
    std::vector<qint64> all;
    for (int i = 0; i < 20; ++i) {
        const std::vector<qint64> ids = enqueue(at(i), {m_channels[0], m_channels[1]});
        all.insert(all.end(), ids.begin(), ids.end());
    }
    std::array<std::vector<qint64>, 2> taken;
    std::array<QString, 2> errors;
    std::latch ready(2);
    auto sender = [&](int which) {
        auto db = m_testDb->open();
        ready.arrive_and_wait();
        if (!db) {
            errors[which] = QStringLiteral("cannot open");
            return;
        }
        OutboxRepository outbox(*db);
        const QString owner = which == 0 ? kOwner : kOtherOwner;
        for (;;) {
            auto claimed = outbox.claimDue(at(100), owner, at(200), 3);
            if (!claimed) {
                errors[which] = claimed.error().message;
                return;
            }
            if (claimed->empty())
                return;
            for (const OutboxEntry &row : *claimed)
                taken[which].push_back(row.id);
        }
    };
    std::thread first(sender, 0);
    std::thread second(sender, 1);
    first.join();
    second.join();
    EXPECT_TRUE(errors[0].isEmpty()) << errors[0].toStdString();
    EXPECT_TRUE(errors[1].isEmpty()) << errors[1].toStdString();
    std::vector<qint64> both = taken[0];
    both.insert(both.end(), taken[1].begin(), taken[1].end());
    std::sort(both.begin(), both.end());
    std::sort(all.begin(), all.end());
    EXPECT_EQ(both, all) << "each row claimed once, none left";
    for (qint64 id : all)
        EXPECT_EQ(entry(id).attempts, 1);
}

TEST_F(OutboxStore, ClaimDuePassesOverRowsAnotherSenderIsClaimingInsteadOfWaiting)
{
    if (!isPostgres())
        GTEST_SKIP() << "PostgreSQL only: row locks (SQLite has one writer at a time)";
    const std::vector<qint64> ids = enqueue(at(0), {m_channels[0], m_channels[1], m_channels[2]});
    std::unique_ptr<Database> otherDb = m_testDb->open();
    ASSERT_NE(otherDb, nullptr);
    // Another instance in the middle of claiming the first row.
    ASSERT_TRUE(otherDb->beginTransaction());
    auto locked = otherDb->run(QStringLiteral("SELECT id FROM outbox WHERE id = ? FOR UPDATE"), {ids[0]});
    ASSERT_TRUE(locked) << locked.error().message.toStdString();

    QElapsedTimer took;
    took.start();
    auto claimed = m_outbox->claimDue(at(1), kOwner, at(60), 10);
    ASSERT_TRUE(claimed) << claimed.error().message.toStdString();
    EXPECT_LT(took.elapsed(), 2000) << "waited for the other sender's lock";
    EXPECT_EQ(idsOf(*claimed), (std::vector<qint64>{ids[1], ids[2]}));
    otherDb->rollback();

    auto rest = m_outbox->claimDue(at(2), kOwner, at(60), 10);
    ASSERT_TRUE(rest);
    EXPECT_EQ(idsOf(*rest), (std::vector<qint64>{ids[0]}));
}
