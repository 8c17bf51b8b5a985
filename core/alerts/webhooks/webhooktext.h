// Text helpers the webhook presets share: cutting a message to a service's limit, quoting a
// service's error text, reading a channel option.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <initializer_list>
#include <optional>

namespace qw {

class WebhookText final
{
public:
    // Cuts `text` to at most `max` UTF-16 units, ending in "…" when cut, never between the two
    // halves of a surrogate pair (a lone half is an invalid string that services reject).
    [[nodiscard]] static QString truncatedUtf16(const QString &text, qsizetype max);
    // Cuts `text` to at most `maxBytes` bytes of UTF-8, ending in "…" when cut, on a code point.
    [[nodiscard]] static QString truncatedUtf8(const QString &text, qsizetype maxBytes);

    // The first non-empty string among `fields` of a JSON object body, as one short line.
    [[nodiscard]] static QString jsonDetail(const QJsonObject &body,
                                            std::initializer_list<QLatin1String> fields);
    // A plain-text body quoted as the error (Slack answers "no_service"), when it is short and
    // printable; an HTML error page is not worth quoting.
    [[nodiscard]] static QString textDetail(const QByteArray &body);

    // An option's text: strings as they are (trimmed), whole numbers (a chat_id typed as a
    // number) in decimal, empty when absent; nullopt for any other type.
    [[nodiscard]] static std::optional<QString> option(const QJsonObject &options, const QString &name);
};

} // namespace qw
