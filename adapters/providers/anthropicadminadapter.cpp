#include "adapters/providers/anthropicadminadapter.h"

#include "adapters/providers/costreportquery.h"
#include "adapters/providers/providerhelpers.h"

namespace qw {

namespace {

// The cost report gives amounts as decimal strings in cents.
constexpr qint64 kCentsPerUsd = 100;

} // namespace

QString AnthropicAdminAdapter::help() const
{
    return QStringLiteral(QT_TRANSLATE_NOOP(
        "qw::Platforms",
        "Needs an Admin key (sk-ant-admin…) from the Anthropic Console; an ordinary API key cannot "
        "read costs. Reports this month's spending, and what is left of monthly_budget when you "
        "set one."));
}

QList<OptionSpec> AnthropicAdminAdapter::ownOptions() const
{
    return {monthlyBudgetOption()};
}

std::unique_ptr<BalanceQuery> AnthropicAdminAdapter::begin(const AdapterContext &context) const
{
    const QString monthStart = startOfMonth(context.now).toString(Qt::ISODate);
    auto firstPage = [context, monthStart] {
        HttpRequestSpec spec = headerGet(context, QStringLiteral("/v1/organizations/cost_report"),
                                         QByteArrayLiteral("x-api-key"));
        spec.headers.append({QByteArrayLiteral("anthropic-version"), QByteArrayLiteral("2023-06-01")});
        spec.query.addQueryItem(QStringLiteral("starting_at"), monthStart);
        spec.query.addQueryItem(QStringLiteral("bucket_width"), QStringLiteral("1d"));
        // The report sends 7 daily buckets a page unless asked for more; 31 (its maximum) holds a
        // whole month in one page instead of five.
        spec.query.addQueryItem(QStringLiteral("limit"), QStringLiteral("31"));
        return spec;
    };
    return std::make_unique<CostReportQuery>(context, firstPage, QStringLiteral("amount"), kCentsPerUsd);
}

} // namespace qw
