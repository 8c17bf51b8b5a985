// Largest-Triangle-Three-Buckets: reduces a long series to a few points per pixel column while
// keeping its shape (peaks, drops, top-ups), so a year of 5-minute checks draws at once.
#pragma once

#include "core/model/balancepoint.h"

#include <span>
#include <vector>

namespace qw {

class Downsampling final
{
public:
    // At most `threshold` points: the first and last always, one per bucket in between.
    // Series no longer than the threshold (or a threshold under 3) come back unchanged.
    [[nodiscard]] static std::vector<BalancePoint> lttb(std::span<const BalancePoint> points,
                                                        std::size_t threshold);
};

} // namespace qw
