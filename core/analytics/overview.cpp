#include "core/analytics/overview.h"

namespace qw {

std::optional<Amount> Overview::shownRemaining(const std::optional<Snapshot> &latest)
{
    return latest && latest->status == CheckStatus::Ok ? latest->remaining : std::nullopt;
}

void Overview::add(const std::optional<Snapshot> &latest, KeyHealth health)
{
    if (m_total == 0 || KeyHealthRules::severity(health) > KeyHealthRules::severity(m_worst))
        m_worst = health;
    ++m_total;
    ++m_counts[health];
    if (const auto remaining = shownRemaining(latest))
        // Held at the limit rather than wrapped: stored amounts are not all from our own parser
        // (a restored or shared database), and a sum of many must not turn negative.
        m_perUnit[latest->unit] =
            Amount::fromMicros(Amount::saturatingAdd(m_perUnit[latest->unit].micros(), remaining->micros()));
}

int Overview::count(KeyHealth health) const
{
    const auto found = m_counts.find(health);
    return found == m_counts.end() ? 0 : found->second;
}

} // namespace qw
