#include "adapters/providers/newapiadapter.h"

#include "adapters/providers/newapiquota.h"
#include "adapters/providers/providerhelpers.h"
#include "adapters/replyparsing.h"

#include <QJsonDocument>
#include <QRegularExpression>

namespace qw {

namespace {

// The billing endpoints report an unlimited token with exactly this hard limit, in every display
// mode; a limited token in raw tokens can be larger, so only equality means unlimited.
const Amount kUnlimited = Amount::fromMicros(100'000'000LL * 1'000'000);
constexpr qint64 kCentsPerUnit = 100;

enum class Display
{
    Usd,
    Cny,
    Tokens
};

Display displayOf(const AdapterContext &context)
{
    const QString display = context.option(QStringLiteral("display"), QStringLiteral("USD"));
    if (display == QLatin1String("CNY"))
        return Display::Cny;
    if (display == QLatin1String("TOKENS"))
        return Display::Tokens;
    return Display::Usd;
}

QString unitOf(Display display)
{
    switch (display) {
    case Display::Cny:
        return QStringLiteral("CNY");
    case Display::Tokens:
        return QStringLiteral("tokens");
    case Display::Usd:
        break;
    }
    return QStringLiteral("USD");
}

std::optional<QJsonObject> bodyObject(const HttpReply &reply)
{
    const QJsonDocument document = QJsonDocument::fromJson(reply.body);
    if (!document.isObject())
        return std::nullopt;
    return document.object();
}

// The relay refused the token because its quota is used up. new-api says "该令牌额度已用尽
// TokenStatusExhausted[…]" (or "… RemainQuota = 0"), one-api "该令牌额度已用尽"; a bare
// "无效的令牌" (invalid token) is what a wrong key gets too, so it is not a marker.
bool saysExhausted(const HttpReply &reply)
{
    static const QRegularExpression marker(
        QStringLiteral("TokenStatusExhausted|额度已用尽|quota (?:is |has been )?exhausted"),
        QRegularExpression::CaseInsensitiveOption);
    const auto object = bodyObject(reply);
    return object && reply::providerMessage(*object).contains(marker);
}

class NewApiQuery final : public BalanceQuery
{
public:
    explicit NewApiQuery(AdapterContext context)
        : m_context(std::move(context))
        , m_display(displayOf(m_context))
    {}

    QueryStep next(const HttpReply *previous) override
    {
        switch (m_stage) {
        case Stage::Start:
            // /api/usage/token answers in raw quota, which converts to USD or tokens but not to
            // the relay's CNY rate: with CNY the billing endpoints, which apply it, are read.
            if (m_display == Display::Cny)
                return subscriptionRequest();
            m_stage = Stage::TokenUsage;
            return bearerGet(m_context, QStringLiteral("/api/usage/token"));
        case Stage::TokenUsage:
            return onTokenUsage(*previous);
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
        TokenUsage,
        Subscription,
        Usage
    };

    HttpRequestSpec subscriptionRequest()
    {
        m_stage = Stage::Subscription;
        return bearerGet(m_context, QStringLiteral("/v1/dashboard/billing/subscription"));
    }

    // An exhausted token: nothing left, which is a balance of 0 and a low-balance alert, not a
    // key that stopped working.
    BalanceReading exhausted() const
    {
        return singleBalance(ReadingKind::KeyLimit, Amount(), unitOf(m_display));
    }

    // A relay may answer HTTP 200 with {"error": {...}}: that is its refusal, not a reading.
    static std::optional<CheckError> errorInBody(const QJsonObject &json)
    {
        const QJsonValue error = json.value(QLatin1String("error"));
        if (!error.isObject() && !(error.isString() && !error.toString().isEmpty()))
            return std::nullopt;
        const QString said = reply::providerMessage(json);
        return CheckError{CheckStatus::ProviderError,
                          QStringLiteral("the relay answered with an error: %1")
                              .arg(said.isEmpty() ? QStringLiteral("no reason given") : said),
                          std::nullopt};
    }

    QueryStep onTokenUsage(const HttpReply &reply)
    {
        if (saysExhausted(reply))
            return exhausted();
        // Too many requests, or the relay itself failing, would fail the fallback too.
        if (reply.status == 429 || reply.status >= 500)
            return tl::unexpected(*reply::errorForStatus(reply));
        const bool ok = reply.status >= 200 && reply.status < 300;
        const auto json = ok ? bodyObject(reply) : std::nullopt;
        // Relays without the route answer 404 or 405, one-api serves its web page (HTML) for
        // it, and some answer {"success": false} for a token they look up differently: all of
        // them still have the billing endpoints, which also give the definitive word on a key
        // that does not work.
        if (!json || !json->value(QLatin1String("data")).isObject()) {
            if (json) {
                if (auto refused = errorInBody(*json))
                    return tl::unexpected(*refused);
            }
            return subscriptionRequest();
        }
        return tokenReading(*json);
    }

    CheckOutcome tokenReading(const QJsonObject &json) const
    {
        // Raw quota: quota_per_unit of it is 1 USD, whatever the relay's display setting.
        const auto convert = [this](Amount quota) {
            return m_display == Display::Tokens ? quota
                                                : reply::divide(quota, newapi::quotaPerUnit(m_context));
        };
        const QString unit = unitOf(m_display);
        auto used = reply::amountAt(json, u"data.total_used");
        if (!used)
            return tl::unexpected(used.error());
        const QJsonValue unlimited = reply::valueAt(json, u"data.unlimited_quota");
        if (!unlimited.isUndefined() && !unlimited.isNull() && !unlimited.isBool())
            return tl::unexpected(
                reply::parseError(QStringLiteral("the field “data.unlimited_quota” is not true or false")));
        BalanceReading reading;
        reading.unit = unit;
        reading.used = convert(*used);
        if (unlimited.toBool()) {
            reading.kind = ReadingKind::Spend;
            return reading;
        }
        auto available = reply::amountAt(json, u"data.total_available");
        if (!available)
            return tl::unexpected(available.error());
        auto granted = reply::optionalAmountAt(json, u"data.total_granted");
        if (!granted)
            return tl::unexpected(granted.error());
        reading.kind = ReadingKind::KeyLimit;
        reading.remaining = convert(*available);
        if (*granted)
            reading.limit = convert(**granted);
        reading.balances = {{*reading.remaining, unit}};
        return reading;
    }

    // A failed billing answer: an exhausted token is a reading of 0, a 200 with an error body a
    // provider_error, anything else what the status says.
    std::optional<CheckOutcome> billingFailure(const HttpReply &reply) const
    {
        if (saysExhausted(reply))
            return exhausted();
        if (auto error = reply::errorForStatus(reply))
            return tl::unexpected(*error);
        if (const auto json = bodyObject(reply)) {
            if (auto refused = errorInBody(*json))
                return tl::unexpected(*refused);
        }
        return std::nullopt;
    }

    QueryStep onSubscription(const HttpReply &reply)
    {
        if (auto failed = billingFailure(reply))
            return *failed;
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
        if (auto failed = billingFailure(reply))
            return *failed;
        auto json = reply::successfulJson(reply);
        if (!json)
            return tl::unexpected(json.error());
        // total_usage is the display amount times 100 in every display mode.
        auto usageCents = reply::amountAt(*json, u"total_usage");
        if (!usageCents)
            return tl::unexpected(usageCents.error());
        const Amount used = reply::divide(*usageCents, kCentsPerUnit);

        BalanceReading reading;
        reading.unit = unitOf(m_display);
        reading.used = used;
        if (m_hardLimit == kUnlimited) {
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
    Display m_display;
    Stage m_stage = Stage::Start;
    Amount m_hardLimit;
};

} // namespace

QString NewApiAdapter::help() const
{
    return QStringLiteral(QT_TRANSLATE_NOOP(
        "qw::Platforms",
        "A token (sk-…) created on a new-api or one-api relay; set the base URL to the relay's "
        "address. Reports the token's remaining quota from /api/usage/token, or from the "
        "dashboard billing endpoints on relays without it; an exhausted token shows 0. Set "
        "display to the relay's quota display unit when it is not USD."));
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
             {}},
            {QStringLiteral("display"),
             QStringLiteral(QT_TRANSLATE_NOOP("qw::Platforms", "Relay's display unit")),
             OptionSpec::Type::Choice,
             QStringLiteral("USD"),
             QStringLiteral(QT_TRANSLATE_NOOP(
                 "qw::Platforms",
                 "The unit the relay shows quota in (its quota display setting): USD, CNY (read from "
                 "the billing endpoints at the relay's exchange rate) or TOKENS (raw quota).")),
             false,
             {QStringLiteral("USD"), QStringLiteral("CNY"), QStringLiteral("TOKENS")}},
            newapi::quotaPerUnitOption()};
}

std::unique_ptr<BalanceQuery> NewApiAdapter::begin(const AdapterContext &context) const
{
    return std::make_unique<NewApiQuery>(context);
}

} // namespace qw
