// The raw quota new-api and one-api relays count in, shared by the relay's token and account
// platforms: the quota_per_unit option and the conversion of raw quota to USD.
#pragma once

#include "adapters/adapter.h"

namespace qw::newapi {

// new-api's default QuotaPerUnit: 500,000 quota units are 1 USD.
inline constexpr qint64 kDefaultQuotaPerUnit = 500'000;

// The `quota_per_unit` option, for relays whose operator changed QuotaPerUnit.
[[nodiscard]] OptionSpec quotaPerUnitOption();
// The option's value, or the default when unset or not positive.
[[nodiscard]] qint64 quotaPerUnit(const AdapterContext &context);

} // namespace qw::newapi
