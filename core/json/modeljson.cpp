#include "core/json/modeljson.h"

#include "adapters/platformregistry.h"
#include "core/alerts/alertnotice.h"
#include "core/alerts/channelconfig.h"
#include "core/model/readingnames.h"

namespace qw {

QJsonValue ModelJson::amount(const std::optional<Amount> &amount)
{
    return amount ? QJsonValue(amount->toDouble()) : QJsonValue(QJsonValue::Null);
}

QJsonValue ModelJson::textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonValue ModelJson::timeOrNull(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODateWithMs))
                          : QJsonValue(QJsonValue::Null);
}

QJsonObject ModelJson::check(const Snapshot &snapshot)
{
    QJsonArray balances;
    for (const Balance &balance : snapshot.balances)
        balances.append(QJsonObject{{QStringLiteral("amount"), balance.amount.toDouble()},
                                    {QStringLiteral("unit"), balance.unit}});
    QJsonArray details;
    for (const ReadingDetail &detail : snapshot.details)
        details.append(QJsonObject{
            {QStringLiteral("name"), detail.name},
            {QStringLiteral("label"), ReadingNames::englishDetailLabel(detail.name)},
            {QStringLiteral("remaining"), amount(detail.remaining)},
            {QStringLiteral("used"), amount(detail.used)},
            {QStringLiteral("limit"), amount(detail.limit)},
            {QStringLiteral("unit"), textOrNull(detail.unit)},
            {QStringLiteral("resets_at"), detail.resetsAt.isValid()
                                              ? QJsonValue(detail.resetsAt.toUTC().toString(Qt::ISODate))
                                              : QJsonValue(QJsonValue::Null)},
        });
    return QJsonObject{
        {QStringLiteral("key_id"), snapshot.keyId},
        {QStringLiteral("status"), toString(snapshot.status)},
        {QStringLiteral("kind"),
         snapshot.kind ? QJsonValue(toString(*snapshot.kind)) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("remaining"), amount(snapshot.remaining)},
        {QStringLiteral("used"), amount(snapshot.used)},
        {QStringLiteral("limit"), amount(snapshot.limit)},
        {QStringLiteral("unit"), textOrNull(snapshot.unit)},
        {QStringLiteral("balances"), balances},
        {QStringLiteral("details"), details},
        {QStringLiteral("error"), textOrNull(snapshot.error)},
        {QStringLiteral("checked_at"), snapshot.checkedAt.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("resets_at"), snapshot.resetsAt.isValid()
                                          ? QJsonValue(snapshot.resetsAt.toUTC().toString(Qt::ISODate))
                                          : QJsonValue(QJsonValue::Null)},
    };
}

QJsonObject ModelJson::key(const ApiKey &key)
{
    QJsonObject options = key.options;
    options.remove(ApiKey::allowInsecureOption()); // shown as its own boolean
    return QJsonObject{
        {QStringLiteral("id"), key.id},
        {QStringLiteral("name"), key.name},
        {QStringLiteral("platform"), key.platform},
        {QStringLiteral("base_url"), textOrNull(key.baseUrl)},
        {QStringLiteral("hint"), key.secretHint},
        {QStringLiteral("threshold"), amount(key.threshold)},
        {QStringLiteral("threshold_percent"), key.thresholdIsPercent},
        {QStringLiteral("tags"), QJsonArray::fromStringList(key.tags)},
        {QStringLiteral("options"), options},
        {QStringLiteral("allow_insecure"), key.allowsInsecure()},
        {QStringLiteral("interval_s"), key.intervalS},
        {QStringLiteral("enabled"), key.enabled},
        {QStringLiteral("created_at"), key.createdAt.toString(Qt::ISODate)},
        // Team mode: which instance (InstanceIdentity) stored the latest scheduled check.
        {QStringLiteral("last_checked_by"), textOrNull(key.lastCheckedBy)},
    };
}

QJsonObject ModelJson::key(const KeyWithLatest &key)
{
    QJsonObject object = ModelJson::key(key.key);
    object.insert(QStringLiteral("health"), KeyHealthRules::toString(key.health));
    object.insert(QStringLiteral("latest"),
                  key.latest ? QJsonValue(check(*key.latest)) : QJsonValue(QJsonValue::Null));
    return object;
}

QJsonObject ModelJson::platform(const Adapter &adapter)
{
    QJsonArray kinds;
    for (ReadingKind kind : adapter.kinds())
        kinds.append(toString(kind));
    QJsonArray options;
    for (const OptionSpec &option : adapter.options()) {
        QJsonObject entry{{QStringLiteral("name"), option.name},
                          {QStringLiteral("label"), option.label},
                          {QStringLiteral("type"), option.typeName()},
                          {QStringLiteral("required"), option.required},
                          {QStringLiteral("default"), textOrNull(option.defaultValue)},
                          {QStringLiteral("help"), option.help}};
        if (!option.choices.isEmpty())
            entry.insert(QStringLiteral("choices"), QJsonArray::fromStringList(option.choices));
        options.append(entry);
    }
    return QJsonObject{
        {QStringLiteral("id"), adapter.id()},
        {QStringLiteral("name"), adapter.name()},
        {QStringLiteral("default_base_url"), textOrNull(adapter.defaultBaseUrl())},
        {QStringLiteral("kinds"), kinds},
        {QStringLiteral("options"), options},
        {QStringLiteral("help"), adapter.help()},
        // false: listed only to say why no key of it can be read (help), and refused for keys.
        {QStringLiteral("readable"), adapter.readable()},
    };
}

QJsonArray ModelJson::platforms(const PlatformRegistry &registry)
{
    QJsonArray array;
    for (const auto &adapter : registry.all())
        array.append(platform(*adapter));
    return array;
}

QJsonObject ModelJson::channel(const Channel &channel)
{
    return QJsonObject{
        {QStringLiteral("id"), channel.id},
        {QStringLiteral("name"), channel.name},
        {QStringLiteral("kind"), toString(channel.kind)},
        {QStringLiteral("target"), ChannelConfig::summary(channel)},
        // Names only: header values are secrets.
        {QStringLiteral("headers"), QJsonArray::fromStringList(ChannelConfig::headerNames(channel))},
        {QStringLiteral("events"), channel.settings.value(QLatin1String("events")).toArray()},
        {QStringLiteral("enabled"), channel.enabled},
        {QStringLiteral("created_at"), channel.createdAt.toString(Qt::ISODate)},
    };
}

QJsonObject ModelJson::alert(const AlertWithDeliveries &entry)
{
    const Alert &alert = entry.alert;
    QJsonObject object = AlertNotice{alert, {}, {}}.toJson();
    object.remove(QStringLiteral("key"));
    object.insert(QStringLiteral("id"), alert.id);
    object.insert(QStringLiteral("key_id"), alert.keyId);
    object.insert(QStringLiteral("state"), alert.state);
    object.insert(QStringLiteral("title"), alert.title);
    QJsonArray deliveries;
    for (const OutboxEntry &delivery : entry.deliveries) {
        deliveries.append(QJsonObject{
            {QStringLiteral("channel_id"), delivery.channelId},
            {QStringLiteral("status"), toString(delivery.status)},
            {QStringLiteral("attempts"), delivery.attempts},
            {QStringLiteral("last_error"), textOrNull(delivery.lastError)},
            {QStringLiteral("sent_at"), timeOrNull(delivery.sentAt)},
        });
    }
    object.insert(QStringLiteral("deliveries"), deliveries);
    return object;
}

} // namespace qw
