#include "adapters/providers/moonshotadapter.h"

#include "adapters/providers/providerhelpers.h"
#include "adapters/replyparsing.h"

namespace qw {

QString MoonshotAdapter::id() const
{
    return m_region == Region::China ? QStringLiteral("moonshot") : QStringLiteral("moonshot-intl");
}

QString MoonshotAdapter::name() const
{
    return m_region == Region::China ? QStringLiteral("Moonshot / Kimi (China)")
                                     : QStringLiteral("Moonshot / Kimi (International)");
}

QString MoonshotAdapter::defaultBaseUrl() const
{
    return m_region == Region::China ? QStringLiteral("https://api.moonshot.cn")
                                     : QStringLiteral("https://api.moonshot.ai");
}

QString MoonshotAdapter::help() const
{
    return m_region == Region::China
               ? QStringLiteral(QT_TRANSLATE_NOOP(
                     "qw::Platforms",
                     "An API key from platform.moonshot.cn (sk-…). Reports the available balance in CNY."))
               : QStringLiteral(QT_TRANSLATE_NOOP(
                     "qw::Platforms",
                     "An API key from platform.moonshot.ai (sk-…). Reports the available balance in USD."));
}

HttpRequestSpec MoonshotAdapter::request(const AdapterContext &context) const
{
    return bearerGet(context, QStringLiteral("/v1/users/me/balance"));
}

CheckOutcome MoonshotAdapter::parse(const HttpReply &reply, const AdapterContext &) const
{
    auto json = reply::successfulJson(reply);
    if (!json)
        return tl::unexpected(json.error());
    // Errors may arrive with HTTP 200 and status false.
    const QJsonValue status = json->value(QLatin1String("status"));
    if (status.isBool() && !status.toBool()) {
        const QString said = reply::providerMessage(*json);
        return checkFailed(CheckStatus::ProviderError,
                           QStringLiteral("the provider reported an error: %1")
                               .arg(said.isEmpty() ? QStringLiteral("no reason given") : said));
    }
    // available_balance already nets a negative cash balance against vouchers.
    auto available = reply::amountAt(*json, u"data.available_balance");
    if (!available)
        return tl::unexpected(available.error());
    const QString unit = m_region == Region::China ? QStringLiteral("CNY") : QStringLiteral("USD");
    return singleBalance(ReadingKind::Balance, *available, unit);
}

} // namespace qw
