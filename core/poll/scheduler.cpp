#include "core/poll/scheduler.h"

#include "core/clock.h"
#include "core/poll/checkservice.h"
#include "core/storage/apikeyrepository.h"
#include "core/storage/database.h"
#include "core/storage/keyleaserepository.h"

#include <QUrl>
#include <algorithm>
#include <limits>
#include <optional>
#include <set>
#include <vector>

namespace qw {

namespace {

// The longest the timer sleeps: wakes up now and then even with nothing due, so a clock that
// jumped (suspend, NTP) is noticed.
constexpr int kMaxSleepMs = 60'000;
// Team mode: the most due keys offered to one claim. The free slots bound what is leased; this
// bounds what is read back about the rest, so a long backlog costs no more per tick.
constexpr std::size_t kMaxClaimCandidates = 128;
// Team mode: a key due and free in the database that a claim did not get although slots were
// free was being claimed by another instance at that moment; asked about again after this.
constexpr int kContendedRetryMs = 250;

// What a circuit breaker guards: the host of the key's base URL, or for keys on their platform's
// default address the platform, whose keys all share that one host.
QString hostOf(const ApiKey &key)
{
    return key.baseUrl.isEmpty() ? key.platform : QUrl(key.baseUrl).host().toLower();
}

} // namespace

Scheduler::Scheduler(Database &db, CheckService &checks, const Clock &clock, CheckPlanner &planner,
                     QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_checks(checks)
    , m_clock(clock)
    , m_planner(planner)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &Scheduler::tick);
    connect(&m_checks, &CheckService::checkFinished, this,
            [this](qint64 keyId, const Snapshot &snapshot, bool stored) {
                onCheckFinished(keyId, snapshot, stored);
            });
    connect(&m_checks, &CheckService::concluded, this, &Scheduler::writePlans);
}

Scheduler::~Scheduler()
{
    writePlans();
}

void Scheduler::start()
{
    m_stopped = false;
    loadKeys(true);
    arm();
}

void Scheduler::stop()
{
    m_stopped = true;
    m_timer.stop();
    if (m_inFlight == 0)
        emit idle();
}

void Scheduler::setPaused(bool paused)
{
    m_paused = paused;
    if (!paused)
        tick();
}

void Scheduler::setDatabaseAvailable(bool available)
{
    if (m_databaseDown == !available)
        return;
    m_databaseDown = !available;
    if (available && !m_stopped) {
        loadKeys(false);
        tick();
    }
}

void Scheduler::setMaxConcurrent(int maxConcurrent)
{
    m_maxConcurrent = std::max(1, maxConcurrent);
    tick();
}

void Scheduler::setInstance(const QString &instanceName)
{
    m_instance = instanceName;
}

bool Scheduler::usesLeases() const
{
    return !m_instance.isEmpty() && m_db.backend() == DatabaseUrl::Backend::Postgres;
}

void Scheduler::checkNow(qint64 keyId)
{
    if (const auto it = m_entries.find(keyId); it != m_entries.end()) {
        it->second.forced = true;
        requeue(it->second);
        QTimer::singleShot(0, this, &Scheduler::tick);
    }
}

void Scheduler::checkAll()
{
    m_allPending.clear();
    for (auto &[id, entry] : m_entries) {
        m_allPending.insert(m_allPending.end(), id);
        // One being checked now counts with that check, rather than being checked twice.
        if (!entry.running)
            entry.forced = true;
    }
    m_allTotal = int(m_allPending.size());
    rebuildQueue();
    if (m_allTotal == 0) {
        emit checkAllProgress(0, 0);
        emit checkAllEnded(false);
    } else {
        emit checkAllProgress(0, m_allTotal);
    }
    QTimer::singleShot(0, this, &Scheduler::tick);
}

void Scheduler::cancelCheckAll()
{
    if (m_allTotal == 0)
        return;
    for (const qint64 id : m_allPending) {
        const auto it = m_entries.find(id);
        if (it == m_entries.end() || it->second.running || !it->second.forced)
            continue;
        it->second.forced = false;
        requeue(it->second);
    }
    m_allPending.clear();
    m_allTotal = 0;
    arm();
    emit checkAllEnded(true);
}

void Scheduler::settleForCheckAll(qint64 keyId)
{
    if (m_allPending.erase(keyId) > 0)
        reportCheckAll();
}

void Scheduler::reportCheckAll()
{
    if (m_allTotal == 0)
        return;
    const int total = m_allTotal;
    const bool ended = m_allPending.empty();
    if (ended)
        m_allTotal = 0;
    emit checkAllProgress(total - int(m_allPending.size()), total);
    if (ended)
        emit checkAllEnded(false);
}

void Scheduler::reload()
{
    loadKeys(false);
    arm();
}

void Scheduler::loadKeys(bool startup)
{
    auto keys = ApiKeyRepository(m_db).list();
    if (!keys)
        return; // the database is unreachable for now; the next reload or tick tries again
    const QDateTime now = m_clock.nowUtc();
    const auto isKnown = [&](const ApiKey &key) { return !startup && m_entries.contains(key.id); };
    // Asked only when there is something to plan: a reload that brings no new key costs nothing.
    std::set<qint64> neverChecked;
    if (std::any_of(keys->begin(), keys->end(),
                    [&](const ApiKey &key) { return key.enabled && !isKnown(key); })) {
        // Unreadable: plan them like any other key, a little later than they could have been.
        const auto ids = ApiKeyRepository(m_db).neverChecked().value_or(std::vector<qint64>{});
        neverChecked.insert(ids.begin(), ids.end());
    }
    std::map<qint64, Entry> entries;
    for (ApiKey &key : *keys) {
        if (!key.enabled)
            continue;
        const qint64 id = key.id;
        Entry entry;
        if (isKnown(key)) {
            entry = std::move(m_entries.find(id)->second);
            entry.key = std::move(key);
            entry.host = hostOf(entry.key);
        } else {
            entry.key = std::move(key);
            entry.host = hostOf(entry.key);
            plan(entry, m_planner.atStartup(entry.key.nextCheckAt, now, entry.key.intervalS,
                                            neverChecked.contains(id)));
        }
        entries.emplace(id, std::move(entry));
    }
    writePlansUnlessConcluding();
    // Keys removed while being checked are forgotten; their result is simply not planned.
    m_entries = std::move(entries);
    rebuildQueue();
    if (std::erase_if(m_allPending, [this](qint64 id) { return !m_entries.contains(id); }) > 0)
        reportCheckAll();
}

void Scheduler::requeue(Entry &entry)
{
    if (entry.queued) {
        m_queue.erase(*entry.queued);
        entry.queued.reset();
    }
    if (entry.running)
        return;
    const qint64 dueMs =
        entry.due.isValid() ? entry.due.toMSecsSinceEpoch() : std::numeric_limits<qint64>::max();
    entry.queued = QueueKey{entry.forced ? 0 : 1, dueMs, entry.key.id};
    m_queue.emplace(*entry.queued, &entry);
}

void Scheduler::rebuildQueue()
{
    m_queue.clear();
    for (auto &[id, entry] : m_entries) {
        entry.queued.reset();
        requeue(entry);
    }
}

void Scheduler::plan(Entry &entry, const QDateTime &due)
{
    entry.due = due;
    if (entry.queued)
        requeue(entry);
    // Team mode: next_check_at is shared; only the instance that checked a key writes it (when it
    // gives the lease back), so a plan made here, from a stale view, never overrides another's.
    if (!usesLeases())
        m_unwrittenPlans.insert_or_assign(entry.key.id, due);
}

void Scheduler::writePlansUnlessConcluding()
{
    if (!m_checks.concluding())
        writePlans();
}

void Scheduler::writePlans()
{
    if (m_unwrittenPlans.empty())
        return;
    const std::map<qint64, QDateTime> plans = std::exchange(m_unwrittenPlans, {});
    ApiKeyRepository keys(m_db);
    // A time that cannot be written is only a plan: the key is planned again at the next start.
    // Inside someone's transaction (none is open here today) the writes simply join it.
    std::optional<Transaction> transaction;
    if (plans.size() > 1 && !m_db.inTransaction())
        transaction.emplace(m_db);
    for (const auto &[id, due] : plans)
        (void)keys.setNextCheckAt(id, due);
    if (transaction && transaction->started())
        (void)transaction->commit();
}

void Scheduler::tick()
{
    if (m_stopped || m_paused || m_databaseDown)
        return;
    const QDateTime now = m_clock.nowUtc();
    // Forced checks first, then the most overdue (m_queue's order).
    const qint64 nowMs = now.toMSecsSinceEpoch();
    // What may start: up to the free slots, or in team mode up to kMaxClaimCandidates, since
    // another instance may hold some of them and the claim decides.
    const int freeSlots = m_maxConcurrent - m_inFlight;
    const std::size_t limit = usesLeases() ? kMaxClaimCandidates : std::size_t(std::max(freeSlots, 0));
    std::vector<Entry *> candidates;
    std::vector<Entry *> resting;
    for (auto it = m_queue.begin(); it != m_queue.end(); ++it) {
        Entry *entry = it->second;
        if (std::get<0>(it->first) != 0 && std::get<1>(it->first) > nowMs)
            break; // nothing after it is due
        if (freeSlots <= 0 || candidates.size() >= limit)
            break;
        if (!m_breaker.allows(entry->host, now)) {
            resting.push_back(entry);
            continue;
        }
        candidates.push_back(entry);
    }
    for (Entry *entry : resting) {
        // The host is resting: come back when its breaker lets a trial through.
        entry->forced = false;
        plan(*entry, m_breaker.reopensAt(entry->host));
        settleForCheckAll(entry->key.id);
    }
    writePlansUnlessConcluding();
    for (Entry *entry : usesLeases() ? claim(candidates, freeSlots, now) : candidates) {
        entry->running = true;
        entry->forced = false;
        requeue(*entry);
        ++m_inFlight;
        m_checks.check(entry->key.id);
    }
    arm();
}

std::vector<Scheduler::Entry *> Scheduler::claim(const std::vector<Entry *> &due, int freeSlots,
                                                 const QDateTime &now)
{
    if (due.empty())
        return {};
    std::vector<qint64> dueIds;
    std::vector<qint64> forcedIds;
    for (const Entry *entry : due)
        (entry->forced ? forcedIds : dueIds).push_back(entry->key.id);
    KeyLeaseRepository leases(m_db);
    auto claimed = leases.claim(m_instance, dueIds, forcedIds, freeSlots, m_leaseMs);
    if (!claimed) {
        // Unreachable for now (DatabaseHealth decides about that): the next tick asks again.
        emit databaseFailed(claimed.error());
        return {};
    }
    const std::set<qint64> got(claimed->begin(), claimed->end());
    std::vector<Entry *> starting;
    std::vector<qint64> missed;
    for (Entry *entry : due) {
        if (got.contains(entry->key.id))
            starting.push_back(entry);
        else
            missed.push_back(entry->key.id);
    }
    if (missed.empty())
        return starting;
    // Held or already checked by another instance, or cut by the free slots: the database's
    // times say which, and when to look again.
    auto timings = leases.timings(missed);
    if (!timings)
        return starting;
    const bool slotsLeft = int(claimed->size()) < freeSlots;
    for (const KeyLeaseRepository::KeyTiming &timing : *timings) {
        const auto it = m_entries.find(timing.id);
        if (it == m_entries.end())
            continue;
        Entry &entry = it->second;
        const qint64 dueIn = std::max<qint64>(timing.dueInMs.value_or(0), 0);
        const bool heldElsewhere =
            timing.leasedForMs && *timing.leasedForMs > 0 && timing.leaseOwner != m_instance;
        if (!timing.enabled) {
            entry.forced = false;
            entry.due = m_planner.afterInterval(now, entry.key.intervalS); // dropped by the coming reload
            settleForCheckAll(entry.key.id);
        } else if (heldElsewhere) {
            settleForCheckAll(entry.key.id); // checked there, which is as good
            // Being checked there (a forced check of it too, silently): it stores the next time
            // within seconds, long before the lease ends. Looked at again about an interval on (or
            // when the lease ends, if sooner), so the key is not lost for a whole lease should that
            // instance die after this check.
            entry.forced = false;
            const qint64 aboutAnInterval = now.msecsTo(m_planner.afterInterval(now, entry.key.intervalS));
            entry.due = now.addMSecs(std::max(dueIn, std::min(*timing.leasedForMs, aboutAnInterval)));
        } else if (dueIn > 0 && !entry.forced) {
            entry.due = now.addMSecs(dueIn);
        } else if (slotsLeft) {
            entry.due = now.addMSecs(kContendedRetryMs);
        }
        // else: due and free, left for the next free slot.
        requeue(entry);
    }
    return starting;
}

void Scheduler::onCheckFinished(qint64 keyId, const Snapshot &snapshot, bool stored)
{
    const auto it = m_entries.find(keyId);
    if (it == m_entries.end() || !it->second.running)
        return; // a check someone else started (the UI, the CLI)
    Entry &entry = it->second;
    entry.running = false;
    requeue(entry);
    --m_inFlight;
    settleForCheckAll(keyId);

    const QDateTime now = m_clock.nowUtc();
    if (!stored && m_databaseDown) {
        // Not the provider's fault and not a result: checked again once the database is back,
        // with nothing stored about it meanwhile (there is nowhere to store it).
        entry.due = now;
        requeue(entry);
        if (m_stopped && m_inFlight == 0)
            emit idle();
        return;
    }
    const CircuitBreaker::State before = m_breaker.state(entry.host, now);
    std::optional<QDateTime> retry;
    if (snapshot.status == CheckStatus::Ok) {
        entry.transientFailures = 0;
        m_breaker.recordSuccess(entry.host);
    } else if (CheckPlanner::isTransient(snapshot.status)) {
        m_breaker.recordFailure(entry.host, now);
        retry = m_planner.retryAfterFailure(now, snapshot.status, ++entry.transientFailures,
                                            snapshot.retryAfterS, entry.key.intervalS);
        if (!retry)
            entry.transientFailures = 0;
    } else {
        // A refused key or an answer we cannot read will not fix itself in seconds.
        entry.transientFailures = 0;
    }
    const QDateTime next = retry ? *retry : m_planner.afterInterval(now, entry.key.intervalS);
    plan(entry, next);
    writePlansUnlessConcluding();
    if (usesLeases()) {
        // The next time and the lease's end in one statement: no other instance can see the key
        // free and still due. False (the lease passed on while this check ran): theirs now.
        (void)KeyLeaseRepository(m_db).release(keyId, m_instance, now.msecsTo(next), stored);
    }
    if (const CircuitBreaker::State after = m_breaker.state(entry.host, now); after != before)
        emit breakerChanged(entry.host, after, m_breaker.reopensAt(entry.host));

    if (m_stopped) {
        if (m_inFlight == 0)
            emit idle();
        return;
    }
    tick();
}

QDateTime Scheduler::nextDue() const
{
    // The earliest of the forced ones (the queue's front) and of the others (the first past them).
    qint64 nextMs = std::numeric_limits<qint64>::max();
    if (!m_queue.empty())
        nextMs = std::get<1>(m_queue.begin()->first);
    if (const auto unforced = m_queue.lower_bound(QueueKey{1, std::numeric_limits<qint64>::min(), 0});
        unforced != m_queue.end())
        nextMs = std::min(nextMs, std::get<1>(unforced->first));
    if (nextMs == std::numeric_limits<qint64>::max())
        return {};
    return QDateTime::fromMSecsSinceEpoch(nextMs, Qt::UTC);
}

void Scheduler::arm()
{
    const QDateTime next = nextDue();
    if (next != m_lastNextDue) {
        m_lastNextDue = next;
        emit nextDueChanged(next);
    }
    if (m_stopped)
        return;
    // With every slot taken, the next check to end ticks; waking for what is overdue meanwhile
    // would only spin.
    const bool slotFree = m_inFlight < m_maxConcurrent;
    const qint64 waitMs = next.isValid() && slotFree
                              ? std::clamp<qint64>(m_clock.nowUtc().msecsTo(next), 0, kMaxSleepMs)
                              : kMaxSleepMs;
    m_timer.start(int(waitMs));
}

std::optional<int> Scheduler::shortestIntervalS() const
{
    std::optional<int> shortest;
    for (const auto &[id, entry] : m_entries)
        shortest = std::min(shortest.value_or(entry.key.intervalS), entry.key.intervalS);
    return shortest;
}

QDateTime Scheduler::dueAt(qint64 keyId) const
{
    const auto it = m_entries.find(keyId);
    return it == m_entries.end() ? QDateTime() : it->second.due;
}

CircuitBreaker::State Scheduler::breakerState(const QString &host) const
{
    return m_breaker.state(host, m_clock.nowUtc());
}

} // namespace qw
