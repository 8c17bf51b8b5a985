#include "adapters/providers/deepinfraadapter.h"

#include "adapters/providers/providerhelpers.h"
#include "adapters/replyparsing.h"

#include <QJsonArray>

namespace qw {

namespace {

const QString kUsd = QStringLiteral("USD");

// Two requests: the billing checklist (the balance, required) and this month's usage (a detail,
// optional: when it fails the balance still counts).
class DeepInfraQuery final : public BalanceQuery
{
public:
    explicit DeepInfraQuery(AdapterContext context)
        : m_context(std::move(context))
    {}

    QueryStep next(const HttpReply *previous) override
    {
        switch (m_stage) {
        case Stage::Start: {
            m_stage = Stage::Checklist;
            HttpRequestSpec request = bearerGet(m_context, QStringLiteral("/payment/checklist"));
            // Without it the checklist leaves out what is owed for compute not yet invoiced.
            request.query.addQueryItem(QStringLiteral("compute_owed"), QStringLiteral("true"));
            return request;
        }
        case Stage::Checklist:
            return onChecklist(*previous);
        case Stage::Usage:
            return onUsage(*previous);
        }
        return checkFailed(CheckStatus::ParseError, QStringLiteral("unexpected state"));
    }

private:
    enum class Stage
    {
        Start,
        Checklist,
        Usage
    };

    QueryStep onChecklist(const HttpReply &reply)
    {
        // 403 is a key that works but may not see billing; the generic words would say the key
        // is wrong.
        if (auto error = reply::errorForStatus(reply);
            error && error->status == CheckStatus::AuthError && reply.status == 403)
            return checkFailed(
                CheckStatus::AuthError,
                QStringLiteral("DeepInfra refused to show the billing (HTTP 403): this key may "
                               "not read the account's billing. Use an API key of the account "
                               "owner from deepinfra.com/dash/api_keys"));
        auto json = reply::successfulJson(reply);
        if (!json)
            return tl::unexpected(json.error());
        auto stripeBalance = reply::amountAt(*json, u"stripe_balance");
        if (!stripeBalance)
            return tl::unexpected(stripeBalance.error());
        const QJsonValue suspended = json->value(QLatin1String("suspended"));
        if (!suspended.isUndefined() && !suspended.isNull() && !suspended.isBool())
            return tl::unexpected(
                reply::parseError(QStringLiteral("the field “suspended” is not true or false")));
        if (suspended.toBool()) {
            // Every request of a suspended account fails whatever its balance, so this is the key
            // not working (a key_failing alert), with DeepInfra's reason, not a number.
            const QString reason =
                json->value(QLatin1String("suspend_reason")).toString().simplified().left(200);
            return checkFailed(
                CheckStatus::AuthError,
                reason.isEmpty()
                    ? QStringLiteral("DeepInfra has suspended the account; its keys cannot run "
                                     "models until that is resolved on deepinfra.com/dash/billing")
                    : QStringLiteral("DeepInfra has suspended the account (%1); its keys cannot run "
                                     "models until that is resolved on deepinfra.com/dash/billing")
                          .arg(reason));
        }
        auto limit = reply::optionalAmountAt(*json, u"limit");
        if (!limit)
            return tl::unexpected(limit.error());
        // A negative Stripe balance is money paid in advance; a positive one is owed, which
        // stays a negative remaining amount: the account is overdrawn, and an alert should say so.
        auto remaining = reply::negation(*stripeBalance);
        if (!remaining)
            return tl::unexpected(remaining.error());
        m_reading = singleBalance(ReadingKind::Balance, *remaining, kUsd);
        // Zero or less is how an account without a spending limit can read; only a positive
        // limit caps anything.
        if (*limit && (*limit)->micros() > 0)
            m_limit = **limit;
        m_stage = Stage::Usage;
        HttpRequestSpec request = bearerGet(m_context, QStringLiteral("/payment/usage"));
        request.query.addQueryItem(QStringLiteral("from"), QStringLiteral("current"));
        return request;
    }

    QueryStep onUsage(const HttpReply &reply)
    {
        // The month's spend is a detail: any failure here leaves the balance as it is.
        if (auto spend = monthSpend(reply)) {
            ReadingDetail detail;
            detail.name = QStringLiteral("month_spend");
            detail.used = *spend;
            detail.unit = kUsd;
            detail.resetsAt = startOfNextMonth(m_context.now);
            if (m_limit) {
                detail.limit = *m_limit;
                if (auto left = reply::difference(*m_limit, *spend))
                    detail.remaining = *left;
            }
            m_reading.details.push_back(std::move(detail));
        }
        return m_reading;
    }

    // The sum of months[].total_cost (cents) in USD; nullopt when the answer does not say it.
    static std::optional<Amount> monthSpend(const HttpReply &reply)
    {
        auto json = reply::successfulJson(reply);
        if (!json)
            return std::nullopt;
        const QJsonValue months = json->value(QLatin1String("months"));
        if (!months.isArray())
            return std::nullopt;
        Amount cents;
        const QJsonArray entries = months.toArray();
        for (qsizetype i = 0; i < entries.size(); ++i) {
            auto cost = reply::amountOf(entries.at(i).toObject().value(QLatin1String("total_cost")),
                                        QStringLiteral("months[%1].total_cost").arg(i));
            if (!cost)
                return std::nullopt;
            auto total = reply::sum(cents, *cost);
            if (!total)
                return std::nullopt;
            cents = *total;
        }
        return reply::divide(cents, 100);
    }

    AdapterContext m_context;
    Stage m_stage = Stage::Start;
    BalanceReading m_reading;
    std::optional<Amount> m_limit;
};

} // namespace

QString DeepInfraAdapter::help() const
{
    return QStringLiteral(QT_TRANSLATE_NOOP(
        "qw::Platforms",
        "A DeepInfra API key of the account owner. Reports the prepaid money left in USD (negative when "
        "the account owes money) and this month's spend; a suspended account is reported as a failing "
        "key with DeepInfra's reason."));
}

std::unique_ptr<BalanceQuery> DeepInfraAdapter::begin(const AdapterContext &context) const
{
    return std::make_unique<DeepInfraQuery>(context);
}

} // namespace qw
