#include "adapters/providers/zhipucodingadapter.h"

#include "adapters/providers/providerhelpers.h"
#include "adapters/replyparsing.h"
#include "adapters/usagewindows.h"

#include <QJsonArray>

namespace qw {

namespace {

// Zhipu's authentication failures: 1000 failed, 1001 no header, 1002 invalid token, 1003 expired
// token, 1004 token refused.
bool isAuthCode(int code)
{
    return code == 401 || (code >= 1000 && code <= 1004);
}

// The window an entry's unit/number describe: 3/5 five hours, 6/1 a week, 5/1 a month. Entries
// of older answers carry no number; their only hour window is the five-hour one.
QString windowName(const QJsonObject &entry)
{
    const int unit = entry.value(QLatin1String("unit")).toInt();
    const QJsonValue numberValue = entry.value(QLatin1String("number"));
    const int number = numberValue.isDouble() ? numberValue.toInt() : (unit == 3 ? 5 : 1);
    if (number > 0) {
        switch (unit) {
        case 3:
            return windows::nameForDuration(qint64(number) * 3600);
        case 6:
            return windows::nameForDuration(qint64(number) * 7 * 24 * 3600);
        case 5:
            if (number == 1)
                return QStringLiteral("window_monthly");
            break;
        default:
            break;
        }
    }
    // A window this code does not know yet: still kept, under a name that says what was sent.
    return QStringLiteral("window_unit%1_%2").arg(unit).arg(number);
}

// The MCP quota's name: mcp_monthly for the monthly one the plans have today.
QString mcpName(const QString &window)
{
    return QStringLiteral("mcp_") + window.mid(qsizetype(sizeof("window_")) - 1);
}

// The window of one data.limits entry. CREDIT_LIMIT entries and the MCP quota carry absolute
// numbers (usage = the window's total, currentValue = used, remaining); TOKENS_LIMIT entries
// carry only `percentage` (used) since 2026-02, and so does any entry without a total.
tl::expected<ReadingDetail, CheckError> windowOf(const QJsonObject &entry, qsizetype index,
                                                 const QString &name, const QString &countUnit)
{
    const QString where = QStringLiteral("data.limits[%1]").arg(index);
    const QDateTime resetsAt = reply::timeFromEpochMs(entry.value(QLatin1String("nextResetTime")));
    if (!countUnit.isEmpty()) {
        auto total = reply::optionalFieldOf(entry, QStringLiteral("usage"), where);
        if (!total)
            return tl::unexpected(total.error());
        if (*total && (*total)->micros() > 0) {
            auto used = reply::optionalFieldOf(entry, QStringLiteral("currentValue"), where);
            if (!used)
                return tl::unexpected(used.error());
            auto remaining = reply::optionalFieldOf(entry, QStringLiteral("remaining"), where);
            if (!remaining)
                return tl::unexpected(remaining.error());
            // A total without either side says nothing the percentage does not.
            if (*used || *remaining)
                return windows::countedWindow(name, countUnit, **total, *used, *remaining, resetsAt, where);
        }
    }
    auto percentage = reply::amountOf(entry.value(QLatin1String("percentage")),
                                      QString(where + QStringLiteral(".percentage")));
    if (!percentage)
        return tl::unexpected(percentage.error());
    return windows::percentWindow(name, *percentage, resetsAt);
}

} // namespace

QString ZhipuCodingAdapter::id() const
{
    return m_region == Region::China ? QStringLiteral("zhipu-coding") : QStringLiteral("zai-coding");
}

QString ZhipuCodingAdapter::name() const
{
    return m_region == Region::China ? QStringLiteral("Zhipu GLM Coding Plan 智谱")
                                     : QStringLiteral("Z.ai GLM Coding Plan (International)");
}

QString ZhipuCodingAdapter::defaultBaseUrl() const
{
    return m_region == Region::China ? QStringLiteral("https://open.bigmodel.cn")
                                     : QStringLiteral("https://api.z.ai");
}

QString ZhipuCodingAdapter::help() const
{
    return m_region == Region::China
               ? QStringLiteral(QT_TRANSLATE_NOOP(
                     "qw::Platforms",
                     "The API key of a GLM Coding Plan subscription (open.bigmodel.cn). Reports the "
                     "five-hour or weekly window with the least left, every window beside it, and the "
                     "monthly MCP quota."))
               : QStringLiteral(QT_TRANSLATE_NOOP(
                     "qw::Platforms",
                     "The API key of a GLM Coding Plan subscription on z.ai (international). Reports the "
                     "five-hour or weekly window with the least left, every window beside it, and the "
                     "monthly "
                     "MCP quota."));
}

HttpRequestSpec ZhipuCodingAdapter::request(const AdapterContext &context) const
{
    // The key goes in Authorization as is, without "Bearer".
    return headerGet(context, QStringLiteral("/api/monitor/usage/quota/limit"),
                     QByteArrayLiteral("Authorization"));
}

CheckOutcome ZhipuCodingAdapter::parse(const HttpReply &reply, const AdapterContext &) const
{
    auto json = reply::successfulJson(reply);
    if (!json)
        return tl::unexpected(json.error());
    // Errors, a wrong key among them, arrive as HTTP 200 with success false.
    const QJsonValue success = json->value(QLatin1String("success"));
    if (!success.isBool())
        return tl::unexpected(reply::parseError(QStringLiteral("the field “success” is missing")));
    if (!success.toBool()) {
        const int code = json->value(QLatin1String("code")).toInt();
        const QString said = reply::providerMessage(*json);
        const bool auth = isAuthCode(code) || said.contains(QStringLiteral("令牌")) ||
                          said.contains(QStringLiteral("token"), Qt::CaseInsensitive);
        return checkFailed(auth ? CheckStatus::AuthError : CheckStatus::ProviderError,
                           QStringLiteral("Zhipu refused the request (code %1): %2")
                               .arg(code)
                               .arg(said.isEmpty() ? QStringLiteral("no reason given") : said));
    }
    const QJsonValue limits = reply::valueAt(*json, u"data.limits");
    if (!limits.isArray() || limits.toArray().isEmpty())
        return tl::unexpected(reply::parseError(QStringLiteral("the field “data.limits” is missing")));

    std::vector<ReadingDetail> found;
    const QJsonArray entries = limits.toArray();
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QJsonObject entry = entries.at(i).toObject();
        const QJsonValue typeValue = entry.value(QLatin1String("type"));
        // Entries of the oldest answers carry no type; they are token windows.
        const QString type = typeValue.isString() ? typeValue.toString() : QStringLiteral("TOKENS_LIMIT");
        tl::expected<ReadingDetail, CheckError> window = tl::unexpected(CheckError{});
        if (type == QLatin1String("TIME_LIMIT"))
            window = windowOf(entry, i, mcpName(windowName(entry)), QStringLiteral("requests"));
        else if (type == QLatin1String("CREDIT_LIMIT"))
            window = windowOf(entry, i, windowName(entry), QStringLiteral("credits"));
        else if (type == QLatin1String("TOKENS_LIMIT"))
            window = windowOf(entry, i, windowName(entry), QString());
        else
            continue; // a kind of limit that is not a usage window of the plan
        if (!window)
            return tl::unexpected(window.error());
        found.push_back(std::move(*window));
    }
    // The MCP quota limits web search and reading, not the coding itself: it never leads.
    return windows::quotaReading(
        std::move(found),
        QStringLiteral("the field “data.limits” holds no five-hour or weekly window (TOKENS_LIMIT or "
                       "CREDIT_LIMIT)"),
        [](const ReadingDetail &window) { return !window.name.startsWith(QLatin1String("mcp_")); });
}

} // namespace qw
