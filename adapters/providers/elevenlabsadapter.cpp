#include "adapters/providers/elevenlabsadapter.h"

#include "adapters/providers/providerhelpers.h"
#include "adapters/replyparsing.h"

#include <QJsonDocument>

namespace qw {

QString ElevenLabsAdapter::help() const
{
    return QStringLiteral(QT_TRANSLATE_NOOP(
        "qw::Platforms",
        "An ElevenLabs API key with the “User: Read” permission. Reports the characters left in "
        "this billing period."));
}

HttpRequestSpec ElevenLabsAdapter::request(const AdapterContext &context) const
{
    return headerGet(context, QStringLiteral("/v1/user/subscription"), QByteArrayLiteral("xi-api-key"));
}

CheckOutcome ElevenLabsAdapter::parse(const HttpReply &reply, const AdapterContext &) const
{
    if (reply.status == 401) {
        // Two different problems share the status: a wrong key, and a key without user_read.
        const QJsonObject body = QJsonDocument::fromJson(reply.body).object();
        if (reply::valueAt(body, u"detail.status").toString() == QLatin1String("missing_permissions"))
            return checkFailed(CheckStatus::AuthError,
                               QStringLiteral("the key lacks the “User: Read” permission; edit the key on "
                                              "elevenlabs.io and allow it to read user data"));
    }
    auto json = reply::successfulJson(reply);
    if (!json)
        return tl::unexpected(json.error());
    auto count = reply::amountAt(*json, u"character_count");
    if (!count)
        return tl::unexpected(count.error());
    auto limit = reply::amountAt(*json, u"character_limit");
    if (!limit)
        return tl::unexpected(limit.error());
    auto left = reply::difference(*limit, *count);
    if (!left)
        return tl::unexpected(left.error());
    BalanceReading reading = singleBalance(ReadingKind::Quota, *left, QStringLiteral("characters"));
    reading.used = *count;
    reading.limit = *limit;
    const QJsonValue reset = json->value(QLatin1String("next_character_count_reset_unix"));
    // Bounded before the conversion: a double beyond qint64 does not convert (undefined
    // behaviour), and no reset lies past the year 9999 (253402300800 s).
    if (reset.isDouble() && reset.toDouble() > 0 && reset.toDouble() < 253'402'300'800.0)
        reading.resetsAt = QDateTime::fromSecsSinceEpoch(qint64(reset.toDouble()), Qt::UTC);
    return reading;
}

} // namespace qw
