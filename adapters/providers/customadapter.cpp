#include "adapters/providers/customadapter.h"

#include "adapters/jsonpointer.h"
#include "adapters/providers/providerhelpers.h"
#include "adapters/replyparsing.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QRegularExpression>

namespace qw {

namespace {

const QString kPlaceholder = QStringLiteral("{key}");
const QString kDefaultHeaders = QStringLiteral("{\"Authorization\": \"Bearer {key}\"}");

// A JSON scalar as text, to compare with success_value: "true", "200", "ok".
QString scalarText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isDouble()) // shortest form: 0.1 is "0.1", not "0.10000000000000001"
        return QString::number(value.toDouble(), 'g', QLocale::FloatingPointShortest);
    return value.isNull() ? QStringLiteral("null") : QString();
}

QJsonObject headersOf(const QJsonObject &options)
{
    const QString text = options.value(QLatin1String("headers")).toString();
    return QJsonDocument::fromJson((text.isEmpty() ? kDefaultHeaders : text).toUtf8()).object();
}

// What the pointers look into: the answer's JSON object, or its array, since pointers such as
// /0/balance reach into a list as well. Web pages and broken JSON fail as for any provider.
tl::expected<QJsonValue, CheckError> answerDocument(const HttpReply &reply)
{
    auto object = reply::jsonObject(reply);
    if (object)
        return QJsonValue(*object);
    if (object.error().status == CheckStatus::ParseError) {
        const QJsonDocument document = QJsonDocument::fromJson(reply.body);
        if (document.isArray())
            return QJsonValue(document.array());
    }
    return tl::unexpected(object.error());
}

// The pointer option's amount, divided; nullopt when the option is not set.
tl::expected<std::optional<Amount>, CheckError> pointedAmount(const QJsonValue &root,
                                                              const AdapterContext &context,
                                                              const QString &option, const Amount &divisor)
{
    const QString pointer = context.option(option);
    if (pointer.isEmpty())
        return std::optional<Amount>();
    auto amount = reply::amountOf(JsonPointer::resolve(root, pointer), pointer);
    if (!amount)
        return tl::unexpected(amount.error());
    // A whole divisor ("100", "500000") divides exactly, whatever the size of the amount.
    constexpr qint64 kMicrosPerUnit = 1'000'000;
    if (divisor.micros() % kMicrosPerUnit == 0)
        return std::optional<Amount>(reply::divide(*amount, divisor.micros() / kMicrosPerUnit));
    // A fractional one ("0.01"): amount / divisor in micro-units.
    const long double value =
        static_cast<long double>(amount->micros()) / static_cast<long double>(divisor.micros());
    auto scaled = Amount::fromDouble(double(value));
    if (!scaled)
        return tl::unexpected(
            reply::parseError(QStringLiteral("the value at %1 is out of range").arg(pointer)));
    return std::optional<Amount>(*scaled);
}

} // namespace

QString CustomAdapter::help() const
{
    return QStringLiteral(QT_TRANSLATE_NOOP(
        "qw::Platforms",
        "Any endpoint that returns JSON: give path, and remaining_pointer and/or used_pointer (JSON "
        "pointers such as /data/balance). The key is sent in the headers where {key} stands "
        "(default: Authorization: Bearer {key})."));
}

QList<OptionSpec> CustomAdapter::ownOptions() const
{
    using Type = OptionSpec::Type;
    return {
        {QStringLiteral("method"),
         QStringLiteral(QT_TRANSLATE_NOOP("qw::Platforms", "HTTP method")),
         Type::Choice,
         QStringLiteral("GET"),
         QStringLiteral(QT_TRANSLATE_NOOP("qw::Platforms", "HTTP method")),
         false,
         {QStringLiteral("GET"), QStringLiteral("POST")}},
        {QStringLiteral("path"),
         QStringLiteral(QT_TRANSLATE_NOOP("qw::Platforms", "Path")),
         Type::Text,
         {},
         QStringLiteral(QT_TRANSLATE_NOOP("qw::Platforms", "path after the base URL, e.g. /v1/balance")),
         true,
         {}},
        {QStringLiteral("headers"),
         QStringLiteral(QT_TRANSLATE_NOOP("qw::Platforms", "Request headers")),
         Type::JsonObject,
         kDefaultHeaders,
         QStringLiteral(QT_TRANSLATE_NOOP("qw::Platforms",
                                          "request headers as a JSON object; {key} stands for the secret")),
         false,
         {}},
        {QStringLiteral("remaining_pointer"),
         QStringLiteral(QT_TRANSLATE_NOOP("qw::Platforms", "Remaining amount field")),
         Type::JsonPointer,
         {},
         QStringLiteral(QT_TRANSLATE_NOOP("qw::Platforms", "JSON pointer to the remaining amount")),
         false,
         {}},
        {QStringLiteral("used_pointer"),
         QStringLiteral(QT_TRANSLATE_NOOP("qw::Platforms", "Used amount field")),
         Type::JsonPointer,
         {},
         QStringLiteral(QT_TRANSLATE_NOOP("qw::Platforms", "JSON pointer to the amount used")),
         false,
         {}},
        {QStringLiteral("limit_pointer"),
         QStringLiteral(QT_TRANSLATE_NOOP("qw::Platforms", "Limit field")),
         Type::JsonPointer,
         {},
         QStringLiteral(QT_TRANSLATE_NOOP("qw::Platforms", "JSON pointer to the limit")),
         false,
         {}},
        {QStringLiteral("divisor"),
         QStringLiteral(QT_TRANSLATE_NOOP("qw::Platforms", "Divide amounts by")),
         Type::Amount,
         QStringLiteral("1"),
         QStringLiteral(
             QT_TRANSLATE_NOOP("qw::Platforms", "the numbers are divided by this (e.g. 100 for cents)")),
         false,
         {}},
        {QStringLiteral("unit"),
         QStringLiteral(QT_TRANSLATE_NOOP("qw::Platforms", "Unit")),
         Type::Text,
         QStringLiteral("USD"),
         QStringLiteral(
             QT_TRANSLATE_NOOP("qw::Platforms", "ISO currency code or characters, tokens, percent, credits")),
         false,
         {}},
        {QStringLiteral("success_pointer"),
         QStringLiteral(QT_TRANSLATE_NOOP("qw::Platforms", "Success field")),
         Type::JsonPointer,
         {},
         QStringLiteral(
             QT_TRANSLATE_NOOP("qw::Platforms", "JSON pointer to a field that says the call worked")),
         false,
         {}},
        {QStringLiteral("success_value"),
         QStringLiteral(QT_TRANSLATE_NOOP("qw::Platforms", "Success value")),
         Type::Text,
         {},
         QStringLiteral(
             QT_TRANSLATE_NOOP("qw::Platforms", "the value success_pointer must have (default: true)")),
         false,
         {}},
    };
}

std::optional<QString> CustomAdapter::validateDefinition(const QJsonObject &options) const
{
    const QString path = options.value(QLatin1String("path")).toString();
    if (!path.startsWith(u'/') || path.contains(u'?') || path.contains(kPlaceholder))
        return QStringLiteral(
            "option “path” must start with / and carry neither a query nor {key}: the key travels "
            "only in headers");
    if (options.value(QLatin1String("remaining_pointer")).toString().isEmpty() &&
        options.value(QLatin1String("used_pointer")).toString().isEmpty())
        return QStringLiteral(
            "option “remaining_pointer” or “used_pointer” is needed: otherwise there is nothing to "
            "read");
    const QJsonObject headers = headersOf(options);
    bool sendsKey = false;
    static const QRegularExpression headerName(QStringLiteral("^[A-Za-z0-9!#$%&'*+.^_`|~-]+$"));
    for (auto it = headers.begin(); it != headers.end(); ++it) {
        if (!headerName.match(it.key()).hasMatch())
            return QStringLiteral("option “headers”: “%1” is not a valid header name").arg(it.key());
        if (!it.value().isString())
            return QStringLiteral("option “headers”: the value of “%1” must be a string").arg(it.key());
        if (it.value().toString().contains(u'\r') || it.value().toString().contains(u'\n'))
            return QStringLiteral("option “headers”: the value of “%1” must be on one line").arg(it.key());
        sendsKey = sendsKey || it.value().toString().contains(kPlaceholder);
    }
    if (!sendsKey)
        return QStringLiteral("option “headers” must use {key} in some header, or the key is never sent");
    const QString divisor = options.value(QLatin1String("divisor")).toString();
    if (!divisor.isEmpty() && Amount::parse(divisor).value_or(Amount()).micros() <= 0)
        return QStringLiteral("option “divisor” must be greater than zero");
    if (!options.value(QLatin1String("success_value")).toString().isEmpty() &&
        options.value(QLatin1String("success_pointer")).toString().isEmpty())
        return QStringLiteral("option “success_value” needs “success_pointer”");
    return std::nullopt;
}

HttpRequestSpec CustomAdapter::request(const AdapterContext &context) const
{
    HttpRequestSpec request;
    request.method = context.option(QStringLiteral("method"), QStringLiteral("GET")).toLatin1();
    request.path = context.option(QStringLiteral("path"));
    request.pathFromApiRoot = false;
    const QJsonObject headers = headersOf(context.options);
    const QByteArray secret = context.secret.toByteArray();
    for (auto it = headers.begin(); it != headers.end(); ++it) {
        QByteArray value = it.value().toString().toUtf8();
        value.replace(kPlaceholder.toUtf8(), secret);
        request.headers.append({it.key().toUtf8(), value});
    }
    return request;
}

CheckOutcome CustomAdapter::parse(const HttpReply &reply, const AdapterContext &context) const
{
    if (auto error = reply::errorForStatus(reply))
        return tl::unexpected(*error);
    auto document = answerDocument(reply);
    if (!document)
        return tl::unexpected(document.error());

    const QString successPointer = context.option(QStringLiteral("success_pointer"));
    if (!successPointer.isEmpty()) {
        const QJsonValue flag = JsonPointer::resolve(*document, successPointer);
        const QString expected = context.option(QStringLiteral("success_value"));
        const bool succeeded = expected.isEmpty() ? flag.toBool() : scalarText(flag) == expected;
        if (!succeeded) {
            const QString said = reply::providerMessage(document->toObject());
            return checkFailed(CheckStatus::ProviderError,
                               QStringLiteral("the endpoint reported failure (%1 is not %2)%3")
                                   .arg(successPointer,
                                        expected.isEmpty() ? QStringLiteral("true") : expected,
                                        said.isEmpty() ? QString() : QStringLiteral(": ") + said));
        }
    }

    const Amount divisor = Amount::parse(context.option(QStringLiteral("divisor"), QStringLiteral("1")))
                               .value_or(Amount::fromMicros(1'000'000));
    auto remaining = pointedAmount(*document, context, QStringLiteral("remaining_pointer"), divisor);
    if (!remaining)
        return tl::unexpected(remaining.error());
    auto used = pointedAmount(*document, context, QStringLiteral("used_pointer"), divisor);
    if (!used)
        return tl::unexpected(used.error());
    auto limit = pointedAmount(*document, context, QStringLiteral("limit_pointer"), divisor);
    if (!limit)
        return tl::unexpected(limit.error());

    BalanceReading reading;
    reading.unit = context.option(QStringLiteral("unit"), QStringLiteral("USD"));
    reading.used = *used;
    reading.limit = *limit;
    reading.remaining = *remaining;
    if (!reading.remaining && reading.limit && reading.used) {
        auto left = reply::difference(*reading.limit, *reading.used);
        if (!left)
            return tl::unexpected(left.error());
        reading.remaining = *left;
    }
    reading.kind = !reading.remaining ? ReadingKind::Spend
                   : reading.limit    ? ReadingKind::KeyLimit
                                      : ReadingKind::Balance;
    if (reading.remaining)
        reading.balances = {{*reading.remaining, reading.unit}};
    return reading;
}

} // namespace qw
