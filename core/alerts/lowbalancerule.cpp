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
    const bool recovered = remaining >= threshold + margin;
    // A top-up is a rise of at least the margin; smaller rises are the noise of a balance
    // hovering at the threshold (refunds, rounding) and must not re-arm the alert.
    const bool toppedUpAbove = previous && remaining - *previous >= margin && remaining >= threshold;
    if (recovered || toppedUpAbove)
        state.armed = true;
    return false;
}

} // namespace qw
