// How `check` and `keys test` write a reading's amounts in plain text.
#pragma once

#include "core/model/snapshot.h"

#include <QString>
#include <optional>

namespace qw::cli {

// "12.5 USD", "12.5" without a unit, "-" without an amount.
[[nodiscard]] QString amountText(const std::optional<Amount> &amount, const QString &unit);
// "3 USD, 200 credits", or "-" when the reading has no balances.
[[nodiscard]] QString balancesText(const Snapshot &snapshot);

} // namespace qw::cli
