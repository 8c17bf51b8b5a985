#include "adapters/providers/novitaadapter.h"

#include "adapters/providers/providerhelpers.h"
#include "adapters/replyparsing.h"

namespace qw {

namespace {

constexpr qint64 kUnitsPerUsd = 10'000;

} // namespace

QString NovitaAdapter::help() const
{
    return QStringLiteral(
        QT_TRANSLATE_NOOP("qw::Platforms", "Any Novita AI API key. Reports the available balance in USD."));
}

HttpRequestSpec NovitaAdapter::request(const AdapterContext &context) const
{
    return bearerGet(context, QStringLiteral("/openapi/v1/billing/balance/detail"));
}

CheckOutcome NovitaAdapter::parse(const HttpReply &reply, const AdapterContext &) const
{
    auto json = reply::successfulJson(reply);
    if (!json)
        return tl::unexpected(json.error());
    auto available = reply::amountAt(*json, u"availableBalance");
    if (!available)
        return tl::unexpected(available.error());
    BalanceReading reading =
        singleBalance(ReadingKind::Balance, reply::divide(*available, kUnitsPerUsd), QStringLiteral("USD"));
    auto creditLimit = reply::optionalAmountAt(*json, u"creditLimit");
    if (!creditLimit)
        return tl::unexpected(creditLimit.error());
    if (*creditLimit && (*creditLimit)->micros() > 0)
        reading.limit = reply::divide(**creditLimit, kUnitsPerUsd);
    return reading;
}

} // namespace qw
