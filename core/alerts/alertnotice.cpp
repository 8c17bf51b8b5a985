#include "core/alerts/alertnotice.h"

#include <QJsonValue>

namespace qw {

namespace {

QJsonValue amountValue(const std::optional<Amount> &amount)
{
    return amount ? QJsonValue(amount->toDouble()) : QJsonValue(QJsonValue::Null);
}

} // namespace

QJsonObject AlertNotice::toJson() const
{
    // A test is about no key: null rather than a key with the id 0 a receiver might look up.
    const QJsonValue key = alert.kind == AlertKind::Test ? QJsonValue(QJsonValue::Null)
                                                         : QJsonValue(QJsonObject{
                                                               {QStringLiteral("id"), alert.keyId},
                                                               {QStringLiteral("name"), keyName},
                                                               {QStringLiteral("platform"), platform},
                                                           });
    return QJsonObject{
        {QStringLiteral("event"), toString(alert.kind)},
        {QStringLiteral("key"), key},
        {QStringLiteral("remaining"), amountValue(alert.remaining)},
        {QStringLiteral("unit"),
         alert.unit.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(alert.unit)},
        {QStringLiteral("threshold"), amountValue(alert.threshold)},
        {QStringLiteral("threshold_unit"), !alert.threshold           ? QJsonValue(QJsonValue::Null)
                                           : alert.thresholdIsPercent ? QJsonValue(QStringLiteral("percent"))
                                           : alert.unit.isEmpty()     ? QJsonValue(QJsonValue::Null)
                                                                      : QJsonValue(alert.unit)},
        {QStringLiteral("days_left"),
         alert.daysLeft ? QJsonValue(*alert.daysLeft) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("message"), alert.message},
        {QStringLiteral("time"), alert.createdAt.toUTC().toString(Qt::ISODateWithMs)},
    };
}

QString AlertNotice::plainText() const
{
    return alert.title + QStringLiteral("\n\n") + alert.message;
}

QString AlertNotice::emailSubject() const
{
    return QStringLiteral("[QuotaWatch] ") + alert.title;
}

} // namespace qw
