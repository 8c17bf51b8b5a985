#include "adapters/providers/litellmadapter.h"

#include "adapters/providers/providerhelpers.h"
#include "adapters/replyparsing.h"

namespace qw {

QString LiteLlmAdapter::help() const
{
    return QStringLiteral(QT_TRANSLATE_NOOP(
        "qw::Platforms",
        "A virtual key (sk-…) of a LiteLLM proxy; set the base URL to the proxy. Reports the key's "
        "max_budget minus its spend, or the spend against monthly_budget, or only the spend."));
}

QList<OptionSpec> LiteLlmAdapter::ownOptions() const
{
    return {monthlyBudgetOption()};
}

HttpRequestSpec LiteLlmAdapter::request(const AdapterContext &context) const
{
    return bearerGet(context, QStringLiteral("/key/info"));
}

CheckOutcome LiteLlmAdapter::parse(const HttpReply &reply, const AdapterContext &context) const
{
    auto json = reply::successfulJson(reply);
    if (!json)
        return tl::unexpected(json.error());
    auto spend = reply::amountAt(*json, u"info.spend");
    if (!spend)
        return tl::unexpected(spend.error());
    auto maxBudget = reply::optionalAmountAt(*json, u"info.max_budget");
    if (!maxBudget)
        return tl::unexpected(maxBudget.error());
    const std::optional<Amount> budget = *maxBudget ? *maxBudget : monthlyBudget(context);
    auto outcome = spendAgainstBudget(*spend, budget, QStringLiteral("USD"));
    if (!outcome)
        return outcome;
    BalanceReading &reading = *outcome;
    const QString reset = reply::valueAt(*json, u"info.budget_reset_at").toString();
    if (!reset.isEmpty()) {
        QDateTime when = QDateTime::fromString(reset, Qt::ISODateWithMs);
        // The proxy keeps its times in UTC; one written without an offset is UTC too, not the
        // local time of the machine that reads it.
        if (when.isValid() && when.timeSpec() == Qt::LocalTime)
            when = QDateTime(when.date(), when.time(), Qt::UTC);
        reading.resetsAt = when.toUTC();
    }
    return outcome;
}

} // namespace qw
