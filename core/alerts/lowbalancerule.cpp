#include "core/alerts/lowbalancerule.h"

#include <algorithm>

namespace qw {

Amount LowBalanceRule::rearmMargin(Amount threshold)
{
    return Amount::fromMicros(std::max<qint64>(threshold.micros() / 10, 10'000));
}

bool LowBalanceRule::next(LowBalanceState &state, Amount threshold, Amount remaining,
                          std::optional<Amount> previous)
{
    if (state.armed) {
        if (remaining < threshold) {
            state.armed = false;
            return true;
        }
        return false;
    }
    const Amount margin = rearmMargin(threshold);
    // Overflow-checked: a threshold so high that adding the margin overflows cannot be recovered
    // above, and a rise too large to compute is certainly a top-up.
    const auto rearmAt = threshold.plus(margin);
    const bool recovered = rearmAt && remaining >= *rearmAt;
    // A top-up is a rise of at least the margin; smaller rises are the noise of a balance
    // hovering at the threshold (refunds, rounding) and must not re-arm the alert.
    const auto rise = previous ? remaining.minus(*previous) : std::nullopt;
    const bool toppedUpAbove =
        previous && (rise ? *rise >= margin : remaining > *previous) && remaining >= threshold;
    if (recovered || toppedUpAbove)
        state.armed = true;
    return false;
}

} // namespace qw
