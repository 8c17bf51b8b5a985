#include "tests/rest/openapischema.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <cmath>

namespace qw::test {

namespace {

QString typeOf(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("boolean");
    case QJsonValue::Double:
        return QStringLiteral("number");
    case QJsonValue::String:
        return QStringLiteral("string");
    case QJsonValue::Array:
        return QStringLiteral("array");
    case QJsonValue::Object:
        return QStringLiteral("object");
    default:
        return QStringLiteral("undefined");
    }
}

bool hasType(const QJsonValue &value, const QString &type)
{
    if (type == QLatin1String("integer"))
        return value.isDouble() && std::floor(value.toDouble()) == value.toDouble();
    return typeOf(value) == type;
}

QString shown(const QJsonValue &value)
{
    const QByteArray json = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(json.mid(1, json.size() - 2)).left(60);
}

} // namespace

QJsonObject OpenApiSchema::resolve(const QJsonObject &object) const
{
    QJsonObject resolved = object;
    // References chain at most a few deep in this document; the bound keeps a cycle from hanging.
    for (int depth = 0; depth < 8 && resolved.contains(QStringLiteral("$ref")); ++depth) {
        const QString ref = resolved.value(QStringLiteral("$ref")).toString();
        if (!ref.startsWith(QLatin1String("#/")))
            return {};
        QJsonValue node = m_document;
        for (const QString &part : ref.mid(2).split(u'/'))
            node = node.toObject().value(part);
        resolved = node.toObject();
    }
    return resolved;
}

QStringList OpenApiSchema::violations(const QString &name, const QJsonValue &value) const
{
    QStringList out;
    const QJsonObject schema = m_document.value(QStringLiteral("components"))
                                   .toObject()
                                   .value(QStringLiteral("schemas"))
                                   .toObject()
                                   .value(name)
                                   .toObject();
    if (schema.isEmpty())
        return {QStringLiteral("the document has no schema %1").arg(name)};
    check(schema, value, QStringLiteral("$"), out);
    return out;
}

QStringList OpenApiSchema::responseViolations(const QString &method, const QString &path, int status,
                                              const QJsonValue &body) const
{
    const QJsonObject responses = m_document.value(QStringLiteral("paths"))
                                      .toObject()
                                      .value(path)
                                      .toObject()
                                      .value(method)
                                      .toObject()
                                      .value(QStringLiteral("responses"))
                                      .toObject();
    const QString name = method.toUpper() + u' ' + path;
    if (!responses.contains(QString::number(status)))
        return {QStringLiteral("%1 does not document the answer %2").arg(name).arg(status)};
    const QJsonObject schema = resolve(responses.value(QString::number(status)).toObject())
                                   .value(QStringLiteral("content"))
                                   .toObject()
                                   .value(QStringLiteral("application/json"))
                                   .toObject()
                                   .value(QStringLiteral("schema"))
                                   .toObject();
    if (schema.isEmpty())
        return {QStringLiteral("%1 documents no JSON body for %2").arg(name).arg(status)};
    QStringList out;
    check(schema, body, QStringLiteral("$"), out);
    return out;
}

void OpenApiSchema::check(const QJsonObject &unresolved, const QJsonValue &value, const QString &where,
                          QStringList &out) const
{
    const QJsonObject schema = resolve(unresolved);
    if (schema.isEmpty() && !unresolved.isEmpty()) {
        out << QStringLiteral("%1: the schema's reference leads nowhere").arg(where);
        return;
    }
    if (value.isNull() && schema.value(QStringLiteral("nullable")).toBool())
        return;

    for (const QJsonValue &part : schema.value(QStringLiteral("allOf")).toArray())
        check(part.toObject(), value, where, out);
    if (schema.contains(QStringLiteral("oneOf"))) {
        int matching = 0;
        for (const QJsonValue &part : schema.value(QStringLiteral("oneOf")).toArray()) {
            QStringList ignored;
            check(part.toObject(), value, where, ignored);
            matching += ignored.isEmpty() ? 1 : 0;
        }
        if (matching != 1)
            out << QStringLiteral("%1: %2 matches %3 of the oneOf schemas, not one")
                       .arg(where, shown(value))
                       .arg(matching);
    }

    const QString type = schema.value(QStringLiteral("type")).toString();
    if (!type.isEmpty() && !hasType(value, type)) {
        out << QStringLiteral("%1: %2 is not of type %3").arg(where, shown(value), type);
        return;
    }
    if (schema.contains(QStringLiteral("enum")) &&
        !schema.value(QStringLiteral("enum")).toArray().contains(value))
        out << QStringLiteral("%1: %2 is not one of %3")
                   .arg(where, shown(value),
                        QString::fromUtf8(QJsonDocument(schema.value(QStringLiteral("enum")).toArray())
                                              .toJson(QJsonDocument::Compact)));

    if (value.isDouble()) {
        const double number = value.toDouble();
        if (schema.contains(QStringLiteral("minimum")) &&
            number < schema.value(QStringLiteral("minimum")).toDouble())
            out << QStringLiteral("%1: %2 is below the minimum").arg(where, shown(value));
        if (schema.contains(QStringLiteral("maximum")) &&
            number > schema.value(QStringLiteral("maximum")).toDouble())
            out << QStringLiteral("%1: %2 is above the maximum").arg(where, shown(value));
    }
    if (value.isString()) {
        const QString text = value.toString();
        if (schema.contains(QStringLiteral("minLength")) &&
            text.size() < schema.value(QStringLiteral("minLength")).toInt())
            out << QStringLiteral("%1: %2 is shorter than minLength").arg(where, shown(value));
        if (schema.contains(QStringLiteral("maxLength")) &&
            text.size() > schema.value(QStringLiteral("maxLength")).toInt())
            out << QStringLiteral("%1: %2 is longer than maxLength").arg(where, shown(value));
        if (schema.contains(QStringLiteral("pattern")) &&
            !QRegularExpression(schema.value(QStringLiteral("pattern")).toString()).match(text).hasMatch())
            out << QStringLiteral("%1: %2 does not match the pattern").arg(where, shown(value));
        if (schema.value(QStringLiteral("format")).toString() == QLatin1String("date-time") &&
            !QDateTime::fromString(text, Qt::ISODateWithMs).isValid())
            out << QStringLiteral("%1: %2 is not an ISO 8601 date-time").arg(where, shown(value));
    }
    if (value.isArray() && schema.contains(QStringLiteral("items"))) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            check(schema.value(QStringLiteral("items")).toObject(), array.at(i),
                  QStringLiteral("%1[%2]").arg(where).arg(i), out);
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        const QJsonObject properties = schema.value(QStringLiteral("properties")).toObject();
        for (const QJsonValue &required : schema.value(QStringLiteral("required")).toArray()) {
            if (!object.contains(required.toString()))
                out << QStringLiteral("%1: the required property %2 is missing")
                           .arg(where, required.toString());
        }
        const QJsonValue additional = schema.value(QStringLiteral("additionalProperties"));
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QString at = where + u'.' + it.key();
            if (properties.contains(it.key()))
                check(properties.value(it.key()).toObject(), it.value(), at, out);
            else if (additional.isObject())
                check(additional.toObject(), it.value(), at, out);
            else if (additional != QJsonValue(true) && schema.contains(QStringLiteral("properties")))
                out << QStringLiteral("%1: not in the document").arg(at);
        }
    }
}

} // namespace qw::test
