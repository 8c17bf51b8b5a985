#include "core/rest/jsonbody.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <cmath>

namespace qw::rest {

std::optional<JsonBody> JsonBody::parse(const QByteArray &body)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return JsonBody(document.object());
}

Error JsonBody::wrongType(const QString &field, const char *expected)
{
    return Error{ErrorCode::InvalidInput,
                 QStringLiteral("%1: must be %2").arg(field, QLatin1String(expected))};
}

Error JsonBody::missing(const QString &field)
{
    return Error{ErrorCode::InvalidInput, QStringLiteral("%1: field required").arg(field)};
}

bool JsonBody::has(const QString &field) const
{
    return m_object.contains(field) && !m_object.value(field).isNull();
}

Result<QString> JsonBody::requiredString(const QString &field) const
{
    if (!has(field))
        return tl::unexpected(missing(field));
    const QJsonValue value = m_object.value(field);
    if (!value.isString())
        return tl::unexpected(wrongType(field, "a string"));
    return value.toString();
}

Result<std::optional<QString>> JsonBody::optionalString(const QString &field) const
{
    if (!has(field))
        return std::optional<QString>();
    const QJsonValue value = m_object.value(field);
    if (!value.isString())
        return tl::unexpected(wrongType(field, "a string"));
    return std::optional<QString>(value.toString());
}

Result<std::optional<double>> JsonBody::optionalNumber(const QString &field) const
{
    if (!has(field))
        return std::optional<double>();
    const QJsonValue value = m_object.value(field);
    if (!value.isDouble() || !std::isfinite(value.toDouble()))
        return tl::unexpected(wrongType(field, "a number"));
    return std::optional<double>(value.toDouble());
}

Result<std::optional<qint64>> JsonBody::optionalInteger(const QString &field) const
{
    auto number = optionalNumber(field);
    if (!number)
        return tl::unexpected(wrongType(field, "an integer"));
    if (!*number)
        return std::optional<qint64>();
    const double value = **number;
    // 2^53: beyond it a JSON number no longer holds every integer exactly.
    if (value != std::trunc(value) || std::fabs(value) > 9007199254740992.0)
        return tl::unexpected(wrongType(field, "an integer"));
    return std::optional<qint64>(qint64(value));
}

Result<std::optional<bool>> JsonBody::optionalBool(const QString &field) const
{
    if (!has(field))
        return std::optional<bool>();
    const QJsonValue value = m_object.value(field);
    if (!value.isBool())
        return tl::unexpected(wrongType(field, "true or false"));
    return std::optional<bool>(value.toBool());
}

Result<std::optional<QJsonObject>> JsonBody::optionalObject(const QString &field) const
{
    if (!has(field))
        return std::optional<QJsonObject>();
    const QJsonValue value = m_object.value(field);
    if (!value.isObject())
        return tl::unexpected(wrongType(field, "an object"));
    return std::optional<QJsonObject>(value.toObject());
}

Result<std::optional<QStringList>> JsonBody::optionalStringList(const QString &field) const
{
    if (!has(field))
        return std::optional<QStringList>();
    const QJsonValue value = m_object.value(field);
    if (!value.isArray())
        return tl::unexpected(wrongType(field, "an array of strings"));
    QStringList items;
    for (const QJsonValue &item : value.toArray()) {
        if (!item.isString())
            return tl::unexpected(wrongType(field, "an array of strings"));
        items.append(item.toString());
    }
    return std::optional<QStringList>(std::move(items));
}

} // namespace qw::rest
