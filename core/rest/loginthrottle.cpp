#include "core/rest/loginthrottle.h"

#include "core/clock.h"

#include <algorithm>

namespace qw::rest {

namespace {

// Past this many tracked names or addresses, expired entries are swept, so a stream of made-up
// names cannot grow the tables without bound.
constexpr qsizetype kSweepAbove = 10000;

} // namespace

void LoginThrottle::forgetExpired(QHash<QString, Failures> &table, const QDateTime &now)
{
    const QDateTime windowStart = now.addSecs(-kWindowSeconds);
    for (auto it = table.begin(); it != table.end();) {
        Failures &failures = it.value();
        while (!failures.empty() && failures.front() <= windowStart)
            failures.pop_front();
        if (failures.empty())
            it = table.erase(it);
        else
            ++it;
    }
}

std::optional<qint64> LoginThrottle::lockedFor(QHash<QString, Failures> &table, const QString &key,
                                               const QDateTime &now, int pending)
{
    auto it = table.find(key);
    if (it == table.end())
        return pending >= kMaxFailures ? std::optional<qint64>(1) : std::nullopt;
    Failures &failures = it.value();
    const QDateTime windowStart = now.addSecs(-kWindowSeconds);
    while (!failures.empty() && failures.front() <= windowStart)
        failures.pop_front();
    if (failures.empty()) {
        table.erase(it);
        return pending >= kMaxFailures ? std::optional<qint64>(1) : std::nullopt;
    }
    if (qsizetype(failures.size()) < kMaxFailures) {
        // Attempts in flight may yet fail: wait for their outcome (a second is plenty).
        if (qsizetype(failures.size()) + pending >= kMaxFailures)
            return 1;
        return std::nullopt;
    }
    // Allowed again once fewer than kMaxFailures remain in the window: when the failure that
    // would be the kMaxFailures-th newest leaves it.
    const QDateTime &deciding = failures[failures.size() - kMaxFailures];
    const qint64 milliseconds = now.msecsTo(deciding.addSecs(kWindowSeconds));
    return std::max<qint64>(1, (milliseconds + 999) / 1000);
}

std::optional<qint64> LoginThrottle::begin(const QString &account, const QString &address)
{
    const QDateTime now = m_clock.nowUtc();
    const auto forAccount = lockedFor(m_byAccount, account, now, m_pendingByAccount.value(account));
    const auto forAddress = lockedFor(m_byAddress, address, now, m_pendingByAddress.value(address));
    if (forAccount || forAddress)
        return std::max(forAccount.value_or(0), forAddress.value_or(0));
    ++m_pendingByAccount[account];
    ++m_pendingByAddress[address];
    return std::nullopt;
}

void LoginThrottle::cancel(const QString &account, const QString &address)
{
    for (auto [table, key] :
         {std::pair{&m_pendingByAccount, account}, std::pair{&m_pendingByAddress, address}}) {
        auto it = table->find(key);
        if (it != table->end() && --it.value() <= 0)
            table->erase(it);
    }
}

void LoginThrottle::finish(const QString &account, const QString &address, bool succeeded)
{
    cancel(account, address);
    if (succeeded)
        recordSuccess(account);
    else
        recordFailure(account, address);
}

void LoginThrottle::recordFailure(const QString &account, const QString &address)
{
    const QDateTime now = m_clock.nowUtc();
    for (auto *table : {&m_byAccount, &m_byAddress}) {
        if (table->size() > kSweepAbove)
            forgetExpired(*table, now);
    }
    // Only the newest kMaxFailures matter for the decision.
    for (auto [table, key] : {std::pair{&m_byAccount, account}, std::pair{&m_byAddress, address}}) {
        Failures &failures = (*table)[key];
        failures.push_back(now);
        while (qsizetype(failures.size()) > kMaxFailures)
            failures.pop_front();
    }
}

void LoginThrottle::recordSuccess(const QString &account)
{
    m_byAccount.remove(account);
}

} // namespace qw::rest
