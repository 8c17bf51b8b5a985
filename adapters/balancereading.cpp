#include "adapters/balancereading.h"

#include "adapters/enumnames.h"

#include <array>
#include <utility>

namespace qw {

namespace {

// The spelling of each value in the database, the CLI and the JSON contracts of DESIGN.md.
constexpr std::array kStatusNames{
    std::pair{CheckStatus::Ok, "ok"},
    std::pair{CheckStatus::AuthError, "auth_error"},
    std::pair{CheckStatus::RateLimited, "rate_limited"},
    std::pair{CheckStatus::NetworkError, "network_error"},
    std::pair{CheckStatus::ProviderError, "provider_error"},
    std::pair{CheckStatus::ParseError, "parse_error"},
    std::pair{CheckStatus::Unsupported, "unsupported"},
    std::pair{CheckStatus::IntegrityError, "integrity_error"},
};

constexpr std::array kKindNames{
    std::pair{ReadingKind::Balance, "balance"},
    std::pair{ReadingKind::KeyLimit, "key_limit"},
    std::pair{ReadingKind::Spend, "spend"},
    std::pair{ReadingKind::Quota, "quota"},
};

} // namespace

void chooseHeadline(BalanceReading &reading, const QString &preferredUnit)
{
    if (reading.balances.empty())
        return;
    const Balance *chosen = nullptr;
    for (const Balance &balance : reading.balances) {
        if (!preferredUnit.isEmpty() && balance.unit.compare(preferredUnit, Qt::CaseInsensitive) == 0) {
            chosen = &balance;
            break;
        }
    }
    for (const Balance &balance : reading.balances) {
        if (!chosen && balance.amount.micros() != 0)
            chosen = &balance;
    }
    if (!chosen)
        chosen = &reading.balances.front();
    reading.remaining = chosen->amount;
    reading.unit = chosen->unit;
}

QString toString(CheckStatus status)
{
    return nameOf(kStatusNames, status);
}

std::optional<CheckStatus> checkStatusFromString(QStringView text)
{
    return valueOf(kStatusNames, text);
}

QString toString(ReadingKind kind)
{
    return nameOf(kKindNames, kind);
}

std::optional<ReadingKind> readingKindFromString(QStringView text)
{
    return valueOf(kKindNames, text);
}

} // namespace qw
