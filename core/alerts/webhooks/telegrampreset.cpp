#include "core/alerts/webhooks/telegrampreset.h"

#include "core/alerts/webhooks/webhooktext.h"

#include <algorithm>
#include <optional>

namespace qw {

namespace {

enum class TelegramMarkup
{
    None,
    Html,
    MarkdownV2,
    Markdown,
};

std::optional<TelegramMarkup> telegramMarkup(const QString &parseMode)
{
    if (parseMode.isEmpty())
        return TelegramMarkup::None;
    if (parseMode.compare(QLatin1String("HTML"), Qt::CaseInsensitive) == 0)
        return TelegramMarkup::Html;
    if (parseMode.compare(QLatin1String("MarkdownV2"), Qt::CaseInsensitive) == 0)
        return TelegramMarkup::MarkdownV2;
    if (parseMode.compare(QLatin1String("Markdown"), Qt::CaseInsensitive) == 0)
        return TelegramMarkup::Markdown;
    return std::nullopt;
}

// Telegram rejects a whole message whose markup does not parse, so the alert's own text (a key
// name may hold '_' or '<') is escaped as the chosen mode requires.
QString telegramEscaped(const QString &text, TelegramMarkup markup)
{
    QString out;
    out.reserve(text.size() + text.size() / 8);
    for (const QChar c : text) {
        switch (markup) {
        case TelegramMarkup::None:
            out += c;
            break;
        case TelegramMarkup::Html:
            if (c == QLatin1Char('&'))
                out += QLatin1String("&amp;");
            else if (c == QLatin1Char('<'))
                out += QLatin1String("&lt;");
            else if (c == QLatin1Char('>'))
                out += QLatin1String("&gt;");
            else
                out += c;
            break;
        case TelegramMarkup::MarkdownV2:
            if (c.unicode() < 0x80 && QByteArrayView("_*[]()~`>#+-=|{}.!\\").contains(char(c.unicode())))
                out += QLatin1Char('\\');
            out += c;
            break;
        case TelegramMarkup::Markdown:
            if (c.unicode() < 0x80 && QByteArrayView("_*`[").contains(char(c.unicode())))
                out += QLatin1Char('\\');
            out += c;
            break;
        }
    }
    return out;
}

// `title` in bold for legacy Markdown. That mode allows no escape inside an entity (a "\_"
// there shows as "\_"), and everything up to the next '*' is bold text as it stands; so only a
// '*' needs care: the bold is closed before it, the '*' escaped outside, and reopened after,
// as Telegram's documentation shows ("*2*\**2=4*" for a bold 2*2=4).
QString legacyMarkdownBold(const QString &title)
{
    QString out;
    const QStringList parts = title.split(QLatin1Char('*'));
    for (qsizetype i = 0; i < parts.size(); ++i) {
        if (i > 0)
            out += QLatin1String("\\*");
        if (!parts.at(i).isEmpty()) // an empty entity "**" is not one Telegram parses
            out += QLatin1Char('*') + parts.at(i) + QLatin1Char('*');
    }
    return out;
}

// The Telegram text: plain, or with the title in bold. The 4096 limit counts the text after
// the markup is parsed, so the visible text is cut first and escaped afterwards.
QString telegramText(const AlertNotice &notice, TelegramMarkup markup)
{
    const QString visible = WebhookText::truncatedUtf16(notice.plainText(), TelegramPreset::MaxChars);
    if (markup == TelegramMarkup::None)
        return visible;
    const qsizetype titleLength = std::min(notice.alert.title.size(), visible.size());
    const QString rest = telegramEscaped(visible.mid(titleLength), markup);
    if (titleLength == 0)
        return rest;
    if (markup == TelegramMarkup::Markdown)
        return legacyMarkdownBold(visible.left(titleLength)) + rest;
    const QString title = telegramEscaped(visible.left(titleLength), markup);
    if (markup == TelegramMarkup::Html)
        return QLatin1String("<b>") + title + QLatin1String("</b>") + rest;
    return QLatin1Char('*') + title + QLatin1Char('*') + rest;
}

// The Telegram URL's path without a trailing "/sendMessage" and slashes: "/bot<token>".
QString telegramBotPath(const QUrl &url)
{
    QString path = url.path(QUrl::FullyEncoded);
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    if (path.endsWith(QLatin1String("/sendMessage"), Qt::CaseInsensitive))
        path.chop(int(QLatin1String("/sendMessage").size()));
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    return path;
}

} // namespace

QString TelegramPreset::serviceName() const
{
    return QStringLiteral("Telegram");
}

QString TelegramPreset::urlLabel() const
{
    return QStringLiteral("the Telegram bot URL");
}

QString TelegramPreset::urlExample() const
{
    return QStringLiteral("https://api.telegram.org/bot<token>");
}

Result<void> TelegramPreset::validate(const WebhookTarget &target, const QUrl &url) const
{
    if (telegramBotPath(url).isEmpty())
        return invalid(urlLabel() + QStringLiteral(" (on ") + url.host() +
                       QStringLiteral(") has no bot token; it must look like ") + urlExample());
    const std::optional<QString> chatId = WebhookText::option(target.options, QStringLiteral("chat_id"));
    if (!chatId)
        return invalid(QStringLiteral("the Telegram chat_id must be a chat number or an @channel name"));
    if (chatId->isEmpty())
        return invalid(
            QStringLiteral("a Telegram channel needs a chat_id: the chat number (ask @userinfobot) "
                           "or the @name of a channel the bot belongs to"));
    const std::optional<QString> parseMode =
        WebhookText::option(target.options, QStringLiteral("parse_mode"));
    if (!parseMode || !telegramMarkup(*parseMode))
        return invalid(
            QStringLiteral("the Telegram parse_mode must be HTML, MarkdownV2 or Markdown, or empty"));
    return {};
}

Result<QJsonObject> TelegramPreset::payload(const WebhookTarget &target, const AlertNotice &notice,
                                            const QDateTime &, WebhookRequest &request) const
{
    QUrl url(request.url);
    url.setPath(telegramBotPath(url) + QStringLiteral("/sendMessage"), QUrl::TolerantMode);
    request.url = url.toString(QUrl::FullyEncoded);
    request.spec.path.clear();
    const QString parseMode =
        WebhookText::option(target.options, QStringLiteral("parse_mode")).value_or(QString());
    const TelegramMarkup markup = telegramMarkup(parseMode).value_or(TelegramMarkup::None);
    QJsonObject body{
        {QStringLiteral("chat_id"),
         WebhookText::option(target.options, QStringLiteral("chat_id")).value_or(QString())},
        {QStringLiteral("text"), telegramText(notice, markup)},
    };
    if (markup != TelegramMarkup::None)
        body.insert(QStringLiteral("parse_mode"), parseMode);
    return body;
}

Result<void> TelegramPreset::checkReply(const HttpReply &reply) const
{
    const QJsonObject json = replyObject(reply);
    const QString detail = WebhookText::jsonDetail(json, {QLatin1String("description")});
    if (!succeeded(reply))
        return refused(reply.status, detail);
    if (json.value(QLatin1String("ok")).toBool(false))
        return {};
    if (!json.contains(QLatin1String("ok")))
        return unreadable(reply.status);
    return rejected(detail, QStringLiteral("error_code"), json.value(QLatin1String("error_code")));
}

} // namespace qw
