// What every adapter does with a reply before its own fields: HTTP statuses to CheckStatus,
// HTML error pages and broken JSON told apart, and numbers read from JSON numbers or numeric
// strings with errors that name the field.
#pragma once

#include "adapters/balancereading.h"
#include "adapters/httpexchange.h"

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>

namespace qw::reply {

// A CheckError for any non-2xx status: an answer that the endpoint needs a browser session key
// (OpenAI's legacy billing) unsupported, 401/403 auth_error, 402 out of credit (outOfCredit set),
// 410 unsupported (the endpoint was retired), 429 rate_limited (with Retry-After),
// 5xx provider_error, other 4xx provider_error. The provider's own message is included when its
// error body says one. nullopt for 2xx.
[[nodiscard]] std::optional<CheckError> errorForStatus(const HttpReply &reply);

// The body as a JSON object: provider_error for an HTML page or an empty body, parse_error for
// anything that is not a JSON object (truncated, an array, garbage).
[[nodiscard]] tl::expected<QJsonObject, CheckError> jsonObject(const HttpReply &reply);

// errorForStatus(), then jsonObject(): the usual first step of a parse.
[[nodiscard]] tl::expected<QJsonObject, CheckError> successfulJson(const HttpReply &reply);

// The value at a dotted path ("data.limit_remaining"); Undefined when any step is missing.
[[nodiscard]] QJsonValue valueAt(const QJsonObject &object, QStringView path);

// A decimal from a JSON number or a numeric string. parse_error naming `path` when missing
// (required) or not a number. Null counts as missing.
[[nodiscard]] tl::expected<Amount, CheckError> amountAt(const QJsonObject &object, QStringView path);
[[nodiscard]] tl::expected<std::optional<Amount>, CheckError> optionalAmountAt(const QJsonObject &object,
                                                                               QStringView path);
[[nodiscard]] tl::expected<Amount, CheckError> amountOf(const QJsonValue &value, QStringView path);
// The number in `object`'s `field`, which may be missing or null; an error names it by its full
// path, `where`.`field` ("limits[1].detail.used").
[[nodiscard]] tl::expected<std::optional<Amount>, CheckError>
optionalFieldOf(const QJsonObject &object, const QString &field, const QString &where);

// A whole, non-negative number of milliseconds from a JSON number or a numeric string; nullopt
// otherwise, and beyond the year 9999 (a double past qint64 does not convert: undefined behaviour).
[[nodiscard]] std::optional<qint64> millisecondsOf(const QJsonValue &value);
// A time sent as milliseconds since the epoch (a number or a numeric string), UTC; invalid when
// missing, zero or not a time.
[[nodiscard]] QDateTime timeFromEpochMs(const QJsonValue &value);

// The provider's message in a JSON error body ({"error": {"message"}}, {"message"}, {"msg"},
// {"detail"}, {"error": "..."}), shortened; empty when there is none.
[[nodiscard]] QString providerMessage(const QJsonObject &object);

[[nodiscard]] CheckError parseError(const QString &message);

// a + b, a - b and -a for amounts from an answer, checked: parse_error when the result overflows
// or lies beyond ±Amount::kMaxUnits, so no reading ever holds a wrapped or absurd number.
[[nodiscard]] tl::expected<Amount, CheckError> sum(Amount a, Amount b);
[[nodiscard]] tl::expected<Amount, CheckError> difference(Amount a, Amount b);
[[nodiscard]] tl::expected<Amount, CheckError> negation(Amount a);

// Amount / divisor, exact for divisors that are powers of ten and rounded to micro-units
// otherwise (quota units per USD, cents).
[[nodiscard]] Amount divide(Amount amount, qint64 divisor);

} // namespace qw::reply
