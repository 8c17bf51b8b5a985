// The cool-down after repeated failed logins (DESIGN.md style rule 10): after 5 failures for one
// account or from one client address within 10 minutes, further attempts for that account or
// from that address are refused, even with the right password, until the oldest of those
// failures is 10 minutes old. In memory, per process; time from the session's clock, so tests
// can move it.
#pragma once

#include <QDateTime>
#include <QHash>
#include <QString>
#include <deque>
#include <optional>

namespace qw {
class Clock;
}

namespace qw::rest {

class LoginThrottle final
{
public:
    static constexpr int kMaxFailures = 5;
    static constexpr qint64 kWindowSeconds = 10 * 60;

    // `clock` must outlive the throttle.
    explicit LoginThrottle(const Clock &clock)
        : m_clock(clock)
    {}

    // Seconds until an attempt for `account` from `address` would be allowed; nullopt: now.
    [[nodiscard]] std::optional<qint64> retryAfter(const QString &account, const QString &address);
    void recordFailure(const QString &account, const QString &address);
    // A successful login clears the account's failures (not the address's: one good account
    // must not reset the count of someone trying many others).
    void recordSuccess(const QString &account);

private:
    using Failures = std::deque<QDateTime>;

    [[nodiscard]] std::optional<qint64> lockedFor(QHash<QString, Failures> &table, const QString &key,
                                                  const QDateTime &now);
    void forgetExpired(QHash<QString, Failures> &table, const QDateTime &now);

    const Clock &m_clock;
    QHash<QString, Failures> m_byAccount;
    QHash<QString, Failures> m_byAddress;
};

} // namespace qw::rest
