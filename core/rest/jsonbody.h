// A request's JSON object and its fields, read the way every controller must: a body that is not
// JSON (or not an object) is a 400; a field that is missing or of the wrong type is a 422 that
// names it. The errors are InvalidInput whose message starts with the field's name.
#pragma once

#include "core/result.h"

#include <QJsonObject>
#include <QStringList>
#include <optional>

namespace qw::rest {

class JsonBody final
{
public:
    // nullopt when `body` is not a JSON object (the caller answers 400 with notAnObject()).
    [[nodiscard]] static std::optional<JsonBody> parse(const QByteArray &body);
    [[nodiscard]] static QString notAnObject() { return QStringLiteral("the body is not a JSON object"); }
    explicit JsonBody(QJsonObject object)
        : m_object(std::move(object))
    {}

    [[nodiscard]] const QJsonObject &object() const { return m_object; }
    [[nodiscard]] bool has(const QString &field) const;

    [[nodiscard]] Result<QString> requiredString(const QString &field) const;
    // nullopt when absent or null.
    [[nodiscard]] Result<std::optional<QString>> optionalString(const QString &field) const;
    [[nodiscard]] Result<std::optional<double>> optionalNumber(const QString &field) const;
    [[nodiscard]] Result<std::optional<qint64>> optionalInteger(const QString &field) const;
    [[nodiscard]] Result<std::optional<bool>> optionalBool(const QString &field) const;
    [[nodiscard]] Result<std::optional<QJsonObject>> optionalObject(const QString &field) const;
    [[nodiscard]] Result<std::optional<QStringList>> optionalStringList(const QString &field) const;

    [[nodiscard]] static Error wrongType(const QString &field, const char *expected);
    [[nodiscard]] static Error missing(const QString &field);

private:
    QJsonObject m_object;
};

} // namespace qw::rest
