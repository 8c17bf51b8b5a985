// This month's spending summed over a paginated cost report (OpenAI and Anthropic admin APIs):
// request page after page until next_page is empty, sum every data[].results[] amount, then
// compare with the optional budget.
#pragma once

#include "adapters/adapter.h"

#include <functional>

namespace qw {

class CostReportQuery final : public BalanceQuery
{
public:
    // `firstPage()` builds the request for the first page; later pages are the same request with
    // the provider's page token as `page`. `amountPath` is where a result holds its amount
    // ("amount.value"), in units of 1/`unitsPerUsd` USD (1 for dollars, 100 for cents).
    CostReportQuery(AdapterContext context, std::function<HttpRequestSpec()> firstPage, QString amountPath,
                    qint64 unitsPerUsd);

    QueryStep next(const HttpReply *previous) override;

    static constexpr int kMaxPages = 40;

private:
    [[nodiscard]] HttpRequestSpec pageRequest(const QString &token) const;
    [[nodiscard]] tl::expected<Amount, CheckError> pageTotal(const QJsonObject &page) const;

    AdapterContext m_context;
    std::function<HttpRequestSpec()> m_firstPage;
    QString m_amountPath;
    qint64 m_unitsPerUsd;
    Amount m_total; // in the report's own units
    int m_pages = 0;
};

} // namespace qw
