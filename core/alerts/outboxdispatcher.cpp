#include "core/alerts/outboxdispatcher.h"

#include "core/alerts/alertnotice.h"
#include "core/alerts/notificationsender.h"
#include "core/clock.h"
#include "core/storage/alertrepository.h"
#include "core/storage/apikeyrepository.h"
#include "core/storage/channelrepository.h"
#include "core/storage/database.h"
#include "core/storage/outboxrepository.h"

#include <QCoreApplication>
#include <QPointer>
#include <QSysInfo>
#include <QUuid>
#include <array>
#include <cerrno>

#ifdef Q_OS_UNIX
#include <csignal>
#include <sys/types.h>
#endif

namespace qw {

namespace {

// At most this many sends at once per process.
constexpr int kMaxInFlight = 16;
// The schedule of retries: 5 s, 15 s, 30 s, 1 min, 2 min, 5 min, 10 min, 30 min, then hourly.
constexpr std::array<qint64, 8> kBackoffS{5, 15, 30, 60, 120, 300, 600, 1800};
constexpr qint64 kMaxBackoffS = 3600;

// "host/pid/uuid": another process on this machine can tell whether the holder of a lease is
// still alive, and take its rows over at once when it was killed (kill -9, a crash, power).
QString newOwnerId()
{
    return QStringLiteral("%1/%2/%3")
        .arg(QSysInfo::machineHostName())
        .arg(QCoreApplication::applicationPid())
        .arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
}

bool isDeadProcessOnThisMachine(const QString &owner)
{
    const QStringList parts = owner.split(u'/');
    if (parts.size() != 3 || parts[0] != QSysInfo::machineHostName())
        return false;
    bool ok = false;
    const qint64 pid = parts[1].toLongLong(&ok);
    if (!ok || pid <= 0 || pid == QCoreApplication::applicationPid())
        return false;
#ifdef Q_OS_UNIX
    return ::kill(pid_t(pid), 0) != 0 && errno == ESRCH;
#else
    return false; // the lease runs out on its own
#endif
}

} // namespace

OutboxDispatcher::OutboxDispatcher(Database &db, NotificationSender &sender, const Clock &clock,
                                   QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_sender(sender)
    , m_clock(clock)
    , m_owner(newOwnerId())
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
    // Rows a killed process on this machine was sending go out again now, not after its lease.
    OutboxRepository outbox(m_db);
    if (auto owners = outbox.claimOwners()) {
        for (const QString &owner : *owners) {
            if (isDeadProcessOnThisMachine(owner))
                (void)outbox.releaseAllOf(owner, m_clock.nowUtc()); // else the lease hands it on
        }
    }
    if (auto retried = outbox.retryPendingNow(m_clock.nowUtc()); !retried)
        reportDatabaseError(retried.error());
    deliverDue();
}

void OutboxDispatcher::stop()
{
    m_running = false;
    m_timer.stop();
    (void)markSentRows(); // best effort: what stays unmarked is sent again after its lease
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
    if (!markSentRows()) {
        arm(); // nothing new goes out until what went out is recorded
        return;
    }
    if (room > 0) {
        // Rows still in flight here or sent but not yet marked may look ready again (their lease
        // ran out): they are this process's and must not go out twice.
        std::set<qint64> skip = m_sentUnmarked;
        for (const auto &[id, attempt] : m_inFlight)
            skip.insert(id);
        const QDateTime now = m_clock.nowUtc();
        auto claimed = OutboxRepository(m_db).claimDue(now, m_owner, now.addMSecs(kLeaseMs), room, skip);
        if (!claimed) {
            reportDatabaseError(claimed.error());
        } else {
            for (const OutboxEntry &entry : *claimed)
                sendOne(entry, now);
        }
    }
    arm();
    if (m_inFlight.empty())
        emit idle();
}

void OutboxDispatcher::sendOne(const OutboxEntry &entry, const QDateTime &now)
{
    OutboxRepository outbox(m_db);
    const qint64 outboxId = entry.id;
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
        if (auto marked = outbox.markSent(outboxId, now); !marked) {
            m_sentUnmarked.insert(outboxId);
            reportDatabaseError(marked.error());
        }
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
    emit databaseFailed(error);
}

bool OutboxDispatcher::markSentRows()
{
    OutboxRepository outbox(m_db);
    const QDateTime now = m_clock.nowUtc();
    for (auto it = m_sentUnmarked.begin(); it != m_sentUnmarked.end();) {
        if (auto marked = outbox.markSent(*it, now); !marked)
            return false;
        it = m_sentUnmarked.erase(it);
    }
    return true;
}

} // namespace qw
