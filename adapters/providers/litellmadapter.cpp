#include "adapters/providers/litellmadapter.h"

#include "adapters/providers/providerhelpers.h"
#include "adapters/replyparsing.h"

#include <QRegularExpression>

namespace qw {

namespace {

const QString kUsd = QStringLiteral("USD");

// The proxy keeps its times in UTC; one written without an offset is UTC too, not the local time
// of the machine that reads it.
QDateTime utcTime(const QJsonValue &value)
{
    const QString text = value.toString();
    if (text.isEmpty())
        return {};
    QDateTime when = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (when.isValid() && when.timeSpec() == Qt::LocalTime)
        when = QDateTime(when.date(), when.time(), Qt::UTC);
    return when.isValid() ? when.toUTC() : QDateTime();
}

// A budget and what has been spent of it, as one detail of the reading.
struct Budget
{
    QString name; // key_budget, team_budget, user_budget
    Amount spend;
    std::optional<Amount> limit;
    QDateTime resetsAt;
};

class LiteLlmQuery final : public BalanceQuery
{
public:
    explicit LiteLlmQuery(AdapterContext context)
        : m_context(std::move(context))
    {}

    QueryStep next(const HttpReply *previous) override
    {
        switch (m_stage) {
        case Stage::Start:
            m_stage = Stage::KeyInfo;
            return bearerGet(m_context, QStringLiteral("/key/info"));
        case Stage::KeyInfo:
            return onKeyInfo(*previous);
        case Stage::PeriodSpend:
            return onPeriodSpend(*previous);
        case Stage::OwnerInfo:
            return onOwnerInfo(*previous);
        }
        return checkFailed(CheckStatus::ParseError, QStringLiteral("unexpected state"));
    }

private:
    enum class Stage
    {
        Start,
        KeyInfo,
        PeriodSpend,
        OwnerInfo
    };

    QueryStep onKeyInfo(const HttpReply &reply)
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
        m_key = Budget{QStringLiteral("key_budget"), *spend, *maxBudget,
                       utcTime(reply::valueAt(*json, u"info.budget_reset_at"))};
        m_teamId = reply::valueAt(*json, u"info.team_id").toString();
        m_userId = reply::valueAt(*json, u"info.user_id").toString();

        if (!m_key.limit) {
            if (const auto monthly = monthlyBudget(m_context)) {
                // The key's spend is reset each budget period only when it has a
                // budget_duration; otherwise it is all-time spend, and this month's must be
                // asked for, or the monthly budget would count every month before it.
                if (!reply::valueAt(*json, u"info.budget_duration").toString().isEmpty()) {
                    m_key.limit = *monthly;
                } else {
                    // /key/info names the key by its hash, which the activity report filters by;
                    // the key itself never goes in a query.
                    static const QRegularExpression sha256(QStringLiteral("^[0-9a-f]{64}$"));
                    const QString hashed = json->value(QLatin1String("key")).toString();
                    if (hashed.contains(sha256))
                        return periodSpendRequest(hashed, *monthly);
                    m_periodUnknown = true;
                }
            }
        }
        return ownerOrFinish();
    }

    HttpRequestSpec periodSpendRequest(const QString &hashedKey, Amount monthly)
    {
        m_monthly = monthly;
        m_stage = Stage::PeriodSpend;
        HttpRequestSpec request = bearerGet(m_context, QStringLiteral("/user/daily/activity"));
        const QDate today = m_context.now.toUTC().date();
        request.query.addQueryItem(QStringLiteral("start_date"),
                                   startOfMonth(m_context.now).date().toString(Qt::ISODate));
        request.query.addQueryItem(QStringLiteral("end_date"), today.toString(Qt::ISODate));
        request.query.addQueryItem(QStringLiteral("api_key"), hashedKey);
        // The proxy asks callers that are not admins for their own user id.
        if (!m_userId.isEmpty())
            request.query.addQueryItem(QStringLiteral("user_id"), m_userId);
        request.query.addQueryItem(QStringLiteral("page_size"), QStringLiteral("1000"));
        return request;
    }

    QueryStep onPeriodSpend(const HttpReply &reply)
    {
        if (reply.status == 401 || reply.status == 403 || reply.status == 404) {
            // Proxies that do not let the key read its activity: this month's spend is unknown.
            m_periodUnknown = true;
            return ownerOrFinish();
        }
        auto json = reply::successfulJson(reply);
        if (!json)
            return tl::unexpected(json.error());
        if (reply::valueAt(*json, u"metadata.has_more").toBool()) {
            m_periodUnknown = true;
            return ownerOrFinish();
        }
        auto total = reply::amountAt(*json, u"metadata.total_spend");
        if (!total)
            return tl::unexpected(total.error());
        m_key.spend = *total;
        m_key.limit = m_monthly;
        m_key.resetsAt = startOfNextMonth(m_context.now);
        return ownerOrFinish();
    }

    // A key of a team is held to the team's budget (and not to its owner's); a key of a user
    // alone, to the user's.
    QueryStep ownerOrFinish()
    {
        if (m_teamId.isEmpty() && m_userId.isEmpty())
            return finish();
        m_stage = Stage::OwnerInfo;
        const bool team = !m_teamId.isEmpty();
        HttpRequestSpec request =
            bearerGet(m_context, team ? QStringLiteral("/team/info") : QStringLiteral("/user/info"));
        request.query.addQueryItem(team ? QStringLiteral("team_id") : QStringLiteral("user_id"),
                                   team ? m_teamId : m_userId);
        return request;
    }

    QueryStep onOwnerInfo(const HttpReply &reply)
    {
        // Proxies that do not show a key its team or user: the key's own budget is all there is.
        if (reply.status == 401 || reply.status == 403 || reply.status == 404)
            return finish();
        auto json = reply::successfulJson(reply);
        if (!json)
            return tl::unexpected(json.error());
        const bool team = !m_teamId.isEmpty();
        const QString prefix = team ? QStringLiteral("team_info.") : QStringLiteral("user_info.");
        if (!json->value(prefix.chopped(1)).isObject())
            return tl::unexpected(
                reply::parseError(QStringLiteral("the field “%1” is missing").arg(prefix.chopped(1))));
        auto spend = reply::optionalAmountAt(*json, QString(prefix + QStringLiteral("spend")));
        if (!spend)
            return tl::unexpected(spend.error());
        auto limit = reply::optionalAmountAt(*json, QString(prefix + QStringLiteral("max_budget")));
        if (!limit)
            return tl::unexpected(limit.error());
        if (*limit)
            m_owner =
                Budget{team ? QStringLiteral("team_budget") : QStringLiteral("user_budget"),
                       spend->value_or(Amount()), *limit,
                       utcTime(reply::valueAt(*json, QString(prefix + QStringLiteral("budget_reset_at"))))};
        return finish();
    }

    // The headline is the budget with the least left, so an exhausted team or user budget shows
    // as nothing left (and a low-balance alert) even while the key's own budget has room; every
    // budget stays a detail.
    CheckOutcome finish() const
    {
        std::vector<Budget> budgets{m_key};
        if (m_owner)
            budgets.push_back(*m_owner);
        BalanceReading reading;
        reading.unit = kUsd;
        std::optional<Amount> tightest;
        for (const Budget &budget : budgets) {
            ReadingDetail detail;
            detail.name = budget.name;
            detail.used = budget.spend;
            detail.limit = budget.limit;
            detail.unit = kUsd;
            detail.resetsAt = budget.resetsAt;
            if (budget.limit) {
                auto left = reply::difference(*budget.limit, budget.spend);
                if (!left)
                    return tl::unexpected(left.error());
                detail.remaining = *left;
                if (!tightest || *left < *tightest) {
                    tightest = *left;
                    reading.kind = ReadingKind::KeyLimit;
                    reading.remaining = *left;
                    reading.limit = budget.limit;
                    reading.used = budget.spend;
                    reading.resetsAt = budget.resetsAt;
                }
            }
            reading.details.push_back(detail);
        }
        if (!tightest) {
            // No budget anywhere (or this month's spend unknown): only what the key spent.
            reading.kind = ReadingKind::Spend;
            reading.used = m_key.spend;
            reading.resetsAt = m_periodUnknown ? QDateTime() : m_key.resetsAt;
            reading.details.clear();
            return reading;
        }
        reading.balances = {{*reading.remaining, kUsd}};
        if (budgets.size() == 1)
            reading.details.clear(); // the headline says it all
        return reading;
    }

    AdapterContext m_context;
    Stage m_stage = Stage::Start;
    Budget m_key;
    std::optional<Budget> m_owner;
    QString m_teamId;
    QString m_userId;
    Amount m_monthly;
    bool m_periodUnknown = false;
};

} // namespace

QString LiteLlmAdapter::help() const
{
    return QStringLiteral(QT_TRANSLATE_NOOP(
        "qw::Platforms",
        "A virtual key (sk-…) of a LiteLLM proxy; set the base URL to the proxy. Reports the key's "
        "max_budget minus its spend, or this month's spend against monthly_budget, or only the "
        "spend; when the key belongs to a team (or a user) with a budget, the tighter of the "
        "budgets is shown."));
}

QList<OptionSpec> LiteLlmAdapter::ownOptions() const
{
    return {monthlyBudgetOption()};
}

std::unique_ptr<BalanceQuery> LiteLlmAdapter::begin(const AdapterContext &context) const
{
    return std::make_unique<LiteLlmQuery>(context);
}

} // namespace qw
