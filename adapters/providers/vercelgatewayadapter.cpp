#include "adapters/providers/vercelgatewayadapter.h"

#include "adapters/providers/providerhelpers.h"
#include "adapters/replyparsing.h"

namespace qw {

QString VercelGatewayAdapter::help() const
{
    return QStringLiteral(QT_TRANSLATE_NOOP(
        "qw::Platforms",
        "An AI Gateway API key from the Vercel dashboard (AI Gateway → API Keys). Reports the "
        "team's remaining AI Gateway credits in USD and what has been used of them."));
}

HttpRequestSpec VercelGatewayAdapter::request(const AdapterContext &context) const
{
    return bearerGet(context, QStringLiteral("/v1/credits"));
}

CheckOutcome VercelGatewayAdapter::parse(const HttpReply &reply, const AdapterContext &) const
{
    auto json = reply::successfulJson(reply);
    if (!json)
        return tl::unexpected(json.error());
    // Both are decimal strings ("95.50"), read exactly; amountAt takes JSON numbers too.
    auto balance = reply::amountAt(*json, u"balance");
    if (!balance)
        return tl::unexpected(balance.error());
    auto used = reply::optionalAmountAt(*json, u"total_used");
    if (!used)
        return tl::unexpected(used.error());
    BalanceReading reading = singleBalance(ReadingKind::Balance, *balance, QStringLiteral("USD"));
    reading.used = *used;
    return reading;
}

} // namespace qw
