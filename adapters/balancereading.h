// The vocabulary of a check's outcome shared by adapters, storage, the CLI and the UI: what a
// number means (kind), whether the check worked (status), and one balance per currency.
#pragma once

#include "adapters/amount.h"

#include <QString>
#include <optional>

namespace qw {

enum class CheckStatus
{
    Ok,
    AuthError,
    RateLimited,
    NetworkError,
    ProviderError,
    ParseError,
    Unsupported
};

enum class ReadingKind
{
    Balance,  // money in a wallet
    KeyLimit, // what is left of a per-key cap
    Spend,    // only spending is known
    Quota,    // tokens, characters or percent
};

struct Balance
{
    Amount amount;
    QString unit; // ISO 4217 code, or characters / tokens / percent / credits
    friend bool operator==(const Balance &, const Balance &) = default;
};

[[nodiscard]] QString toString(CheckStatus status);
[[nodiscard]] std::optional<CheckStatus> checkStatusFromString(QStringView text);
[[nodiscard]] QString toString(ReadingKind kind);
[[nodiscard]] std::optional<ReadingKind> readingKindFromString(QStringView text);

} // namespace qw
