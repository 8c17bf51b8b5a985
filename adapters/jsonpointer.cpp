#include "adapters/jsonpointer.h"

#include <QJsonArray>
#include <QJsonObject>

namespace qw {

namespace {

// Undoes the escapes of one token: "~1" is "/", "~0" is "~". nullopt for a bad escape.
std::optional<QString> unescape(QStringView token)
{
    QString result;
    result.reserve(token.size());
    for (qsizetype i = 0; i < token.size(); ++i) {
        if (token[i] != u'~') {
            result += token[i];
            continue;
        }
        if (i + 1 >= token.size())
            return std::nullopt;
        const QChar next = token[++i];
        if (next == u'0')
            result += u'~';
        else if (next == u'1')
            result += u'/';
        else
            return std::nullopt;
    }
    return result;
}

std::optional<qsizetype> arrayIndex(const QString &token)
{
    // RFC 6901: "0" or a digit 1-9 followed by digits; no sign, space or leading zero.
    if (token.isEmpty() || (token.size() > 1 && token.startsWith(u'0')))
        return std::nullopt;
    for (const QChar c : token) {
        if (c < u'0' || c > u'9')
            return std::nullopt;
    }
    bool ok = false;
    const qlonglong index = token.toLongLong(&ok);
    if (!ok || index < 0)
        return std::nullopt;
    return qsizetype(index);
}

} // namespace

bool JsonPointer::isValid(QStringView pointer)
{
    if (pointer.isEmpty())
        return true;
    if (!pointer.startsWith(u'/'))
        return false;
    for (const QStringView token : pointer.mid(1).split(u'/')) {
        if (!unescape(token))
            return false;
    }
    return true;
}

QJsonValue JsonPointer::resolve(const QJsonValue &document, QStringView pointer)
{
    if (!isValid(pointer))
        return QJsonValue(QJsonValue::Undefined);
    if (pointer.isEmpty())
        return document;
    QJsonValue current = document;
    for (const QStringView raw : pointer.mid(1).split(u'/')) {
        const QString token = *unescape(raw);
        if (current.isObject()) {
            const QJsonObject object = current.toObject();
            if (!object.contains(token))
                return QJsonValue(QJsonValue::Undefined);
            current = object.value(token);
        } else if (current.isArray()) {
            const QJsonArray array = current.toArray();
            const auto index = arrayIndex(token);
            if (!index || *index >= array.size())
                return QJsonValue(QJsonValue::Undefined);
            current = array.at(*index);
        } else {
            return QJsonValue(QJsonValue::Undefined);
        }
    }
    return current;
}

} // namespace qw
