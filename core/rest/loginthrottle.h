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

    // Starts an attempt: the seconds to wait when it is not allowed now, else nullopt and the
    // attempt counts as a failure-to-be until finish(). Passwords are checked off the server's
    // thread, so without this many attempts sent at once would all be checked before the first
    // failure is recorded.
    [[nodiscard]] std::optional<qint64> begin(const QString &account, const QString &address);
    // Ends an attempt begin() allowed. A success clears the account's failures (not the
    // address's: one good account must not reset the count of someone trying many others).
    void finish(const QString &account, const QString &address, bool succeeded);
    // Ends an attempt that could not be decided (the server's own trouble): counts for nothing.
    void cancel(const QString &account, const QString &address);

    void recordFailure(const QString &account, const QString &address);
    void recordSuccess(const QString &account);

private:
    using Failures = std::deque<QDateTime>;

    [[nodiscard]] std::optional<qint64> lockedFor(QHash<QString, Failures> &table, const QString &key,
                                                  const QDateTime &now, int pending = 0);
    void forgetExpired(QHash<QString, Failures> &table, const QDateTime &now);

    const Clock &m_clock;
    QHash<QString, Failures> m_byAccount;
    QHash<QString, Failures> m_byAddress;
    QHash<QString, int> m_pendingByAccount; // attempts begun and not finished
    QHash<QString, int> m_pendingByAddress;
};

} // namespace qw::rest
