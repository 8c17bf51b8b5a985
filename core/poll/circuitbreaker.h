// One breaker per provider host: after repeated failures in a row the host is left alone for a
// cool-down instead of being hammered by every key that lives there; then one trial check is let
// through, and its result closes the breaker again or re-opens it.
#pragma once

#include <QDateTime>
#include <QString>
#include <map>

namespace qw {

class CircuitBreaker final
{
public:
    enum class State
    {
        Closed,
        Open,
        HalfOpen
    };

    explicit CircuitBreaker(int failureThreshold = 5, int coolDownS = 300)
        : m_failureThreshold(failureThreshold)
        , m_coolDownS(coolDownS)
    {}

    // Whether a check against `host` may start now. In the half-open state exactly one may.
    [[nodiscard]] bool allows(const QString &host, const QDateTime &now);
    void recordSuccess(const QString &host);
    void recordFailure(const QString &host, const QDateTime &now);

    [[nodiscard]] State state(const QString &host, const QDateTime &now) const;
    // When an open breaker lets a trial through; invalid when it is not open.
    [[nodiscard]] QDateTime reopensAt(const QString &host) const;
    [[nodiscard]] static QString toString(State state);

private:
    struct Host
    {
        int consecutiveFailures = 0;
        QDateTime openedAt; // valid while open or half-open
        bool trialInFlight = false;
    };

    int m_failureThreshold;
    int m_coolDownS;
    std::map<QString, Host> m_hosts;
};

} // namespace qw
