#include "core/alerts/webhooks/webhooktext.h"

#include <QJsonValue>

namespace qw {

namespace {

constexpr QChar kEllipsis(0x2026);
// A service's error text is quoted up to this length; the rest is noise for a status line.
constexpr qsizetype kDetailMaxChars = 200;

// One line of a service's own error text, short enough for a status line.
QString detailText(QString text)
{
    text = text.simplified();
    if (text.size() > kDetailMaxChars)
        text = WebhookText::truncatedUtf16(text, kDetailMaxChars);
    return text;
}

} // namespace

QString WebhookText::truncatedUtf16(const QString &text, qsizetype max)
{
    if (text.size() <= max)
        return text;
    qsizetype cut = max - 1; // room for the ellipsis
    if (cut > 0 && text.at(cut - 1).isHighSurrogate())
        --cut;
    return text.left(cut) + kEllipsis;
}

QString WebhookText::truncatedUtf8(const QString &text, qsizetype maxBytes)
{
    if (text.toUtf8().size() <= maxBytes)
        return text;
    const qsizetype budget = maxBytes - 3; // "…" is three bytes in UTF-8
    qsizetype bytes = 0;
    qsizetype i = 0;
    while (i < text.size()) {
        const bool pair =
            text.at(i).isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate();
        const char32_t code =
            pair ? QChar::surrogateToUcs4(text.at(i), text.at(i + 1)) : text.at(i).unicode();
        // A lone surrogate goes out as U+FFFD, three bytes like any other BMP character.
        const qsizetype length = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
        if (bytes + length > budget)
            break;
        bytes += length;
        i += pair ? 2 : 1;
    }
    return text.left(i) + kEllipsis;
}

QString WebhookText::jsonDetail(const QJsonObject &body, std::initializer_list<QLatin1String> fields)
{
    for (const QLatin1String field : fields) {
        const QJsonValue value = body.value(field);
        if (value.isString() && !value.toString().trimmed().isEmpty())
            return detailText(value.toString());
        // Some servers nest it: {"error": {"message": "..."}}.
        if (const QJsonValue nested = value.toObject().value(QLatin1String("message")); nested.isString())
            return detailText(nested.toString());
    }
    return {};
}

QString WebhookText::textDetail(const QByteArray &body)
{
    const QString text = QString::fromUtf8(body).trimmed();
    if (text.isEmpty() || text.startsWith(QLatin1Char('<')) || text.size() > kDetailMaxChars)
        return {};
    return detailText(text);
}

std::optional<QString> WebhookText::option(const QJsonObject &options, const QString &name)
{
    const QJsonValue value = options.value(name);
    if (value.isUndefined() || value.isNull())
        return QString();
    if (value.isString())
        return value.toString().trimmed();
    if (value.isDouble()) {
        const double number = value.toDouble();
        if (number == double(qint64(number)))
            return QString::number(qint64(number));
    }
    return std::nullopt;
}

} // namespace qw
