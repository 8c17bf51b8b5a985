#include "adapters/providers/kimicodeadapter.h"

#include "adapters/providers/providerhelpers.h"
#include "adapters/replyparsing.h"
#include "adapters/usagewindows.h"

#include <QJsonArray>

namespace qw {

namespace {

// {"limit", "used", "remaining", "resetTime"}, counts as strings; used or remaining may be left
// out, and is then drawn from the other and the limit.
tl::expected<ReadingDetail, CheckError> windowOf(const QJsonObject &quota, const QString &name,
                                                 const QString &where)
{
    auto limit =
        reply::amountOf(quota.value(QLatin1String("limit")), QString(where + QStringLiteral(".limit")));
    if (!limit)
        return tl::unexpected(limit.error());
    auto used = reply::optionalFieldOf(quota, QStringLiteral("used"), where);
    if (!used)
        return tl::unexpected(used.error());
    auto remaining = reply::optionalFieldOf(quota, QStringLiteral("remaining"), where);
    if (!remaining)
        return tl::unexpected(remaining.error());
    const QDateTime resetsAt =
        QDateTime::fromString(quota.value(QLatin1String("resetTime")).toString(), Qt::ISODateWithMs).toUTC();
    return windows::countedWindow(name, QStringLiteral("requests"), *limit, *used, *remaining, resetsAt,
                                  where);
}

// The length of a rate window, {"duration": 300, "timeUnit": "TIME_UNIT_MINUTE"}, as a detail name.
QString windowName(const QJsonObject &window, qsizetype index)
{
    const QString unit = window.value(QLatin1String("timeUnit")).toString();
    const QJsonValue durationValue = window.value(QLatin1String("duration"));
    const qint64 duration =
        durationValue.isString() ? durationValue.toString().toLongLong() : qint64(durationValue.toInt());
    qint64 perUnit = 0;
    if (unit == QLatin1String("TIME_UNIT_SECOND"))
        perUnit = 1;
    else if (unit == QLatin1String("TIME_UNIT_MINUTE"))
        perUnit = 60;
    else if (unit == QLatin1String("TIME_UNIT_HOUR"))
        perUnit = 3600;
    else if (unit == QLatin1String("TIME_UNIT_DAY"))
        perUnit = 24 * 3600;
    // At most a year, so the product cannot overflow and the name stays sensible.
    constexpr qint64 kYearS = 366LL * 24 * 3600;
    if (perUnit > 0 && duration > 0 && duration <= kYearS / perUnit)
        return windows::nameForDuration(duration * perUnit);
    // A length this code cannot read: still kept, under the entry's place.
    return QStringLiteral("window_%1").arg(index);
}

} // namespace

QString KimiCodeAdapter::help() const
{
    return QStringLiteral(QT_TRANSLATE_NOOP(
        "qw::Platforms",
        "The API key of a Kimi Code plan (kimi.com, sk-kimi-…). Reports the weekly quota or the five-hour "
        "window with the least left, in requests, and every window beside it."));
}

HttpRequestSpec KimiCodeAdapter::request(const AdapterContext &context) const
{
    return bearerGet(context, QStringLiteral("/coding/v1/usages"));
}

CheckOutcome KimiCodeAdapter::parse(const HttpReply &reply, const AdapterContext &) const
{
    auto json = reply::successfulJson(reply);
    if (!json)
        return tl::unexpected(json.error());
    std::vector<ReadingDetail> found;
    // `usage` is the weekly quota.
    const QJsonValue usage = json->value(QLatin1String("usage"));
    if (usage.isObject()) {
        auto weekly = windowOf(usage.toObject(), QStringLiteral("window_weekly"), QStringLiteral("usage"));
        if (!weekly)
            return tl::unexpected(weekly.error());
        found.push_back(std::move(*weekly));
    }
    // limits[]: the rate windows.
    const QJsonArray limits = json->value(QLatin1String("limits")).toArray();
    for (qsizetype i = 0; i < limits.size(); ++i) {
        const QJsonObject entry = limits.at(i).toObject();
        const QString where = QStringLiteral("limits[%1]").arg(i);
        if (!entry.value(QLatin1String("detail")).isObject())
            return tl::unexpected(
                reply::parseError(QStringLiteral("the field “%1.detail” is missing").arg(where)));
        auto window = windowOf(entry.value(QLatin1String("detail")).toObject(),
                               windowName(entry.value(QLatin1String("window")).toObject(), i),
                               where + QStringLiteral(".detail"));
        if (!window)
            return tl::unexpected(window.error());
        found.push_back(std::move(*window));
    }
    return windows::quotaReading(
        std::move(found),
        found.empty()
            ? QStringLiteral("the field “usage” is missing, and “limits” is empty")
            : QStringLiteral("the fields “usage” and “limits” hold no window with a limit above zero"));
}

} // namespace qw
