// When a falling balance is worth a low_balance alert: exactly once per crossing under the
// threshold. A balance hovering around the threshold does not flap; the rule re-arms only when
// the balance recovers above the threshold plus a margin, or when a top-up lifts it above the
// threshold (a rise of at least the margin). The state is a value the caller stores with the key.
#pragma once

#include "adapters/amount.h"

#include <optional>

namespace qw {

struct LowBalanceState
{
    bool armed = true; // false after an alert, until the balance recovers
};

class LowBalanceRule final
{
public:
    // The margin above the threshold that counts as recovered: 10 % of it, at least 0.01.
    [[nodiscard]] static Amount rearmMargin(Amount threshold);

    // Feeds one reading; true when this reading is the one to alert about. `previous` is the
    // last reading before it, if any (to recognise a top-up).
    [[nodiscard]] static bool next(LowBalanceState &state, Amount threshold, Amount remaining,
                                   std::optional<Amount> previous);
};

} // namespace qw
