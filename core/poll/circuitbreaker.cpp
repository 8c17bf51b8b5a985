#include "core/poll/circuitbreaker.h"

namespace qw {

CircuitBreaker::State CircuitBreaker::state(const QString &host, const QDateTime &now) const
{
    const auto it = m_hosts.find(host);
    if (it == m_hosts.end() || !it->second.openedAt.isValid())
        return State::Closed;
    return now < it->second.openedAt.addSecs(m_coolDownS) ? State::Open : State::HalfOpen;
}

bool CircuitBreaker::allows(const QString &host, const QDateTime &now)
{
    switch (state(host, now)) {
    case State::Closed:
        return true;
    case State::Open:
        return false;
    case State::HalfOpen: {
        Host &entry = m_hosts[host];
        if (entry.trialInFlight)
            return false;
        entry.trialInFlight = true;
        return true;
    }
    }
    return true;
}

void CircuitBreaker::recordSuccess(const QString &host)
{
    m_hosts.erase(host);
}

void CircuitBreaker::recordFailure(const QString &host, const QDateTime &now)
{
    Host &entry = m_hosts[host];
    ++entry.consecutiveFailures;
    // A failed trial re-opens at once; otherwise the threshold decides.
    if (entry.trialInFlight || entry.consecutiveFailures >= m_failureThreshold) {
        entry.openedAt = now;
        entry.trialInFlight = false;
    }
}

QDateTime CircuitBreaker::reopensAt(const QString &host) const
{
    const auto it = m_hosts.find(host);
    if (it == m_hosts.end() || !it->second.openedAt.isValid())
        return {};
    return it->second.openedAt.addSecs(m_coolDownS);
}

QString CircuitBreaker::toString(State state)
{
    switch (state) {
    case State::Closed:
        return QStringLiteral("closed");
    case State::Open:
        return QStringLiteral("open");
    case State::HalfOpen:
        return QStringLiteral("half-open");
    }
    return {};
}

} // namespace qw
