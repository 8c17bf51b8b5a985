#include "adapters/providers/openaiadminadapter.h"

#include "adapters/providers/costreportquery.h"
#include "adapters/providers/providerhelpers.h"
#include "adapters/replyparsing.h"

#include <QJsonArray>
#include <QUrl>

namespace qw {

namespace {

tl::expected<Amount, CheckError> pageSpend(const QJsonObject &page)
{
    const QJsonValue data = page.value(QLatin1String("data"));
    if (!data.isArray())
        return tl::unexpected(reply::parseError(QStringLiteral("the field “data” is missing")));
    Amount total;
    const QJsonArray buckets = data.toArray();
    for (qsizetype b = 0; b < buckets.size(); ++b) {
        const QJsonArray results = buckets.at(b).toObject().value(QLatin1String("results")).toArray();
        for (qsizetype r = 0; r < results.size(); ++r) {
            const QString path = QStringLiteral("data[%1].results[%2].amount.value").arg(b).arg(r);
            auto value = reply::amountOf(reply::valueAt(results.at(r).toObject(), u"amount.value"), path);
            if (!value)
                return tl::unexpected(value.error());
            total = total + *value;
        }
    }
    return total;
}

} // namespace

QString OpenAiAdminAdapter::help() const
{
    return QStringLiteral(
        "Needs an organization Admin key (sk-admin-…) from platform.openai.com; an ordinary sk- key "
        "cannot read costs. Reports this month's spending, and what is left of monthly_budget when "
        "you set one.");
}

QList<OptionSpec> OpenAiAdminAdapter::ownOptions() const
{
    return {monthlyBudgetOption()};
}

std::unique_ptr<BalanceQuery> OpenAiAdminAdapter::begin(const AdapterContext &context) const
{
    const qint64 monthStart = startOfMonth(context.now).toSecsSinceEpoch();
    auto request = [context, monthStart](const QString &page) {
        HttpRequestSpec spec = bearerGet(context, QStringLiteral("/v1/organization/costs"));
        spec.query.addQueryItem(QStringLiteral("start_time"), QString::number(monthStart));
        spec.query.addQueryItem(QStringLiteral("bucket_width"), QStringLiteral("1d"));
        spec.query.addQueryItem(QStringLiteral("limit"), QStringLiteral("31"));
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
