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
            // No cap on the key. Only a management key may read the account's credits; an
            // ordinary one gets a 403, or a 200 with zero credits on a funded account, so it is
            // not even asked. "Provisioning key" is the older name of a management key.
            const QJsonObject data = json->value(QLatin1String("data")).toObject();
            if (data.value(QLatin1String("is_management_key")).toBool() ||
                data.value(QLatin1String("is_provisioning_key")).toBool()) {
                m_stage = Stage::Credits;
                return bearerGet(m_context, QStringLiteral("/api/v1/credits"));
            }
            return keySpend();
        }
        return cappedKey(*json, **limit);
    }

    // What is left of a key's cap. The cap of a key with limit_reset refills every day, week or
    // month, so without limit_remaining it is the usage of that period, not the all-time usage,
    // that is taken from it.
    CheckOutcome cappedKey(const QJsonObject &json, Amount limit) const
    {
        auto remaining = reply::optionalAmountAt(json, u"data.limit_remaining");
        if (!remaining)
            return tl::unexpected(remaining.error());
        const QJsonValue resetValue = reply::valueAt(json, u"data.limit_reset");
        const QString reset = resetValue.toString();
        if (!resetValue.isNull() && !resetValue.isUndefined() && !resetValue.isString())
            return tl::unexpected(
                reply::parseError(QStringLiteral("the field “data.limit_reset” is not text")));

        BalanceReading reading;
        reading.kind = ReadingKind::KeyLimit;
        reading.limit = limit;
        reading.used = m_usage;
        reading.unit = QStringLiteral("USD");
        if (!reset.isEmpty()) {
            const QString usagePath = QStringLiteral("data.usage_") + reset;
            const QDateTime nextReset = nextResetAfter(reset, m_context.now);
            if (!nextReset.isValid()) {
                if (!*remaining)
                    return tl::unexpected(reply::parseError(
                        QStringLiteral("the key's limit resets “%1”, a period QuotaWatch does not know")
                            .arg(reset.left(40))));
            } else {
                reading.resetsAt = nextReset;
                // Needed only to work out what is left; beside limit_remaining it is what the
                // period has used so far, when the answer has it.
                auto periodUsage = reply::optionalAmountAt(json, usagePath);
                if (!periodUsage)
                    return tl::unexpected(periodUsage.error());
                if (*periodUsage)
                    reading.used = **periodUsage;
                else if (!*remaining)
                    return tl::unexpected(
                        reply::parseError(QStringLiteral("the field “%1” is missing").arg(usagePath)));
            }
        }
        if (*remaining) {
            reading.remaining = **remaining;
        } else {
            auto left = reply::difference(limit, *reading.used);
            if (!left)
                return tl::unexpected(left.error());
            reading.remaining = *left;
        }
        reading.balances = {{*reading.remaining, reading.unit}};
        return reading;
    }

    // OpenRouter resets a key's limit at midnight UTC; its weeks run Monday to Sunday.
    static QDateTime nextResetAfter(const QString &reset, const QDateTime &now)
    {
        const QDate today = now.toUTC().date();
        if (reset == QLatin1String("daily"))
            return QDateTime(today.addDays(1), QTime(0, 0), Qt::UTC);
        if (reset == QLatin1String("weekly"))
            return QDateTime(today.addDays(8 - today.dayOfWeek()), QTime(0, 0), Qt::UTC);
        if (reset == QLatin1String("monthly"))
            return startOfNextMonth(now);
        return {};
    }

    // All that an uncapped key can tell about itself: what it has spent.
    CheckOutcome keySpend() const
    {
        BalanceReading reading;
        reading.unit = QStringLiteral("USD");
        reading.kind = ReadingKind::Spend;
        reading.used = m_usage;
        return reading;
    }

    QueryStep onCredits(const HttpReply &reply)
    {
        // A key that calls itself a management key yet is refused: still report its spending.
        if (reply.status == 401 || reply.status == 403)
            return keySpend();
        auto json = reply::successfulJson(reply);
        if (!json)
            return tl::unexpected(json.error());
        auto total = reply::amountAt(*json, u"data.total_credits");
        if (!total)
            return tl::unexpected(total.error());
        auto used = reply::amountAt(*json, u"data.total_usage");
        if (!used)
            return tl::unexpected(used.error());
        // Zero credits and zero usage while this very key has spent money is an account
        // OpenRouter did not count for this key, not an empty one: a balance of 0 would raise a
        // false "exhausted" alert, so only the key's spending is known.
        if (total->micros() == 0 && used->micros() == 0 && m_usage.micros() != 0)
            return keySpend();
        BalanceReading reading;
        reading.unit = QStringLiteral("USD");
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
        "it in the current day, week or month when the limit resets; for a key without a limit, "
        "a management key shows the account's credits, and an ordinary key shows only what it "
        "has spent."));
}

std::unique_ptr<BalanceQuery> OpenRouterAdapter::begin(const AdapterContext &context) const
{
    return std::make_unique<OpenRouterQuery>(context);
}

} // namespace qw
