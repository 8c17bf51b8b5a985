// When each key is checked next: its interval with ±10 % jitter so keys added together do not
// fire together, a key never checked at once, keys found overdue at start spread over the first
// minute (or their own shorter interval) instead of all at once, and transient failures retried
// sooner with exponential backoff that honours the provider's Retry-After. Pure arithmetic over
// the time it is given, so the scheduler stays testable without waiting.
#pragma once

#include "adapters/balancereading.h"

#include <QDateTime>
#include <random>

namespace qw {

class CheckPlanner final
{
public:
    static constexpr double kJitter = 0.10;
    static constexpr int kStartupSpreadS = 60;
    static constexpr int kFirstRetryS = 15;
    static constexpr int kMaxRetries = 4;

    explicit CheckPlanner(std::uint32_t seed = std::random_device{}())
        : m_random(seed)
    {}

    // The regular next check after one at `checkedAt`: interval × U(0.9, 1.1).
    [[nodiscard]] QDateTime afterInterval(const QDateTime &checkedAt, int intervalS);

    // At start, or when a key first appears: a key never checked is due now (it has nothing to
    // show yet); a stored time in the future is kept (a restart keeps the schedule), but no later
    // than one interval (+10 %) from now, in case the interval was shortened meanwhile; a missing
    // or past one becomes now + U(0, min(60 s, interval)).
    [[nodiscard]] QDateTime atStartup(const QDateTime &stored, const QDateTime &now, int intervalS,
                                      bool neverChecked);

    // Whether a failed check is worth retrying before the next regular one: network errors,
    // provider (5xx) errors and rate limits are; a refused key or an unreadable answer is not.
    [[nodiscard]] static bool isTransient(CheckStatus status);

    // The retry after the `attempt`-th consecutive transient failure (1-based): 15 s, 30 s,
    // 60 s, 120 s with ±10 % jitter, never before Retry-After, never after the regular check.
    // nullopt when retries are used up or the error is not transient.
    [[nodiscard]] std::optional<QDateTime> retryAfterFailure(const QDateTime &failedAt, CheckStatus status,
                                                             int attempt, std::optional<int> retryAfterS,
                                                             int intervalS);

private:
    [[nodiscard]] double uniform(double low, double high);

    std::mt19937 m_random;
};

} // namespace qw
