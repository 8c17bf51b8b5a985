// This month's spending summed over a paginated cost report (OpenAI and Anthropic admin APIs):
// request page after page until next_page is empty, then compare with the optional budget.
#pragma once

#include "adapters/adapter.h"

#include <functional>

namespace qw {

class CostReportQuery final : public BalanceQuery
{
public:
    // `pageRequest(token)` builds the request for a page (empty token: the first);
    // `pageSpend(json)` sums one page's amounts in USD or fails naming the field.
    CostReportQuery(AdapterContext context, std::function<HttpRequestSpec(const QString &)> pageRequest,
                    std::function<tl::expected<Amount, CheckError>(const QJsonObject &)> pageSpend);

    QueryStep next(const HttpReply *previous) override;

    static constexpr int kMaxPages = 40;

private:
    AdapterContext m_context;
    std::function<HttpRequestSpec(const QString &)> m_pageRequest;
    std::function<tl::expected<Amount, CheckError>(const QJsonObject &)> m_pageSpend;
    Amount m_spend;
    int m_pages = 0;
};

} // namespace qw
