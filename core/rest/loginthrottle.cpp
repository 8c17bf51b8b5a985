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
                                               const QDateTime &now)
{
    auto it = table.find(key);
    if (it == table.end())
        return std::nullopt;
    Failures &failures = it.value();
    const QDateTime windowStart = now.addSecs(-kWindowSeconds);
    while (!failures.empty() && failures.front() <= windowStart)
        failures.pop_front();
    if (failures.empty()) {
        table.erase(it);
        return std::nullopt;
    }
    if (qsizetype(failures.size()) < kMaxFailures)
        return std::nullopt;
    // Allowed again once fewer than kMaxFailures remain in the window: when the failure that
    // would be the kMaxFailures-th newest leaves it.
    const QDateTime &deciding = failures[failures.size() - kMaxFailures];
    const qint64 milliseconds = now.msecsTo(deciding.addSecs(kWindowSeconds));
    return std::max<qint64>(1, (milliseconds + 999) / 1000);
}

std::optional<qint64> LoginThrottle::retryAfter(const QString &account, const QString &address)
{
    const QDateTime now = m_clock.nowUtc();
    const auto forAccount = lockedFor(m_byAccount, account, now);
    const auto forAddress = lockedFor(m_byAddress, address, now);
    if (forAccount && forAddress)
        return std::max(*forAccount, *forAddress);
    return forAccount ? forAccount : forAddress;
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
