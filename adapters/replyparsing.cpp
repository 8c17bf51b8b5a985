#include "adapters/replyparsing.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <cmath>

namespace qw::reply {

namespace {

constexpr qsizetype kMaxMessageLength = 200;

QString shortened(QString text)
{
    text = text.simplified();
    if (text.size() > kMaxMessageLength)
        text = text.left(kMaxMessageLength - 1) + QChar(0x2026);
    return text;
}

bool looksLikeHtml(const QByteArray &body)
{
    const QByteArray start = body.left(512).trimmed().toLower();
    return start.startsWith("<!doctype html") || start.startsWith("<html") || start.startsWith("<?xml") ||
           start.startsWith("<head") || start.startsWith("<body");
}

std::optional<int> retryAfterSeconds(const HttpReply &reply)
{
    const QByteArray value = reply.header("Retry-After").trimmed();
    if (value.isEmpty())
        return std::nullopt;
    bool ok = false;
    const int seconds = value.toInt(&ok);
    if (ok && seconds >= 0)
        return seconds;
    // The other form is an HTTP date.
    const QDateTime when = QDateTime::fromString(QString::fromLatin1(value), Qt::RFC2822Date);
    if (when.isValid())
        return int(std::max<qint64>(0, QDateTime::currentDateTimeUtc().secsTo(when)));
    return std::nullopt;
}

QString messageFromBody(const QByteArray &body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    return document.isObject() ? providerMessage(document.object()) : QString();
}

} // namespace

CheckError parseError(const QString &message)
{
    return CheckError{CheckStatus::ParseError, message, std::nullopt};
}

namespace {

tl::expected<Amount, CheckError> bounded(std::optional<Amount> result)
{
    const Amount limit = Amount::fromMicros(Amount::kMaxMicros);
    if (!result || *result > limit || *result < Amount::fromMicros(-Amount::kMaxMicros))
        return tl::unexpected(parseError(
            QStringLiteral("the amounts in the answer add up to more than ±%1").arg(limit.toString())));
    return *result;
}

} // namespace

tl::expected<Amount, CheckError> sum(Amount a, Amount b)
{
    return bounded(a.plus(b));
}

tl::expected<Amount, CheckError> difference(Amount a, Amount b)
{
    return bounded(a.minus(b));
}

tl::expected<Amount, CheckError> negation(Amount a)
{
    return bounded(a.negated());
}

std::optional<CheckError> errorForStatus(const HttpReply &reply)
{
    if (reply.status >= 200 && reply.status < 300)
        return std::nullopt;
    const QString said = messageFromBody(reply.body);
    const QString suffix = said.isEmpty() ? QString() : QStringLiteral(": ") + said;
    // OpenAI's legacy billing endpoints (which relays imitate) refuse ordinary keys this way:
    // not a wrong key, but a key that can never report a balance.
    if (said.contains(QLatin1String("session key"), Qt::CaseInsensitive))
        return CheckError{
            CheckStatus::Unsupported,
            QStringLiteral("this key cannot report a balance: the endpoint needs a browser session "
                           "key%1. For OpenAI use an Admin key with the openai-admin platform")
                .arg(suffix),
            std::nullopt};
    if (reply.status == 401 || reply.status == 403)
        return CheckError{
            CheckStatus::AuthError,
            QStringLiteral("the provider refused the key (HTTP %1)%2; check that the key is right, "
                           "active, and of the kind this platform needs")
                .arg(reply.status)
                .arg(suffix),
            std::nullopt};
    // Gone: the provider retired the endpoint. Asking again in a minute will not bring it back.
    if (reply.status == 410)
        return CheckError{CheckStatus::Unsupported,
                          QStringLiteral("the provider retired this balance endpoint (HTTP 410 Gone)%1; an "
                                         "API key cannot read this balance any more")
                              .arg(suffix),
                          std::nullopt};
    if (reply.status == 402)
        return CheckError{
            CheckStatus::ProviderError,
            QStringLiteral("out of credit (HTTP 402)%1; the account has no balance left: top it "
                           "up with the provider")
                .arg(suffix),
            std::nullopt, true};
    if (reply.status == 429) {
        const auto retryAfter = retryAfterSeconds(reply);
        return CheckError{
            CheckStatus::RateLimited,
            retryAfter ? QStringLiteral("rate limited by the provider; retry after %1 s").arg(*retryAfter)
                       : QStringLiteral("rate limited by the provider (HTTP 429)"),
            retryAfter};
    }
    if (reply.status >= 500)
        return CheckError{
            CheckStatus::ProviderError,
            QStringLiteral("the provider had a server error (HTTP %1)%2; it is usually temporary")
                .arg(reply.status)
                .arg(suffix),
            retryAfterSeconds(reply)};
    if (reply.status == 404)
        return CheckError{
            CheckStatus::ProviderError,
            QStringLiteral("the balance endpoint was not found (HTTP 404)%1; check the base URL").arg(suffix),
            std::nullopt};
    return CheckError{CheckStatus::ProviderError,
                      QStringLiteral("the provider answered HTTP %1%2").arg(reply.status).arg(suffix),
                      std::nullopt};
}

tl::expected<QJsonObject, CheckError> jsonObject(const HttpReply &reply)
{
    if (reply.body.trimmed().isEmpty())
        return tl::unexpected(CheckError{
            CheckStatus::ProviderError,
            QStringLiteral("the provider sent an empty answer (HTTP %1)").arg(reply.status), std::nullopt});
    if (looksLikeHtml(reply.body))
        return tl::unexpected(
            CheckError{CheckStatus::ProviderError,
                       QStringLiteral("the provider answered with a web page instead of JSON (HTTP "
                                      "%1); check the base URL, or the site may be down")
                           .arg(reply.status),
                       std::nullopt});
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(reply.body, &error);
    if (error.error != QJsonParseError::NoError)
        return tl::unexpected(parseError(
            QStringLiteral("the answer is not valid JSON (%1 at byte %2); it may have been cut off")
                .arg(error.errorString())
                .arg(error.offset)));
    if (!document.isObject())
        return tl::unexpected(parseError(QStringLiteral("the answer is JSON but not an object")));
    return document.object();
}

tl::expected<QJsonObject, CheckError> successfulJson(const HttpReply &reply)
{
    if (auto error = errorForStatus(reply))
        return tl::unexpected(*error);
    return jsonObject(reply);
}

QJsonValue valueAt(const QJsonObject &object, QStringView path)
{
    QJsonValue current = object;
    for (const QStringView part : path.split(u'.')) {
        if (!current.isObject())
            return QJsonValue(QJsonValue::Undefined);
        current = current.toObject().value(part);
    }
    return current;
}

tl::expected<Amount, CheckError> amountOf(const QJsonValue &value, QStringView path)
{
    if (value.isUndefined() || value.isNull())
        return tl::unexpected(parseError(QStringLiteral("the field “%1” is missing").arg(path)));
    tl::expected<Amount, Amount::Invalid> amount = tl::unexpected(Amount::Invalid::NotANumber);
    if (value.isDouble())
        amount = Amount::fromDoubleChecked(value.toDouble());
    else if (value.isString())
        amount = Amount::parseChecked(value.toString());
    if (amount)
        return *amount;
    if (amount.error() == Amount::Invalid::OutOfRange)
        return tl::unexpected(parseError(QStringLiteral("the field “%1” is out of range (beyond ±%2)")
                                             .arg(path, Amount::fromMicros(Amount::kMaxMicros).toString())));
    return tl::unexpected(parseError(QStringLiteral("the field “%1” is not a number").arg(path)));
}

tl::expected<Amount, CheckError> amountAt(const QJsonObject &object, QStringView path)
{
    return amountOf(valueAt(object, path), path);
}

namespace {

tl::expected<std::optional<Amount>, CheckError> optionalAmountOf(const QJsonValue &value, QStringView path)
{
    if (value.isUndefined() || value.isNull())
        return std::optional<Amount>();
    auto amount = amountOf(value, path);
    if (!amount)
        return tl::unexpected(amount.error());
    return std::optional<Amount>(*amount);
}

} // namespace

tl::expected<std::optional<Amount>, CheckError> optionalAmountAt(const QJsonObject &object, QStringView path)
{
    return optionalAmountOf(valueAt(object, path), path);
}

tl::expected<std::optional<Amount>, CheckError> optionalFieldOf(const QJsonObject &object,
                                                                const QString &field, const QString &where)
{
    return optionalAmountOf(object.value(field), QString(where + u'.' + field));
}

std::optional<qint64> millisecondsOf(const QJsonValue &value)
{
    constexpr double kYear10000Ms = 253'402'300'800'000.0;
    if (value.isDouble()) {
        const double ms = value.toDouble();
        if (!(ms >= 0 && ms < kYear10000Ms))
            return std::nullopt;
        return qint64(ms);
    }
    if (value.isString()) {
        bool ok = false;
        const qint64 ms = value.toString().trimmed().toLongLong(&ok);
        if (ok && ms >= 0 && ms < qint64(kYear10000Ms))
            return ms;
    }
    return std::nullopt;
}

QDateTime timeFromEpochMs(const QJsonValue &value)
{
    const std::optional<qint64> ms = millisecondsOf(value);
    return ms && *ms > 0 ? QDateTime::fromMSecsSinceEpoch(*ms, Qt::UTC) : QDateTime();
}

QString providerMessage(const QJsonObject &object)
{
    const QJsonValue error = object.value(QLatin1String("error"));
    if (error.isObject()) {
        const QString message = error.toObject().value(QLatin1String("message")).toString();
        if (!message.isEmpty())
            return shortened(message);
    }
    if (error.isString() && !error.toString().isEmpty())
        return shortened(error.toString());
    for (const char *field : {"message", "msg", "error_msg", "detail"}) {
        const QJsonValue value = object.value(QLatin1String(field));
        if (value.isString() && !value.toString().isEmpty())
            return shortened(value.toString());
        if (value.isObject()) {
            const QJsonObject inner = value.toObject();
            const QString text = inner.value(QLatin1String("message")).toString();
            if (!text.isEmpty())
                return shortened(text);
            const QString status = inner.value(QLatin1String("status")).toString();
            if (!status.isEmpty())
                return shortened(status);
        }
    }
    return {};
}

Amount divide(Amount amount, qint64 divisor)
{
    if (divisor <= 0)
        return amount;
    // micros / divisor, rounded half away from zero, without leaving integers.
    const qint64 micros = amount.micros();
    const qint64 quotient = micros / divisor;
    const qint64 remainder = micros % divisor;
    // |remainder| >= divisor - |remainder| is |remainder| * 2 >= divisor without overflowing.
    const qint64 magnitude = std::llabs(remainder);
    const qint64 rounding = (magnitude >= divisor - magnitude) ? (micros < 0 ? -1 : 1) : 0;
    return Amount::fromMicros(quotient + rounding);
}

} // namespace qw::reply
