#include "adapters/providers/costreportquery.h"

#include "adapters/providers/providerhelpers.h"
#include "adapters/replyparsing.h"

#include <QJsonArray>
#include <QUrl>

namespace qw {

CostReportQuery::CostReportQuery(AdapterContext context, std::function<HttpRequestSpec()> firstPage,
                                 QString amountPath, qint64 unitsPerUsd)
    : m_context(std::move(context))
    , m_firstPage(std::move(firstPage))
    , m_amountPath(std::move(amountPath))
    , m_unitsPerUsd(unitsPerUsd)
{}

HttpRequestSpec CostReportQuery::pageRequest(const QString &token) const
{
    HttpRequestSpec spec = m_firstPage();
    // Tokens are opaque (often base64): QUrlQuery would send a '+' as is, which the server
    // reads as a space, so the token goes fully percent-encoded.
    if (!token.isEmpty())
        spec.query.addQueryItem(QStringLiteral("page"), QString::fromLatin1(QUrl::toPercentEncoding(token)));
    return spec;
}

tl::expected<Amount, CheckError> CostReportQuery::pageTotal(const QJsonObject &page) const
{
    const QJsonValue data = page.value(QLatin1String("data"));
    if (!data.isArray())
        return tl::unexpected(reply::parseError(QStringLiteral("the field “data” is missing")));
    Amount total;
    const QJsonArray buckets = data.toArray();
    for (qsizetype b = 0; b < buckets.size(); ++b) {
        const QJsonArray results = buckets.at(b).toObject().value(QLatin1String("results")).toArray();
        for (qsizetype r = 0; r < results.size(); ++r) {
            const QString path = QStringLiteral("data[%1].results[%2].%3").arg(b).arg(r).arg(m_amountPath);
            auto value = reply::amountOf(reply::valueAt(results.at(r).toObject(), m_amountPath), path);
            if (!value)
                return tl::unexpected(value.error());
            auto added = reply::sum(total, *value);
            if (!added)
                return tl::unexpected(added.error());
            total = *added;
        }
    }
    return total;
}

QueryStep CostReportQuery::next(const HttpReply *previous)
{
    if (!previous)
        return pageRequest(QString());

    auto json = reply::successfulJson(*previous);
    if (!json) {
        CheckError error = json.error();
        if (error.status == CheckStatus::AuthError)
            error.message += QStringLiteral(" (this platform needs an organization Admin key)");
        return tl::unexpected(error);
    }
    auto total = pageTotal(*json);
    if (!total)
        return tl::unexpected(total.error());
    auto added = reply::sum(m_total, *total);
    if (!added)
        return tl::unexpected(added.error());
    m_total = *added;

    const QString nextPage = json->value(QLatin1String("next_page")).toString();
    const bool hasMore = json->value(QLatin1String("has_more")).toBool(!nextPage.isEmpty());
    if (hasMore && !nextPage.isEmpty()) {
        if (++m_pages >= kMaxPages)
            return checkFailed(CheckStatus::ProviderError,
                               QStringLiteral("the cost report did not end after %1 pages").arg(kMaxPages));
        return pageRequest(nextPage);
    }
    const Amount spend = reply::divide(m_total, m_unitsPerUsd);
    auto outcome = spendAgainstBudget(spend, monthlyBudget(m_context), QStringLiteral("USD"));
    if (outcome)
        outcome->resetsAt = startOfNextMonth(m_context.now);
    return outcome;
}

} // namespace qw
