#include "adapters/providers/anthropicadminadapter.h"

#include "adapters/providers/costreportquery.h"
#include "adapters/providers/providerhelpers.h"
#include "adapters/replyparsing.h"

#include <QJsonArray>
#include <QUrl>

namespace qw {

namespace {

constexpr qint64 kCentsPerUsd = 100;

tl::expected<Amount, CheckError> pageSpend(const QJsonObject &page)
{
    const QJsonValue data = page.value(QLatin1String("data"));
    if (!data.isArray())
        return tl::unexpected(reply::parseError(QStringLiteral("the field “data” is missing")));
    Amount cents;
    const QJsonArray buckets = data.toArray();
    for (qsizetype b = 0; b < buckets.size(); ++b) {
        const QJsonArray results = buckets.at(b).toObject().value(QLatin1String("results")).toArray();
        for (qsizetype r = 0; r < results.size(); ++r) {
            // Decimal strings in cents.
            const QString path = QStringLiteral("data[%1].results[%2].amount").arg(b).arg(r);
            auto value = reply::amountOf(results.at(r).toObject().value(QLatin1String("amount")), path);
            if (!value)
                return tl::unexpected(value.error());
            cents = cents + *value;
        }
    }
    return reply::divide(cents, kCentsPerUsd);
}

} // namespace

QString AnthropicAdminAdapter::help() const
{
    return QStringLiteral(
        "Needs an Admin key (sk-ant-admin…) from the Anthropic Console; an ordinary API key cannot "
        "read costs. Reports this month's spending, and what is left of monthly_budget when you "
        "set one.");
}

QList<OptionSpec> AnthropicAdminAdapter::ownOptions() const
{
    return {monthlyBudgetOption()};
}

std::unique_ptr<BalanceQuery> AnthropicAdminAdapter::begin(const AdapterContext &context) const
{
    const QString monthStart = startOfMonth(context.now).toString(Qt::ISODate);
    auto request = [context, monthStart](const QString &page) {
        HttpRequestSpec spec = headerGet(context, QStringLiteral("/v1/organizations/cost_report"),
                                         QByteArrayLiteral("x-api-key"));
        spec.headers.append({QByteArrayLiteral("anthropic-version"), QByteArrayLiteral("2023-06-01")});
        spec.query.addQueryItem(QStringLiteral("starting_at"), monthStart);
        spec.query.addQueryItem(QStringLiteral("bucket_width"), QStringLiteral("1d"));
        // Tokens are opaque (often base64): QUrlQuery would send a '+' as is, which the server
        // reads as a space, so the token goes fully percent-encoded.
        if (!page.isEmpty())
            spec.query.addQueryItem(QStringLiteral("page"),
                                    QString::fromLatin1(QUrl::toPercentEncoding(page)));
        return spec;
    };
    return std::make_unique<CostReportQuery>(context, request, pageSpend);
}

} // namespace qw
