#include "adapters/providers/costreportquery.h"

#include "adapters/providers/providerhelpers.h"
#include "adapters/replyparsing.h"

namespace qw {

CostReportQuery::CostReportQuery(
    AdapterContext context, std::function<HttpRequestSpec(const QString &)> pageRequest,
    std::function<tl::expected<Amount, CheckError>(const QJsonObject &)> pageSpend)
    : m_context(std::move(context))
    , m_pageRequest(std::move(pageRequest))
    , m_pageSpend(std::move(pageSpend))
{}

QueryStep CostReportQuery::next(const HttpReply *previous)
{
    if (!previous)
        return m_pageRequest(QString());

    auto json = reply::successfulJson(*previous);
    if (!json) {
        CheckError error = json.error();
        if (error.status == CheckStatus::AuthError)
            error.message += QStringLiteral(" (this platform needs an organization Admin key)");
        return tl::unexpected(error);
    }
    auto spend = m_pageSpend(*json);
    if (!spend)
        return tl::unexpected(spend.error());
    m_spend = m_spend + *spend;

    const QString nextPage = json->value(QLatin1String("next_page")).toString();
    const bool hasMore = json->value(QLatin1String("has_more")).toBool(!nextPage.isEmpty());
    if (hasMore && !nextPage.isEmpty()) {
        if (++m_pages >= kMaxPages)
            return checkFailed(CheckStatus::ProviderError,
                               QStringLiteral("the cost report did not end after %1 pages").arg(kMaxPages));
        return m_pageRequest(nextPage);
    }
    BalanceReading reading = spendAgainstBudget(m_spend, monthlyBudget(m_context), QStringLiteral("USD"));
    reading.resetsAt = startOfNextMonth(m_context.now);
    return reading;
}

} // namespace qw
