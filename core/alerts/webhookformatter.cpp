#include "core/alerts/webhookformatter.h"

#include "core/crypto/securebytes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QUrl>
#include <QUrlQuery>
#include <algorithm>
#include <array>
#include <memory>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <optional>

namespace qw {

namespace {

constexpr QChar kEllipsis(0x2026);
// A service's error text is quoted up to this length; the rest is noise for a status line.
constexpr qsizetype kDetailMaxChars = 200;
constexpr qsizetype kHmacSize = 32;

struct MacDeleter
{
    void operator()(EVP_MAC *mac) const { EVP_MAC_free(mac); }
};
struct MacCtxDeleter
{
    void operator()(EVP_MAC_CTX *ctx) const { EVP_MAC_CTX_free(ctx); }
};

// HMAC-SHA256 of `data` under `key`, base64-encoded; nullopt when OpenSSL fails.
std::optional<QByteArray> hmacSha256Base64(QByteArrayView key, QByteArrayView data)
{
    std::unique_ptr<EVP_MAC, MacDeleter> mac(EVP_MAC_fetch(nullptr, OSSL_MAC_NAME_HMAC, nullptr));
    if (!mac)
        return std::nullopt;
    std::unique_ptr<EVP_MAC_CTX, MacCtxDeleter> ctx(EVP_MAC_CTX_new(mac.get()));
    if (!ctx)
        return std::nullopt;
    char digest[] = "SHA256";
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
        OSSL_PARAM_construct_end(),
    };
    std::array<unsigned char, kHmacSize> out{};
    size_t written = 0;
    if (EVP_MAC_init(ctx.get(), reinterpret_cast<const unsigned char *>(key.data()),
                     static_cast<size_t>(key.size()), params) != 1)
        return std::nullopt;
    // Feishu signs an empty message; skip the update rather than pass a null pointer.
    if (!data.isEmpty() && EVP_MAC_update(ctx.get(), reinterpret_cast<const unsigned char *>(data.data()),
                                          static_cast<size_t>(data.size())) != 1)
        return std::nullopt;
    if (EVP_MAC_final(ctx.get(), out.data(), &written, out.size()) != 1 || written != out.size())
        return std::nullopt;
    return QByteArray(reinterpret_cast<const char *>(out.data()), kHmacSize).toBase64();
}

// "timestamp\nsecret", the string both signing schemes are built on, in one allocation so no
// unwiped copy of the secret is left behind.
QByteArray joined(const QByteArray &timestamp, QByteArrayView secret)
{
    QByteArray out;
    out.reserve(timestamp.size() + 1 + secret.size());
    out.append(timestamp).append('\n').append(secret);
    return out;
}

// Cuts `text` to at most `max` UTF-16 units, ending in "…" when cut, never between the two
// halves of a surrogate pair (a lone half is an invalid string that services reject).
QString truncatedUtf16(const QString &text, qsizetype max)
{
    if (text.size() <= max)
        return text;
    qsizetype cut = max - 1; // room for the ellipsis
    if (cut > 0 && text.at(cut - 1).isHighSurrogate())
        --cut;
    return text.left(cut) + kEllipsis;
}

// Cuts `text` to at most `maxBytes` bytes of UTF-8, ending in "…" when cut, on a code point.
QString truncatedUtf8(const QString &text, qsizetype maxBytes)
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

// Slack reads "<...>" as links and mentions (<!channel>); its docs ask for exactly these three.
QString slackEscaped(QString text)
{
    text.replace(QLatin1Char('&'), QLatin1String("&amp;"));
    text.replace(QLatin1Char('<'), QLatin1String("&lt;"));
    text.replace(QLatin1Char('>'), QLatin1String("&gt;"));
    return text;
}

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

// The Telegram text: plain, or with the title in bold. The 4096 limit counts the text after
// the markup is parsed, so the visible text is cut first and escaped afterwards.
QString telegramText(const AlertNotice &notice, TelegramMarkup markup)
{
    const QString visible = truncatedUtf16(notice.plainText(), WebhookFormatter::TelegramMaxChars);
    if (markup == TelegramMarkup::None)
        return visible;
    const qsizetype titleLength = std::min(notice.alert.title.size(), visible.size());
    const QString title = telegramEscaped(visible.left(titleLength), markup);
    const QString rest = telegramEscaped(visible.mid(titleLength), markup);
    if (title.isEmpty())
        return rest;
    if (markup == TelegramMarkup::Html)
        return QLatin1String("<b>") + title + QLatin1String("</b>") + rest;
    return QLatin1Char('*') + title + QLatin1Char('*') + rest;
}

// An option's text: strings as they are, whole numbers (a chat_id typed as a number) in decimal.
std::optional<QString> optionText(const QJsonObject &options, const QString &name)
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

QLatin1String headerOptionPrefix()
{
    return QLatin1String("header.");
}

// RFC 9110 token characters: what a header name may consist of.
bool isHeaderName(QStringView name)
{
    if (name.isEmpty())
        return false;
    for (const QChar c : name) {
        const char16_t u = c.unicode();
        const bool alnum = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9');
        if (!alnum && !QStringView(u"!#$%&'*+-.^_`|~").contains(c))
            return false;
    }
    return true;
}

// Headers the HTTP stack owns; a channel setting them would break the request, not extend it.
bool isReservedHeader(QStringView name)
{
    for (const auto reserved : {u"host", u"content-length", u"transfer-encoding", u"connection"}) {
        if (name.compare(QStringView(reserved), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QString urlLabel(ChannelKind kind)
{
    switch (kind) {
    case ChannelKind::Webhook:
    case ChannelKind::Email:
        return QStringLiteral("the webhook URL");
    case ChannelKind::Telegram:
        return QStringLiteral("the Telegram bot URL");
    default:
        return QStringLiteral("the ") + WebhookFormatter::serviceName(kind) + QStringLiteral(" webhook URL");
    }
}

QString urlExample(ChannelKind kind)
{
    switch (kind) {
    case ChannelKind::Slack:
        return QStringLiteral("https://hooks.slack.com/services/…");
    case ChannelKind::Discord:
        return QStringLiteral("https://discord.com/api/webhooks/…");
    case ChannelKind::Telegram:
        return QStringLiteral("https://api.telegram.org/bot<token>");
    case ChannelKind::Feishu:
        return QStringLiteral("https://open.feishu.cn/open-apis/bot/v2/hook/…");
    case ChannelKind::DingTalk:
        return QStringLiteral("https://oapi.dingtalk.com/robot/send?access_token=…");
    case ChannelKind::WeCom:
        return QStringLiteral("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…");
    default:
        return QStringLiteral("https://example.com/hook");
    }
}

Result<void> invalid(QString message)
{
    return fail(ErrorCode::InvalidInput, std::move(message));
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

// One line of a service's own error text, short enough for a status line.
QString detailText(QString text)
{
    text = text.simplified();
    if (text.size() > kDetailMaxChars)
        text = truncatedUtf16(text, kDetailMaxChars);
    return text;
}

// The first non-empty string among `fields` of a JSON object body.
QString jsonDetail(const QJsonObject &body, std::initializer_list<QLatin1String> fields)
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

// A plain-text body quoted as the error (Slack answers "no_service"), when it is short and
// printable; an HTML error page is not worth quoting.
QString textDetail(const QByteArray &body)
{
    const QString text = QString::fromUtf8(body).trimmed();
    if (text.isEmpty() || text.startsWith(QLatin1Char('<')) || text.size() > kDetailMaxChars)
        return {};
    return detailText(text);
}

QString statusHint(int status)
{
    switch (status) {
    case 401:
    case 403:
    case 404:
    case 410:
        return QStringLiteral("; check the URL (the webhook may have been removed or its token changed)");
    case 413:
        return QStringLiteral("; the message is too large for the service");
    case 429:
        return QStringLiteral("; the service takes only so many messages a minute, try again later");
    default:
        return status >= 500 ? QStringLiteral("; the service has a problem, try again later") : QString();
    }
}

// "Slack", or "the webhook server" for the generic kind: the subject of a reply's verdict.
QString who(ChannelKind kind)
{
    return kind == ChannelKind::Webhook ? QStringLiteral("the webhook server")
                                        : WebhookFormatter::serviceName(kind);
}

Result<void> refused(ChannelKind kind, int status, const QString &detail)
{
    QString message = who(kind) + QStringLiteral(" answered HTTP ") + QString::number(status);
    if (!detail.isEmpty())
        message += QStringLiteral(": ") + detail;
    return fail(ErrorCode::Io, message + statusHint(status));
}

// A 2xx reply whose body reports a failure with a numeric code (`codeField`) and a text.
Result<void> rejected(ChannelKind kind, const QString &detail, const QString &codeField,
                      const QJsonValue &code)
{
    QString message = who(kind) + QStringLiteral(" refused the message");
    if (!detail.isEmpty())
        message += QStringLiteral(": ") + detail;
    if (code.isDouble())
        message += QStringLiteral(" (") + codeField + QLatin1Char(' ') +
                   QString::number(qint64(code.toDouble())) + QLatin1Char(')');
    return fail(ErrorCode::Io, message);
}

Result<void> unreadable(ChannelKind kind, int status)
{
    return fail(ErrorCode::Io,
                who(kind) + QStringLiteral(" answered HTTP ") + QString::number(status) +
                    QStringLiteral(" without its usual confirmation; check that the URL is the ") +
                    WebhookFormatter::serviceName(kind) + QStringLiteral(" webhook"));
}

bool isZero(const QJsonValue &value)
{
    return value.isDouble() && value.toDouble() == 0;
}

} // namespace

QString WebhookFormatter::serviceName(ChannelKind kind)
{
    switch (kind) {
    case ChannelKind::Email:
        return QStringLiteral("e-mail");
    case ChannelKind::Webhook:
        return QStringLiteral("webhook");
    case ChannelKind::Slack:
        return QStringLiteral("Slack");
    case ChannelKind::Discord:
        return QStringLiteral("Discord");
    case ChannelKind::Telegram:
        return QStringLiteral("Telegram");
    case ChannelKind::Feishu:
        return QStringLiteral("Feishu");
    case ChannelKind::DingTalk:
        return QStringLiteral("DingTalk");
    case ChannelKind::WeCom:
        return QStringLiteral("WeCom");
    }
    return QStringLiteral("webhook");
}

QString WebhookFormatter::summary(const QString &url)
{
    return QUrl(url.trimmed()).host().toLower();
}

Result<void> WebhookFormatter::validate(const WebhookTarget &target)
{
    if (!isWebhookKind(target.kind))
        return invalid(QStringLiteral("an e-mail channel has no webhook to send to"));
    const QString label = urlLabel(target.kind);
    const QString text = target.url.trimmed();
    if (text.isEmpty())
        return invalid(label + QStringLiteral(" is empty; paste the whole URL, e.g. ") +
                       urlExample(target.kind));
    const QUrl url(text);
    if (!url.isValid() || url.host().isEmpty())
        return invalid(label + QStringLiteral(" is not a valid web address; it must look like ") +
                       urlExample(target.kind));
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("https") && scheme != QLatin1String("http"))
        return invalid(label + QStringLiteral(" (on ") + url.host() + QStringLiteral(") starts with ") +
                       scheme + QStringLiteral("://; it must start with https:// or http://"));

    const QUrlQuery query(url);
    switch (target.kind) {
    case ChannelKind::Telegram: {
        if (telegramBotPath(url).isEmpty())
            return invalid(label + QStringLiteral(" (on ") + url.host() +
                           QStringLiteral(") has no bot token; it must look like ") +
                           urlExample(target.kind));
        const std::optional<QString> chatId = optionText(target.options, QStringLiteral("chat_id"));
        if (!chatId)
            return invalid(QStringLiteral("the Telegram chat_id must be a chat number or an @channel name"));
        if (chatId->isEmpty())
            return invalid(
                QStringLiteral("a Telegram channel needs a chat_id: the chat number (ask @userinfobot) "
                               "or the @name of a channel the bot belongs to"));
        const std::optional<QString> parseMode = optionText(target.options, QStringLiteral("parse_mode"));
        if (!parseMode || !telegramMarkup(*parseMode))
            return invalid(
                QStringLiteral("the Telegram parse_mode must be HTML, MarkdownV2 or Markdown, or empty"));
        break;
    }
    case ChannelKind::DingTalk:
        if (query.queryItemValue(QStringLiteral("access_token")).isEmpty())
            return invalid(
                label + QStringLiteral(" (on ") + url.host() +
                QStringLiteral(") has no access_token; copy the whole URL from the robot's settings"));
        break;
    case ChannelKind::WeCom:
        if (query.queryItemValue(QStringLiteral("key")).isEmpty())
            return invalid(
                label + QStringLiteral(" (on ") + url.host() +
                QStringLiteral(") has no key; copy the whole URL from the group robot's settings"));
        break;
    case ChannelKind::Webhook:
        for (auto it = target.options.constBegin(); it != target.options.constEnd(); ++it) {
            const QString key = it.key(); // a temporary otherwise, and `name` views into it
            if (!key.startsWith(headerOptionPrefix()))
                continue;
            const QStringView name = QStringView(key).mid(headerOptionPrefix().size());
            if (!isHeaderName(name) || isReservedHeader(name))
                return invalid(QStringLiteral("“") + name.toString() +
                               QStringLiteral("” cannot be set as a webhook header"));
            const QString value = it.value().toString();
            if (!it.value().isString() || value.contains(QLatin1Char('\r')) ||
                value.contains(QLatin1Char('\n')) || value.contains(QChar(0)))
                return invalid(QStringLiteral("the webhook header “") + name.toString() +
                               QStringLiteral("” must be one line of text"));
        }
        break;
    default:
        break;
    }
    return {};
}

Result<WebhookRequest> WebhookFormatter::format(const WebhookTarget &target, const AlertNotice &notice,
                                                const QDateTime &now)
{
    if (Result<void> valid = validate(target); !valid)
        return tl::unexpected(valid.error());

    WebhookRequest request;
    request.url = target.url.trimmed();
    HttpRequestSpec &spec = request.spec;
    spec.method = QByteArrayLiteral("POST");
    spec.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    // HttpClient drops a base URL's trailing slashes; a path of "/" puts one back, for servers
    // that route "/hook/" and "/hook" differently.
    if (request.url.endsWith(QLatin1Char('/')) && !QUrl(request.url).hasQuery())
        spec.path = QStringLiteral("/");

    // The signing secret as UTF-8 in a buffer that is wiped when this function returns.
    const SecureBytes secret(target.signingSecret.trimmed().toUtf8());
    const QString text = notice.plainText();
    QJsonObject body;
    switch (target.kind) {
    case ChannelKind::Email:
        break; // refused by validate()
    case ChannelKind::Webhook:
        body = notice.toJson();
        for (auto it = target.options.constBegin(); it != target.options.constEnd(); ++it) {
            if (it.key().startsWith(headerOptionPrefix()))
                spec.headers.append(
                    {it.key().mid(headerOptionPrefix().size()).toUtf8(), it.value().toString().toUtf8()});
        }
        break;
    case ChannelKind::Slack:
        body = QJsonObject{{QStringLiteral("text"), slackEscaped(text)}};
        break;
    case ChannelKind::Discord:
        body = QJsonObject{
            {QStringLiteral("content"), truncatedUtf16(text, DiscordMaxChars)},
            {QStringLiteral("username"), QStringLiteral("QuotaWatch")},
            // A key named "@everyone" must not ping a whole server.
            {QStringLiteral("allowed_mentions"), QJsonObject{{QStringLiteral("parse"), QJsonArray()}}},
        };
        break;
    case ChannelKind::Telegram: {
        QUrl url(request.url);
        url.setPath(telegramBotPath(url) + QStringLiteral("/sendMessage"), QUrl::TolerantMode);
        request.url = url.toString(QUrl::FullyEncoded);
        spec.path.clear();
        const QString parseMode =
            optionText(target.options, QStringLiteral("parse_mode")).value_or(QString());
        const TelegramMarkup markup = telegramMarkup(parseMode).value_or(TelegramMarkup::None);
        body = QJsonObject{
            {QStringLiteral("chat_id"),
             optionText(target.options, QStringLiteral("chat_id")).value_or(QString())},
            {QStringLiteral("text"), telegramText(notice, markup)},
        };
        if (markup != TelegramMarkup::None)
            body.insert(QStringLiteral("parse_mode"), parseMode);
        break;
    }
    case ChannelKind::Feishu:
        body = QJsonObject{
            {QStringLiteral("msg_type"), QStringLiteral("text")},
            {QStringLiteral("content"), QJsonObject{{QStringLiteral("text"), text}}},
        };
        if (!secret.isEmpty()) {
            // Feishu's scheme: the key is "timestamp\nsecret" and the signed message is empty.
            const QByteArray timestamp = QByteArray::number(now.toSecsSinceEpoch());
            SecureBytes key(joined(timestamp, secret.view()));
            const std::optional<QByteArray> sign = hmacSha256Base64(key.view(), {});
            if (!sign)
                return fail(ErrorCode::Crypto, QStringLiteral("could not compute the Feishu signature"));
            body.insert(QStringLiteral("timestamp"), QString::fromLatin1(timestamp));
            body.insert(QStringLiteral("sign"), QString::fromLatin1(*sign));
        }
        break;
    case ChannelKind::DingTalk:
        body = QJsonObject{
            {QStringLiteral("msgtype"), QStringLiteral("text")},
            {QStringLiteral("text"), QJsonObject{{QStringLiteral("content"), text}}},
        };
        if (!secret.isEmpty()) {
            // DingTalk's scheme: key = secret, message = "timestamp\nsecret", milliseconds.
            const QByteArray timestamp = QByteArray::number(now.toMSecsSinceEpoch());
            SecureBytes message(joined(timestamp, secret.view()));
            const std::optional<QByteArray> sign = hmacSha256Base64(secret.view(), message.view());
            if (!sign)
                return fail(ErrorCode::Crypto, QStringLiteral("could not compute the DingTalk signature"));
            spec.query.addQueryItem(QStringLiteral("timestamp"), QString::fromLatin1(timestamp));
            // Percent-encoded here: QUrlQuery leaves a '+' as it is, which DingTalk would decode
            // as a space (and then answer "sign not match"), while it keeps "%2B" intact.
            spec.query.addQueryItem(QStringLiteral("sign"),
                                    QString::fromLatin1(QUrl::toPercentEncoding(QString::fromLatin1(*sign))));
        }
        break;
    case ChannelKind::WeCom:
        body = QJsonObject{
            {QStringLiteral("msgtype"), QStringLiteral("text")},
            {QStringLiteral("text"),
             QJsonObject{{QStringLiteral("content"), truncatedUtf8(text, WeComMaxBytes)}}},
        };
        break;
    }
    spec.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return request;
}

Result<void> WebhookFormatter::checkReply(ChannelKind kind, const HttpReply &reply)
{
    const bool success = reply.status >= 200 && reply.status < 300;
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(reply.body, &parseError);
    const QJsonObject json = document.object(); // empty when the body is not a JSON object

    switch (kind) {
    case ChannelKind::Email:
        return fail(ErrorCode::InvalidInput, QStringLiteral("an e-mail channel has no webhook reply"));
    case ChannelKind::Webhook:
        if (success)
            return {};
        return refused(kind, reply.status,
                       document.isObject()
                           ? jsonDetail(json, {QLatin1String("message"), QLatin1String("error"),
                                               QLatin1String("description"), QLatin1String("msg")})
                           : textDetail(reply.body));
    case ChannelKind::Slack:
        // Since 2016 incoming webhooks report every failure with an HTTP status and a short code
        // ("no_service", "invalid_payload") as the body, and answer 200 "ok" otherwise.
        if (success)
            return {};
        return refused(kind, reply.status, textDetail(reply.body));
    case ChannelKind::Discord:
        // 204 without ?wait=true, 200 with the message when it is set.
        if (success)
            return {};
        return refused(kind, reply.status, jsonDetail(json, {QLatin1String("message")}));
    case ChannelKind::Telegram: {
        const QString detail = jsonDetail(json, {QLatin1String("description")});
        if (!success)
            return refused(kind, reply.status, detail);
        if (json.value(QLatin1String("ok")).toBool(false))
            return {};
        if (!json.contains(QLatin1String("ok")))
            return unreadable(kind, reply.status);
        return rejected(kind, detail, QStringLiteral("error_code"), json.value(QLatin1String("error_code")));
    }
    case ChannelKind::Feishu: {
        // Newer answers carry "code"/"msg", older ones (and some still) "StatusCode"/"StatusMessage".
        const bool hasCode = json.contains(QLatin1String("code"));
        const QJsonValue code = json.value(hasCode ? QLatin1String("code") : QLatin1String("StatusCode"));
        const QString detail = jsonDetail(json, {QLatin1String("msg"), QLatin1String("StatusMessage")});
        if (!success)
            return refused(kind, reply.status, detail);
        if (isZero(code))
            return {};
        if (code.isUndefined())
            return unreadable(kind, reply.status);
        return rejected(kind, detail, QStringLiteral("code"), code);
    }
    case ChannelKind::DingTalk:
    case ChannelKind::WeCom: {
        const QJsonValue code = json.value(QLatin1String("errcode"));
        const QString detail = jsonDetail(json, {QLatin1String("errmsg")});
        if (!success)
            return refused(kind, reply.status, detail);
        if (isZero(code))
            return {};
        if (code.isUndefined())
            return unreadable(kind, reply.status);
        return rejected(kind, detail, QStringLiteral("errcode"), code);
    }
    }
    return unreadable(kind, reply.status);
}

} // namespace qw
