// The vocabulary of a check's outcome shared by adapters, storage, the CLI and the UI: what a
// number means (kind), whether the check worked (status), and one balance per currency.
#pragma once

#include "adapters/amount.h"

#include <QDateTime>
#include <QString>
#include <optional>
#include <tl/expected.hpp>
#include <vector>

namespace qw {

enum class CheckStatus
{
    Ok,
    AuthError,
    RateLimited,
    NetworkError,
    ProviderError,
    ParseError,
    Unsupported,
    // Not a provider's answer: the key's stored destination failed its binding (it was changed
    // outside QuotaWatch), so its secret was sent nowhere.
    IntegrityError,
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

// One part of a reading beside its headline: a usage window of a plan (its five-hour or weekly
// window), a pot of money counted apart (gift or paid balance), or a quota of its own (a plan's
// monthly MCP calls). The headline is one of these, or drawn from them; the rest are kept so the
// history, the CLI and the key editor can show every window, not only the tightest.
struct ReadingDetail
{
    // A stable snake_case id, stored and shown in JSON; the front ends name the known ones in
    // both languages: window_5h, window_daily, window_weekly, window_monthly, window_<N>h,
    // window_<N>min, mcp_monthly, gift, paid, credit_line, month_spend.
    QString name;
    std::optional<Amount> remaining;
    std::optional<Amount> used;
    std::optional<Amount> limit;
    QString unit;       // like Balance::unit
    QDateTime resetsAt; // UTC; invalid when the provider does not say
    friend bool operator==(const ReadingDetail &, const ReadingDetail &) = default;
};

// What one successful check found out.
struct BalanceReading
{
    ReadingKind kind = ReadingKind::Balance;
    std::optional<Amount> remaining; // the headline amount, in `unit`
    std::optional<Amount> used;
    std::optional<Amount> limit;
    QString unit;
    std::vector<Balance> balances;      // every currency the provider reported, headline included
    QDateTime resetsAt;                 // when a quota refills, where the provider says (UTC)
    std::vector<ReadingDetail> details; // windows and pots beside the headline, in provider order
};

// Why a check did not produce a reading, in words a user can act on.
struct CheckError
{
    CheckStatus status = CheckStatus::ProviderError;
    QString message;
    std::optional<int> retryAfterS; // from Retry-After on 429/503
    // The provider answered HTTP 402: the account has no credit left. Not a failure to read it
    // but the reading itself: the check is stored as a balance of 0 (CheckService::snapshotOf),
    // so the low-balance alert and every view see an empty account.
    bool outOfCredit = false;
};

using CheckOutcome = tl::expected<BalanceReading, CheckError>;

[[nodiscard]] inline tl::unexpected<CheckError> checkFailed(CheckStatus status, QString message)
{
    return tl::unexpected<CheckError>(CheckError{status, std::move(message), std::nullopt});
}

// Picks the headline among several currencies: the preferred one when present, else the first
// non-zero one, else the first. Sets remaining and unit, keeps `balances` as they are.
void chooseHeadline(BalanceReading &reading, const QString &preferredUnit);

[[nodiscard]] QString toString(CheckStatus status);
[[nodiscard]] std::optional<CheckStatus> checkStatusFromString(QStringView text);
[[nodiscard]] QString toString(ReadingKind kind);
[[nodiscard]] std::optional<ReadingKind> readingKindFromString(QStringView text);

} // namespace qw
