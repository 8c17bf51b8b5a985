// Holds a JSON value to a schema of the OpenAPI document, so tests can check that what the API
// really answers is what core/rest/openapi.json promises. It knows the part of OpenAPI 3.0's
// Schema Object the document uses ($ref, type, nullable, enum, required, properties,
// additionalProperties, items, allOf, oneOf, minimum, maximum, minLength, maxLength, pattern and
// the date-time format), and it is strict: a property the schema does not name is a violation
// too, so the code and the document cannot drift apart unnoticed.
#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>

namespace qw::test {

class OpenApiSchema final
{
public:
    explicit OpenApiSchema(QJsonObject document)
        : m_document(std::move(document))
    {}

    // What in `value` breaks #/components/schemas/`name`, one line each ("$.latest.status: ...");
    // empty when it conforms.
    [[nodiscard]] QStringList violations(const QString &name, const QJsonValue &value) const;
    // The same for the JSON body of the answer `status` to `method` ("get") on the documented
    // `path` ("/api/keys/{id}"); an undocumented answer is a violation of its own.
    [[nodiscard]] QStringList responseViolations(const QString &method, const QString &path, int status,
                                                 const QJsonValue &body) const;

private:
    [[nodiscard]] QJsonObject resolve(const QJsonObject &object) const;
    void check(const QJsonObject &schema, const QJsonValue &value, const QString &where,
               QStringList &out) const;

    QJsonObject m_document;
};

} // namespace qw::test
