// Small pieces the provider classes share: the usual authenticated GET, and one-currency readings.
#pragma once

#include "adapters/adapter.h"

namespace qw {

// GET `path` with "Authorization: Bearer <secret>".
[[nodiscard]] HttpRequestSpec bearerGet(const AdapterContext &context, const QString &path);
// GET `path` with the secret in the header `name`, sent as is.
[[nodiscard]] HttpRequestSpec headerGet(const AdapterContext &context, const QString &path,
                                        const QByteArray &name);

// A balance reading of one amount in one unit.
[[nodiscard]] BalanceReading singleBalance(ReadingKind kind, Amount remaining, const QString &unit);

// A reading from a spend total and an optional budget: key_limit with remaining = budget -
// spend when a budget is set, else spend only. parse_error when that difference is out of range.
[[nodiscard]] CheckOutcome spendAgainstBudget(Amount spend, std::optional<Amount> budget,
                                              const QString &unit);

// The `monthly_budget` option of the spend-reporting platforms.
[[nodiscard]] OptionSpec monthlyBudgetOption();
[[nodiscard]] std::optional<Amount> monthlyBudget(const AdapterContext &context);

// Midnight UTC on the first day of `now`'s month, and of the next month.
[[nodiscard]] QDateTime startOfMonth(const QDateTime &now);
[[nodiscard]] QDateTime startOfNextMonth(const QDateTime &now);

} // namespace qw
