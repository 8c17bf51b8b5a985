#include "adapters/providers/openaiadminadapter.h"

#include "adapters/providers/costreportquery.h"
#include "adapters/providers/providerhelpers.h"

namespace qw {

QString OpenAiAdminAdapter::help() const
{
    return QStringLiteral(QT_TRANSLATE_NOOP(
        "qw::Platforms",
        "Needs an organization Admin key (sk-admin-…) from platform.openai.com; an ordinary sk- key "
        "cannot read costs. Reports this month's spending, and what is left of monthly_budget when "
        "you set one."));
}

QList<OptionSpec> OpenAiAdminAdapter::ownOptions() const
{
    return {monthlyBudgetOption()};
}

std::unique_ptr<BalanceQuery> OpenAiAdminAdapter::begin(const AdapterContext &context) const
{
    const qint64 monthStart = startOfMonth(context.now).toSecsSinceEpoch();
    auto firstPage = [context, monthStart] {
        HttpRequestSpec spec = bearerGet(context, QStringLiteral("/v1/organization/costs"));
        spec.query.addQueryItem(QStringLiteral("start_time"), QString::number(monthStart));
        spec.query.addQueryItem(QStringLiteral("bucket_width"), QStringLiteral("1d"));
        spec.query.addQueryItem(QStringLiteral("limit"), QStringLiteral("31"));
        return spec;
    };
    return std::make_unique<CostReportQuery>(context, firstPage, QStringLiteral("amount.value"),
                                             1); // dollars
}

} // namespace qw
