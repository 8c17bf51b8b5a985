#include "core/alerts/webhooksender.h"

#include "core/crypto/securebytes.h"

#include <QStringList>
#include <QUrl>
#include <QUrlQuery>
#include <algorithm>
#include <memory>
#include <utility>

namespace qw {

namespace {

// A URL piece that is a credential rather than a word ("services", "webhook", "send" stay, so
// messages keep reading well): long, or with digits or capitals, like every token in use.
bool looksLikeToken(const QString &piece)
{
    if (piece.size() >= 20)
        return true;
    if (piece.size() < 8)
        return false;
    return std::any_of(piece.cbegin(), piece.cend(), [](QChar c) { return c.isDigit() || c.isUpper(); });
}

// Takes the secret parts of one target out of an error text. Qt's and HttpClient's messages may
// quote scheme://host/path (HttpClient drops only the query), a web server's error page the
// path ("Cannot POST /services/T0/B0/XYZ"), and a service its own token: each becomes the host,
// or "…" for a bare token.
class Scrubber final
{
public:
    Scrubber(const WebhookTarget &target, const WebhookRequest &request)
        : m_host(QUrl(request.url).host())
        , m_secret(target.signingSecret.trimmed().toUtf8())
    {
        for (const QString &text : {target.url.trimmed(), request.url}) {
            const QUrl url(text);
            m_urls << text << url.toString() << url.toString(QUrl::FullyEncoded) << url.toDisplayString()
                   << QString::fromLatin1(url.toEncoded())
                   << url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment)
                   << url.toString(QUrl::RemoveQuery) << url.toString(QUrl::RemoveQuery | QUrl::FullyEncoded);
            for (const QString &path : {url.path(), url.path(QUrl::FullyEncoded)}) {
                if (path.size() > 1)
                    m_paths << path;
                for (const QString &segment : path.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
                    addToken(segment);
                    // A Telegram segment is "bot<id>:<secret>"; either half may be quoted alone.
                    for (const QString &half : segment.split(QLatin1Char(':'), Qt::SkipEmptyParts))
                        addToken(half);
                }
            }
            addToken(url.password());
            const QUrlQuery query(url);
            for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded))
                addToken(value);
            for (const auto &[key, value] : query.queryItems(QUrl::FullyEncoded))
                addToken(value);
        }
        for (const auto &[key, value] : request.spec.query.queryItems(QUrl::FullyEncoded))
            addToken(value);
        // Longest first, so a whole URL goes before the shorter forms it contains.
        for (QStringList *list : {&m_urls, &m_paths, &m_tokens}) {
            list->removeAll(QString());
            list->removeDuplicates();
            std::sort(list->begin(), list->end(),
                      [](const QString &a, const QString &b) { return a.size() > b.size(); });
        }
    }

    [[nodiscard]] QString operator()(QString text) const
    {
        for (const QString &url : m_urls)
            text.replace(url, m_host);
        for (const QString &path : m_paths)
            text.replace(path, m_host);
        for (const QString &token : m_tokens)
            text.replace(token, QString(QChar(0x2026)));
        if (!m_secret.isEmpty()) {
            // Compared as UTF-8 so the secret is never copied into another (unwiped) string.
            QByteArray bytes = text.toUtf8();
            if (bytes.contains(m_secret.view())) {
                bytes.replace(m_secret.view(), QByteArrayView("\xe2\x80\xa6"));
                text = QString::fromUtf8(bytes);
            }
        }
        return text;
    }

private:
    void addToken(const QString &piece)
    {
        if (looksLikeToken(piece))
            m_tokens << piece;
    }

    QString m_host;
    QStringList m_urls;
    QStringList m_paths;
    QStringList m_tokens;
    SecureBytes m_secret;
};

} // namespace

WebhookSender::WebhookSender(HttpClient &http)
    : m_http(http)
{}

void WebhookSender::send(const WebhookTarget &target, const AlertNotice &notice, const QDateTime &now,
                         Done done)
{
    Result<WebhookRequest> request = WebhookFormatter::format(target, notice, now);
    if (!request) {
        // Later, like every other outcome, so a caller never sees its callback inside send().
        QMetaObject::invokeMethod(
            &m_http, [done = std::move(done), error = request.error()] { done(tl::unexpected(error)); },
            Qt::QueuedConnection);
        return;
    }
    auto scrub = std::make_shared<const Scrubber>(target, *request);
    const ChannelKind kind = target.kind;
    const QString url = request->url;
    m_http.send(url, std::move(request->spec), [kind, scrub, done = std::move(done)](HttpResult result) {
        Result<void> outcome;
        if (result)
            outcome = WebhookFormatter::checkReply(kind, *result);
        else
            outcome = fail(ErrorCode::Io, QStringLiteral("the ") + WebhookFormatter::serviceName(kind) +
                                              QStringLiteral(" message was not delivered: ") +
                                              result.error().message);
        if (!outcome)
            outcome.error().message = (*scrub)(std::move(outcome.error().message));
        done(std::move(outcome));
    });
}

} // namespace qw
