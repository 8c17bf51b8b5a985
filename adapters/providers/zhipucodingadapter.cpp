#include "adapters/providers/zhipucodingadapter.h"

#include "adapters/providers/providerhelpers.h"
#include "adapters/replyparsing.h"

#include <QJsonArray>

namespace qw {

namespace {

const Amount kHundredPercent = Amount::fromMicros(100'000'000);

} // namespace

QString ZhipuCodingAdapter::help() const
{
    return QStringLiteral(
        "The API key of a GLM Coding Plan subscription (open.bigmodel.cn). Reports the share of the "
        "most used usage window that is left, and when it resets.");
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
        const bool auth = code == 401 || code == 1000 || code == 1001 || code == 1002 ||
                          said.contains(QStringLiteral("令牌")) ||
                          said.contains(QStringLiteral("token"), Qt::CaseInsensitive);
        return checkFailed(auth ? CheckStatus::AuthError : CheckStatus::ProviderError,
                           QStringLiteral("Zhipu refused the request (code %1): %2")
                               .arg(code)
                               .arg(said.isEmpty() ? QStringLiteral("no reason given") : said));
    }
    const QJsonValue limits = reply::valueAt(*json, u"data.limits");
    if (!limits.isArray() || limits.toArray().isEmpty())
        return tl::unexpected(reply::parseError(QStringLiteral("the field “data.limits” is missing")));

    // The window closest to its limit is the one that stops the key.
    std::optional<Amount> worstUsed;
    QDateTime resetsAt;
    const QJsonArray entries = limits.toArray();
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QJsonObject entry = entries.at(i).toObject();
        auto used = reply::amountOf(entry.value(QLatin1String("percentage")),
                                    QStringLiteral("data.limits[%1].percentage").arg(i));
        if (!used)
            return tl::unexpected(used.error());
        if (!worstUsed || *used > *worstUsed) {
            worstUsed = *used;
            const QJsonValue reset = entry.value(QLatin1String("nextResetTime"));
            resetsAt = reset.isDouble() ? QDateTime::fromMSecsSinceEpoch(qint64(reset.toDouble()), Qt::UTC)
                                        : QDateTime();
        }
    }
    const Amount used = std::clamp(*worstUsed, Amount(), kHundredPercent);
    BalanceReading reading =
        singleBalance(ReadingKind::Quota, kHundredPercent - used, QStringLiteral("percent"));
    reading.used = used;
    reading.limit = kHundredPercent;
    reading.resetsAt = resetsAt;
    return reading;
}

} // namespace qw
