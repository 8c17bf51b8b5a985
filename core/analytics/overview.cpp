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
        m_perUnit[latest->unit] = m_perUnit[latest->unit] + *remaining;
}

int Overview::count(KeyHealth health) const
{
    const auto found = m_counts.find(health);
    return found == m_counts.end() ? 0 : found->second;
}

} // namespace qw
