#include "core/alerts/outboxdispatcher.h"

#include "core/alerts/alertnotice.h"
#include "core/alerts/notificationsender.h"
#include "core/clock.h"
#include "core/storage/alertrepository.h"
#include "core/storage/apikeyrepository.h"
#include "core/storage/channelrepository.h"
#include "core/storage/database.h"
#include "core/storage/outboxrepository.h"

#include <QPointer>
#include <QUuid>
#include <array>

namespace qw {

namespace {

// At most this many sends at once per process.
constexpr int kMaxInFlight = 16;
// The schedule of retries: 5 s, 15 s, 30 s, 1 min, 2 min, 5 min, 10 min, 30 min, then hourly.
constexpr std::array<qint64, 8> kBackoffS{5, 15, 30, 60, 120, 300, 600, 1800};
constexpr qint64 kMaxBackoffS = 3600;

} // namespace

OutboxDispatcher::OutboxDispatcher(Database &db, NotificationSender &sender, const Clock &clock,
                                   QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_sender(sender)
    , m_clock(clock)
    , m_owner(QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &OutboxDispatcher::deliverDue);
}

OutboxDispatcher::~OutboxDispatcher()
{
    stop();
}

qint64 OutboxDispatcher::backoffMs(int attempt)
{
    const std::size_t index = std::size_t(std::max(attempt, 1) - 1);
    return 1000 * (index < kBackoffS.size() ? kBackoffS[index] : kMaxBackoffS);
}

void OutboxDispatcher::start()
{
    m_running = true;
    if (auto retried = OutboxRepository(m_db).retryPendingNow(m_clock.nowUtc()); !retried)
        reportDatabaseError(retried.error());
    deliverDue();
}

void OutboxDispatcher::stop()
{
    m_running = false;
    m_timer.stop();
    OutboxRepository outbox(m_db);
    const QDateTime now = m_clock.nowUtc();
    for (const auto &[id, attempt] : m_inFlight)
        (void)outbox.release(id, m_owner, now); // best effort: the lease hands it on anyway
    m_inFlight.clear();
}

void OutboxDispatcher::deliverDue()
{
    if (!m_running)
        return;
    const int room = kMaxInFlight - inFlight();
    if (room > 0) {
        auto due = OutboxRepository(m_db).due(m_clock.nowUtc(), room + inFlight());
        if (!due) {
            reportDatabaseError(due.error());
        } else {
            for (const OutboxEntry &entry : *due) {
                if (inFlight() >= kMaxInFlight)
                    break;
                if (!m_inFlight.contains(entry.id))
                    sendOne(entry.id);
            }
        }
    }
    arm();
    if (m_inFlight.empty())
        emit idle();
}

void OutboxDispatcher::sendOne(qint64 outboxId)
{
    OutboxRepository outbox(m_db);
    const QDateTime now = m_clock.nowUtc();
    auto claimed = outbox.claim(outboxId, m_owner, now, now.addMSecs(kLeaseMs));
    if (!claimed) {
        reportDatabaseError(claimed.error());
        return;
    }
    if (!*claimed)
        return; // another process took it

    auto entries = outbox.find(outboxId);
    if (!entries) {
        (void)outbox.release(outboxId, m_owner, now);
        reportDatabaseError(entries.error());
        return;
    }
    if (!*entries)
        return; // deleted in between (its alert, key or channel was removed)
    const OutboxEntry entry = **entries;
    auto alert = AlertRepository(m_db).find(entry.alertId);
    auto channel = ChannelRepository(m_db).find(entry.channelId);
    if (!alert || !channel) {
        (void)outbox.release(outboxId, m_owner, now);
        reportDatabaseError(!alert ? alert.error() : channel.error());
        return;
    }
    if (!*alert || !*channel)
        return;
    if (!(*channel)->enabled) {
        finish(outboxId, fail(ErrorCode::InvalidInput, QStringLiteral("the channel is disabled")),
               kMaxAttempts);
        return;
    }
    AlertNotice notice{**alert, QString(), QString()};
    if (auto key = ApiKeyRepository(m_db).find(notice.alert.keyId); key && *key) {
        notice.keyName = (*key)->name;
        notice.platform = (*key)->platform;
    }

    const quint64 attempt = ++m_lastAttempt;
    m_inFlight[outboxId] = attempt;
    const int attempts = entry.attempts;
    QPointer<OutboxDispatcher> self(this);
    m_sender.send(**channel, notice, now, [self, outboxId, attempt, attempts](Result<void> result) {
        if (!self)
            return;
        // Not stopped in the meantime, and not a reply to an attempt given back before a restart.
        const auto found = self->m_inFlight.find(outboxId);
        if (found == self->m_inFlight.end() || found->second != attempt)
            return;
        self->m_inFlight.erase(found);
        self->finish(outboxId, result, attempts);
    });
}

void OutboxDispatcher::finish(qint64 outboxId, const Result<void> &result, int attempts)
{
    OutboxRepository outbox(m_db);
    const QDateTime now = m_clock.nowUtc();
    if (result) {
        if (auto marked = outbox.markSent(outboxId, now); !marked)
            reportDatabaseError(marked.error());
        emit delivered(outboxId);
    } else {
        const bool retry = attempts < kMaxAttempts;
        QDateTime retryAt;
        if (retry) {
            // ±10 % jitter, so a channel that comes back is not hit by every row at once.
            const qint64 base = backoffMs(attempts);
            std::uniform_int_distribution<qint64> jitter(-base / 10, base / 10);
            retryAt = now.addMSecs(base + jitter(m_random));
        }
        if (auto marked = outbox.markFailed(outboxId, m_owner, result.error().message, retryAt); !marked)
            reportDatabaseError(marked.error());
        emit attemptFailed(outboxId, result.error().message, retry);
    }
    // Let the caller's stack unwind before starting more.
    QTimer::singleShot(0, this, &OutboxDispatcher::deliverDue);
}

void OutboxDispatcher::arm()
{
    if (!m_running)
        return;
    qint64 waitMs = kPollMs;
    if (auto next = OutboxRepository(m_db).nextReadyAt(); next && *next)
        waitMs = std::clamp<qint64>(m_clock.nowUtc().msecsTo(**next), 0, kPollMs);
    // Ready rows we could not take for lack of room wait for a send to finish instead.
    if (waitMs == 0 && inFlight() >= kMaxInFlight)
        return;
    m_timer.start(int(std::max<qint64>(waitMs, 50)));
}

void OutboxDispatcher::reportDatabaseError(const Error &error)
{
    emit attemptFailed(0, error.message, true);
}

} // namespace qw
