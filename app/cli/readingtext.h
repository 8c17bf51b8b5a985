// How `check` and `keys test` write a reading's amounts in plain text.
#pragma once

#include "core/model/snapshot.h"

#include <QString>
#include <optional>

namespace qw::cli {

// "12.5 USD", "1200 tokens", "42%", "12.5" without a unit, "-" without an amount; counted units
// in the user's language (ReadingNames::unitName).
[[nodiscard]] QString amountText(const std::optional<Amount> &amount, const QString &unit);
// "3 USD, 200 credits", or "-" when the reading has no balances.
[[nodiscard]] QString balancesText(const Snapshot &snapshot);
// One line per detail: "5-hour window: 61 of 200 requests left, resets 2026-12-07 04:00 UTC".
[[nodiscard]] QStringList detailLines(const Snapshot &snapshot);
// The details in a table cell: "5-hour window 61/200 requests; Weekly window 10%", "-" when none.
[[nodiscard]] QString detailsCompact(const Snapshot &snapshot);

} // namespace qw::cli
