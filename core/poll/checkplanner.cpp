#include "core/poll/checkplanner.h"

#include <algorithm>
#include <cmath>

namespace qw {

double CheckPlanner::uniform(double low, double high)
{
    return std::uniform_real_distribution<double>(low, high)(m_random);
}

QDateTime CheckPlanner::afterInterval(const QDateTime &checkedAt, int intervalS)
{
    const double seconds = intervalS * uniform(1.0 - kJitter, 1.0 + kJitter);
    return checkedAt.addMSecs(qint64(std::llround(seconds * 1000.0)));
}

QDateTime CheckPlanner::atStartup(const QDateTime &stored, const QDateTime &now, int intervalS,
                                  bool neverChecked)
{
    if (neverChecked)
        return now;
    const qint64 intervalMs = qint64(std::max(intervalS, 1)) * 1000;
    if (stored.isValid() && stored > now)
        return std::min(stored, now.addMSecs(qint64(std::llround(intervalMs * (1.0 + kJitter)))));
    const double spreadMs = double(std::min<qint64>(qint64(kStartupSpreadS) * 1000, intervalMs));
    return now.addMSecs(qint64(std::llround(uniform(0.0, spreadMs))));
}

bool CheckPlanner::isTransient(CheckStatus status)
{
    return status == CheckStatus::NetworkError || status == CheckStatus::ProviderError ||
           status == CheckStatus::RateLimited;
}

std::optional<QDateTime> CheckPlanner::retryAfterFailure(const QDateTime &failedAt, CheckStatus status,
                                                         int attempt, std::optional<int> retryAfterS,
                                                         int intervalS)
{
    if (!isTransient(status) || attempt < 1 || attempt > kMaxRetries)
        return std::nullopt;
    double seconds = kFirstRetryS * std::pow(2.0, attempt - 1) * uniform(1.0 - kJitter, 1.0 + kJitter);
    if (retryAfterS)
        seconds = std::max(seconds, double(*retryAfterS));
    // Retrying later than the regular check would only delay it.
    if (seconds >= intervalS)
        return std::nullopt;
    return failedAt.addMSecs(qint64(std::llround(seconds * 1000.0)));
}

} // namespace qw
