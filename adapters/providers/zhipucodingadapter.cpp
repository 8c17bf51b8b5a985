#include "adapters/providers/zhipucodingadapter.h"

#include "adapters/providers/providerhelpers.h"
#include "adapters/replyparsing.h"

#include <QJsonArray>

namespace qw {

namespace {

const Amount kHundredPercent = Amount::fromMicros(100'000'000);

// nextResetTime in milliseconds since the epoch, as a JSON number or a numeric string.
QDateTime resetTimeOf(const QJsonValue &value)
{
    qint64 msecs = 0;
    if (value.isDouble()) {
        // Bounded before the conversion: a double beyond qint64 does not convert (undefined
        // behaviour), and no reset lies past the year 9999.
        constexpr double kYear10000Ms = 253'402'300'800'000.0;
        if (!(value.toDouble() > 0 && value.toDouble() < kYear10000Ms))
            return {};
        msecs = qint64(value.toDouble());
    } else if (value.isString()) {
        bool ok = false;
        msecs = value.toString().trimmed().toLongLong(&ok);
        if (!ok)
            return {};
    }
    return msecs > 0 ? QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC) : QDateTime();
}

// Zhipu's authentication failures: 1000 failed, 1001 no header, 1002 invalid token, 1003 expired
// token, 1004 token refused.
bool isAuthCode(int code)
{
    return code == 401 || (code >= 1000 && code <= 1004);
}

} // namespace

QString ZhipuCodingAdapter::help() const
{
    return QStringLiteral(QT_TRANSLATE_NOOP(
        "qw::Platforms",
        "The API key of a GLM Coding Plan subscription (open.bigmodel.cn). Reports the share of the "
        "most used usage window that is left, and when it resets."));
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

    // The window closest to its limit is the one that stops the key; of two equally used ones,
    // the one that refills later, since the key is not free again before then.
    std::optional<Amount> worstUsed;
    QDateTime resetsAt;
    const QJsonArray entries = limits.toArray();
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QJsonObject entry = entries.at(i).toObject();
        auto percentage = reply::amountOf(entry.value(QLatin1String("percentage")),
                                          QStringLiteral("data.limits[%1].percentage").arg(i));
        if (!percentage)
            return tl::unexpected(percentage.error());
        // A window can run over its limit; it is full either way.
        const Amount used = std::clamp(*percentage, Amount(), kHundredPercent);
        const QDateTime reset = resetTimeOf(entry.value(QLatin1String("nextResetTime")));
        const bool later = reset.isValid() && (!resetsAt.isValid() || reset > resetsAt);
        if (!worstUsed || used > *worstUsed || (used == *worstUsed && later)) {
            worstUsed = used;
            resetsAt = reset;
        }
    }
    const Amount used = *worstUsed;
    auto left = reply::difference(kHundredPercent, used);
    if (!left)
        return tl::unexpected(left.error());
    BalanceReading reading = singleBalance(ReadingKind::Quota, *left, QStringLiteral("percent"));
    reading.used = used;
    reading.limit = kHundredPercent;
    reading.resetsAt = resetsAt;
    return reading;
}

} // namespace qw
