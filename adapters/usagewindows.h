// Plans that meter use in several windows at once (a five-hour and a weekly window, a monthly
// quota): how a window is named, how one is built from what a provider sends, and which one is
// the headline. Written once so every such plan picks its headline the same way.
#pragma once

#include "adapters/balancereading.h"

#include <functional>
#include <vector>

namespace qw::windows {

// The detail name of a window `seconds` long: window_5h, window_daily, window_weekly,
// window_<N>h for other whole hours, window_<N>min for the rest. Empty for a length of zero or less.
[[nodiscard]] QString nameForDuration(qint64 seconds);

// A window a provider reports as a share: `usedPercent` of 100 used, held to 0..100 (a window
// can run over its limit; it is full either way).
[[nodiscard]] ReadingDetail percentWindow(const QString &name, Amount usedPercent, const QDateTime &resetsAt);

// A window of counted units (requests, credits). The provider may leave out `used` or
// `remaining`; the missing one is drawn from the other and the limit, and what is left never
// counts below zero. parse_error naming `where` when both are missing.
[[nodiscard]] tl::expected<ReadingDetail, CheckError>
countedWindow(const QString &name, const QString &unit, Amount limit, std::optional<Amount> used,
              std::optional<Amount> remaining, const QDateTime &resetsAt, QStringView where);

// Whether `a` has a smaller share of its limit left than `b`. Of two equal shares the one that
// resets later is the tighter: the key is not free again before it. A window without a limit
// above zero or without what is left is never tighter than one with them.
[[nodiscard]] bool isTighter(const ReadingDetail &a, const ReadingDetail &b);

// A quota reading of several windows: the headline (remaining, used, limit, unit, reset) is the
// tightest window among those `mayLead` accepts (all when empty), and every window is kept in
// `details` in the provider's order. parse_error saying `expected` when no window may lead.
[[nodiscard]] CheckOutcome quotaReading(std::vector<ReadingDetail> windows, const QString &expected,
                                        const std::function<bool(const ReadingDetail &)> &mayLead = {});

} // namespace qw::windows
