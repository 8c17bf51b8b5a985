#include "adapters/providers/minimaxcodingadapter.h"

#include "adapters/providers/providerhelpers.h"
#include "adapters/replyparsing.h"
#include "adapters/usagewindows.h"

#include <QJsonArray>

namespace qw {

namespace {

const QString kCodingPlanPath = QStringLiteral("/v1/api/openplatform/coding_plan/remains");
const QString kTokenPlanPath = QStringLiteral("/v1/token_plan/remains");

// now + a number of milliseconds (remains_time); invalid when missing or longer than a year.
QDateTime afterMs(const QDateTime &now, const QJsonValue &value)
{
    constexpr qint64 kYearMs = 366LL * 24 * 3600 * 1000;
    const std::optional<qint64> ms = reply::millisecondsOf(value);
    if (!ms || *ms > kYearMs || !now.isValid())
        return {};
    return now.addMSecs(*ms).toUTC();
}

// A percentage sent as a number or a string, with or without a trailing "%".
tl::expected<std::optional<Amount>, CheckError> percentAt(const QJsonObject &model, const QString &field,
                                                          const QString &where)
{
    QJsonValue value = model.value(field);
    if (value.isUndefined() || value.isNull())
        return std::optional<Amount>();
    if (value.isString()) {
        QString text = value.toString().trimmed();
        if (text.endsWith(u'%'))
            text.chop(1);
        value = text;
    }
    auto amount = reply::amountOf(value, QString(where + u'.' + field));
    if (!amount)
        return tl::unexpected(amount.error());
    return std::optional<Amount>(*amount);
}

struct WindowFields
{
    QString prefix;    // current_interval or current_weekly
    QString startTime; // start_time or weekly_start_time
    QString endTime;
    QString remainsTime;
    QString fallbackName;
};

// One window of the model, nullopt when the plan has no cap there (status 3) or says nothing of
// it. `*_usage_count` is what is LEFT, despite its name; `*_remaining_percent` too.
tl::expected<std::optional<ReadingDetail>, CheckError>
windowOf(const QJsonObject &model, const WindowFields &fields, const QString &where, const QDateTime &now)
{
    constexpr int kNoCap = 3;
    if (model.value(fields.prefix + QStringLiteral("_status")).toInt() == kNoCap)
        return std::optional<ReadingDetail>();
    auto total = reply::optionalFieldOf(model, fields.prefix + QStringLiteral("_total_count"), where);
    if (!total)
        return tl::unexpected(total.error());
    auto left = reply::optionalFieldOf(model, fields.prefix + QStringLiteral("_usage_count"), where);
    if (!left)
        return tl::unexpected(left.error());
    auto percentLeft = percentAt(model, fields.prefix + QStringLiteral("_remaining_percent"), where);
    if (!percentLeft)
        return tl::unexpected(percentLeft.error());

    const QDateTime start = reply::timeFromEpochMs(model.value(fields.startTime));
    QDateTime end = reply::timeFromEpochMs(model.value(fields.endTime));
    QString name = fields.fallbackName;
    if (start.isValid() && end.isValid() && end > start)
        name = windows::nameForDuration(start.secsTo(end));
    if (!end.isValid())
        end = afterMs(now, model.value(fields.remainsTime));

    // Token Plan answers send a total of 0 and only the percentage.
    if (*total && (*total)->micros() > 0 && *left)
        return windows::countedWindow(name, QStringLiteral("requests"), **total, std::nullopt, **left, end,
                                      where)
            .map([](ReadingDetail window) { return std::optional<ReadingDetail>(std::move(window)); });
    if (*percentLeft) {
        const Amount hundred = Amount::fromMicros(100'000'000);
        const Amount clamped = std::clamp(**percentLeft, Amount(), hundred);
        return std::optional<ReadingDetail>(
            windows::percentWindow(name, Amount::fromMicros(hundred.micros() - clamped.micros()), end));
    }
    return std::optional<ReadingDetail>();
}

// The model whose windows limit the plan: `general` (the text models); answers from before the
// Token Plan name the model itself, and hold one entry.
std::optional<qsizetype> modelIndex(const QJsonArray &models)
{
    for (qsizetype i = 0; i < models.size(); ++i) {
        if (models.at(i).toObject().value(QLatin1String("model_name")).toString() == QLatin1String("general"))
            return i;
    }
    if (!models.isEmpty() && models.at(0).isObject())
        return 0;
    return std::nullopt;
}

CheckOutcome parseRemains(const HttpReply &reply, const QDateTime &now)
{
    auto json = reply::successfulJson(reply);
    if (!json)
        return tl::unexpected(json.error());
    // Token Plan answers may wrap everything in `data`.
    QJsonObject root = *json;
    QString prefix;
    if (!root.contains(QLatin1String("model_remains")) && root.value(QLatin1String("data")).isObject()) {
        root = root.value(QLatin1String("data")).toObject();
        prefix = QStringLiteral("data.");
    }
    // Errors, a wrong key among them, arrive as HTTP 200 with base_resp.status_code other than 0.
    const QJsonValue baseResp = root.contains(QLatin1String("base_resp"))
                                    ? root.value(QLatin1String("base_resp"))
                                    : json->value(QLatin1String("base_resp"));
    if (baseResp.isObject()) {
        const QJsonObject status = baseResp.toObject();
        const int code = status.value(QLatin1String("status_code")).toInt();
        if (code != 0) {
            const QString said = status.value(QLatin1String("status_msg")).toString().left(300);
            // 1004: authentication failed; 2049: invalid api key.
            const bool auth = code == 1004 || code == 2049;
            return checkFailed(auth ? CheckStatus::AuthError : CheckStatus::ProviderError,
                               QStringLiteral("MiniMax refused the request (code %1): %2")
                                   .arg(code)
                                   .arg(said.isEmpty() ? QStringLiteral("no reason given") : said));
        }
    }
    const QJsonValue models = root.value(QLatin1String("model_remains"));
    const std::optional<qsizetype> index =
        models.isArray() ? modelIndex(models.toArray()) : std::optional<qsizetype>();
    if (!index)
        return tl::unexpected(
            reply::parseError(QStringLiteral("the field “%1model_remains” is missing").arg(prefix)));
    const QJsonObject model = models.toArray().at(*index).toObject();
    const QString where = QStringLiteral("%1model_remains[%2]").arg(prefix).arg(*index);

    const WindowFields interval{QStringLiteral("current_interval"), QStringLiteral("start_time"),
                                QStringLiteral("end_time"), QStringLiteral("remains_time"),
                                QStringLiteral("window_5h")};
    const WindowFields weekly{QStringLiteral("current_weekly"), QStringLiteral("weekly_start_time"),
                              QStringLiteral("weekly_end_time"), QStringLiteral("weekly_remains_time"),
                              QStringLiteral("window_weekly")};
    std::vector<ReadingDetail> found;
    for (const WindowFields &fields : {interval, weekly}) {
        auto window = windowOf(model, fields, where, now);
        if (!window)
            return tl::unexpected(window.error());
        if (*window)
            found.push_back(std::move(**window));
    }
    return windows::quotaReading(
        std::move(found),
        QStringLiteral(
            "“%1” holds no capped five-hour or weekly window (current_interval_* or current_weekly_*)")
            .arg(where));
}

class MiniMaxQuery final : public BalanceQuery
{
public:
    explicit MiniMaxQuery(AdapterContext context)
        : m_context(std::move(context))
    {}

    QueryStep next(const HttpReply *previous) override
    {
        if (!previous) {
            m_path = kCodingPlanPath;
            return bearerGet(m_context, m_path);
        }
        // Keys of the newer Token Plan, and hosts that retired the Coding Plan's path, answer
        // only on the newer one.
        const bool gone = previous->status == 404 || previous->status == 410;
        if (gone && m_path == kCodingPlanPath) {
            m_path = kTokenPlanPath;
            return bearerGet(m_context, m_path);
        }
        return parseRemains(*previous, m_context.now);
    }

private:
    AdapterContext m_context;
    QString m_path;
};

} // namespace

QString MiniMaxCodingAdapter::id() const
{
    return m_region == Region::China ? QStringLiteral("minimax-coding")
                                     : QStringLiteral("minimax-coding-intl");
}

QString MiniMaxCodingAdapter::name() const
{
    return m_region == Region::China ? QStringLiteral("MiniMax Coding Plan (China)")
                                     : QStringLiteral("MiniMax Coding Plan (International)");
}

QString MiniMaxCodingAdapter::defaultBaseUrl() const
{
    return m_region == Region::China ? QStringLiteral("https://api.minimaxi.com")
                                     : QStringLiteral("https://api.minimax.io");
}

QString MiniMaxCodingAdapter::help() const
{
    return m_region == Region::China
               ? QStringLiteral(QT_TRANSLATE_NOOP(
                     "qw::Platforms",
                     "The API key of a MiniMax Coding Plan or Token Plan (platform.minimaxi.com). "
                     "Reports the five-hour or weekly window of the general models with the least left, "
                     "in requests, and every window beside it."))
               : QStringLiteral(QT_TRANSLATE_NOOP(
                     "qw::Platforms",
                     "The API key of a MiniMax Coding Plan or Token Plan (platform.minimax.io, "
                     "international). "
                     "Reports the five-hour or weekly window of the general models with the least left, in "
                     "requests, and every window beside it."));
}

std::unique_ptr<BalanceQuery> MiniMaxCodingAdapter::begin(const AdapterContext &context) const
{
    return std::make_unique<MiniMaxQuery>(context);
}

} // namespace qw
