#include "adapters/providers/newapiadapter.h"

#include "adapters/providers/providerhelpers.h"
#include "adapters/replyparsing.h"

namespace qw {

namespace {

// new-api reports an unlimited token with this hard limit.
const Amount kUnlimited = Amount::fromMicros(100'000'000LL * 1'000'000);
constexpr qint64 kCentsPerUnit = 100;

class NewApiQuery final : public BalanceQuery
{
public:
    explicit NewApiQuery(AdapterContext context)
        : m_context(std::move(context))
    {}

    QueryStep next(const HttpReply *previous) override
    {
        switch (m_stage) {
        case Stage::Start:
            m_stage = Stage::Subscription;
            return bearerGet(m_context, QStringLiteral("/v1/dashboard/billing/subscription"));
        case Stage::Subscription:
            return onSubscription(*previous);
        case Stage::Usage:
            return onUsage(*previous);
        }
        return checkFailed(CheckStatus::ParseError, QStringLiteral("unexpected state"));
    }

private:
    enum class Stage
    {
        Start,
        Subscription,
        Usage
    };

    QueryStep onSubscription(const HttpReply &reply)
    {
        auto json = reply::successfulJson(reply);
        if (!json)
            return tl::unexpected(json.error());
        auto hardLimit = reply::amountAt(*json, u"hard_limit_usd");
        if (!hardLimit)
            return tl::unexpected(hardLimit.error());
        m_hardLimit = *hardLimit;
        m_stage = Stage::Usage;
        HttpRequestSpec usage = bearerGet(m_context, QStringLiteral("/v1/dashboard/billing/usage"));
        // Relays ignore the dates for token usage, but some refuse a request without them.
        const QDate today = m_context.now.toUTC().date();
        usage.query.addQueryItem(QStringLiteral("start_date"), QStringLiteral("2023-01-01"));
        usage.query.addQueryItem(QStringLiteral("end_date"), today.addDays(1).toString(Qt::ISODate));
        return usage;
    }

    QueryStep onUsage(const HttpReply &reply)
    {
        auto json = reply::successfulJson(reply);
        if (!json)
            return tl::unexpected(json.error());
        auto usageCents = reply::amountAt(*json, u"total_usage");
        if (!usageCents)
            return tl::unexpected(usageCents.error());
        const Amount used = reply::divide(*usageCents, kCentsPerUnit);

        BalanceReading reading;
        reading.unit = QStringLiteral("USD");
        reading.used = used;
        if (m_hardLimit >= kUnlimited) {
            // Old one-api builds report an unlimited token the same way, so this comes first.
            reading.kind = ReadingKind::Spend;
            return reading;
        }
        if (m_context.option(QStringLiteral("legacy_remaining")) == QLatin1String("true")) {
            // Old one-api builds put what is left, not the limit, in hard_limit_usd.
            reading.kind = ReadingKind::KeyLimit;
            reading.remaining = m_hardLimit;
        } else {
            reading.kind = ReadingKind::KeyLimit;
            reading.limit = m_hardLimit;
            auto left = reply::difference(m_hardLimit, used);
            if (!left)
                return tl::unexpected(left.error());
            reading.remaining = *left;
        }
        reading.balances = {{*reading.remaining, reading.unit}};
        return reading;
    }

    AdapterContext m_context;
    Stage m_stage = Stage::Start;
    Amount m_hardLimit;
};

} // namespace

QString NewApiAdapter::help() const
{
    return QStringLiteral(QT_TRANSLATE_NOOP(
        "qw::Platforms",
        "A token (sk-…) created on a new-api or one-api relay; set the base URL to the relay's "
        "address. Reports the token's remaining quota in the site's display unit (USD)."));
}

QList<OptionSpec> NewApiAdapter::ownOptions() const
{
    return {{QStringLiteral("legacy_remaining"),
             QStringLiteral(QT_TRANSLATE_NOOP("qw::Platforms", "Old one-api balance field")),
             OptionSpec::Type::Boolean,
             QStringLiteral("false"),
             QStringLiteral(QT_TRANSLATE_NOOP(
                 "qw::Platforms",
                 "Set to true for old one-api builds that report the remaining amount in hard_limit_usd.")),
             false,
             {}}};
}

std::unique_ptr<BalanceQuery> NewApiAdapter::begin(const AdapterContext &context) const
{
    return std::make_unique<NewApiQuery>(context);
}

} // namespace qw
