#include "adapters/providers/openrouteradapter.h"

#include "adapters/providers/providerhelpers.h"
#include "adapters/replyparsing.h"

namespace qw {

namespace {

class OpenRouterQuery final : public BalanceQuery
{
public:
    explicit OpenRouterQuery(AdapterContext context)
        : m_context(std::move(context))
    {}

    QueryStep next(const HttpReply *previous) override
    {
        switch (m_stage) {
        case Stage::Start:
            m_stage = Stage::Key;
            return bearerGet(m_context, QStringLiteral("/api/v1/key"));
        case Stage::Key:
            return onKey(*previous);
        case Stage::Credits:
            return onCredits(*previous);
        }
        return checkFailed(CheckStatus::ParseError, QStringLiteral("unexpected state"));
    }

private:
    enum class Stage
    {
        Start,
        Key,
        Credits
    };

    QueryStep onKey(const HttpReply &reply)
    {
        auto json = reply::successfulJson(reply);
        if (!json)
            return tl::unexpected(json.error());
        if (!json->value(QLatin1String("data")).isObject())
            return tl::unexpected(reply::parseError(QStringLiteral("the field “data” is missing")));
        // Full paths, so that an error names the field as the provider's documentation does.
        auto usage = reply::amountAt(*json, u"data.usage");
        if (!usage)
            return tl::unexpected(usage.error());
        m_usage = *usage;
        auto limit = reply::optionalAmountAt(*json, u"data.limit");
        if (!limit)
            return tl::unexpected(limit.error());
        if (!*limit) {
            // No cap on the key: the account's credits are the real balance.
            m_stage = Stage::Credits;
            return bearerGet(m_context, QStringLiteral("/api/v1/credits"));
        }
        auto remaining = reply::optionalAmountAt(*json, u"data.limit_remaining");
        if (!remaining)
            return tl::unexpected(remaining.error());
        BalanceReading reading;
        reading.kind = ReadingKind::KeyLimit;
        reading.limit = **limit;
        reading.used = m_usage;
        if (*remaining) {
            reading.remaining = **remaining;
        } else {
            auto left = reply::difference(**limit, m_usage);
            if (!left)
                return tl::unexpected(left.error());
            reading.remaining = *left;
        }
        reading.unit = QStringLiteral("USD");
        reading.balances = {{*reading.remaining, reading.unit}};
        return reading;
    }

    QueryStep onCredits(const HttpReply &reply)
    {
        BalanceReading reading;
        reading.unit = QStringLiteral("USD");
        if (reply.status == 401 || reply.status == 403) {
            // Only management keys may read the account's credits: report what this key spent.
            reading.kind = ReadingKind::Spend;
            reading.used = m_usage;
            return reading;
        }
        auto json = reply::successfulJson(reply);
        if (!json)
            return tl::unexpected(json.error());
        auto total = reply::amountAt(*json, u"data.total_credits");
        if (!total)
            return tl::unexpected(total.error());
        auto used = reply::amountAt(*json, u"data.total_usage");
        if (!used)
            return tl::unexpected(used.error());
        reading.kind = ReadingKind::Balance;
        reading.limit = *total;
        reading.used = *used;
        auto left = reply::difference(*total, *used);
        if (!left)
            return tl::unexpected(left.error());
        reading.remaining = *left;
        reading.balances = {{*reading.remaining, reading.unit}};
        return reading;
    }

    AdapterContext m_context;
    Stage m_stage = Stage::Start;
    Amount m_usage;
};

} // namespace

QString OpenRouterAdapter::help() const
{
    return QStringLiteral(QT_TRANSLATE_NOOP(
        "qw::Platforms",
        "Any OpenRouter API key (sk-or-v1-…). A key with a credit limit reports what is left of "
        "it; for a key without a limit, a management key shows the account's credits, and an "
        "ordinary key shows only what it has spent."));
}

std::unique_ptr<BalanceQuery> OpenRouterAdapter::begin(const AdapterContext &context) const
{
    return std::make_unique<OpenRouterQuery>(context);
}

} // namespace qw
