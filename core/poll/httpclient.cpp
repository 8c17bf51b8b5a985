#include "core/poll/httpclient.h"

#include "core/crypto/securewipe.h"
#include "core/poll/inflater.h"

#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QTimer>
#include <QUrl>
#include <algorithm>
#include <limits>
#include <utility>
#include <vector>

namespace qw {

namespace {

// Asks the operating system (environment variables, desktop settings, PAC through libproxy)
// on this manager only, instead of switching the process-wide default with
// QNetworkProxyFactory::setUseSystemConfiguration(). The answer is kept per scheme, host and port
// for a short while: asking libproxy (a round trip to its own thread) for every request was about
// a seventh of the CPU of checking 10,000 keys, nearly all on the same few hosts. A PAC script
// that routes by path is not followed path by path; a changed proxy setting applies within
// kKeepMs.
class SystemProxyFactory final : public QNetworkProxyFactory
{
public:
    static constexpr qint64 kKeepMs = 30'000;

    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &query) override
    {
        const QUrl url = query.url();
        if (!url.isValid() || url.host().isEmpty())
            return systemProxyForQuery(query);
        const QString key = url.scheme().toLower() + QStringLiteral("://") + url.host().toLower() +
                            QLatin1Char(':') + QString::number(url.port(-1));
        const QMutexLocker lock(&m_mutex);
        if (!m_clock.isValid())
            m_clock.start();
        const qint64 now = m_clock.elapsed();
        if (const auto it = m_answers.constFind(key); it != m_answers.cend() && now - it->askedAtMs < kKeepMs)
            return it->proxies;
        if (m_answers.size() > 256)
            m_answers.clear(); // many hosts: a bound, not an eviction policy
        Answer answer{systemProxyForQuery(query), now};
        m_answers.insert(key, answer);
        return answer.proxies;
    }

private:
    struct Answer
    {
        QList<QNetworkProxy> proxies;
        qint64 askedAtMs = 0;
    };
    QMutex m_mutex;
    QElapsedTimer m_clock;
    QHash<QString, Answer> m_answers;
};

constexpr int MaxRedirects = 5;

QString seconds(int ms)
{
    if (ms % 1000 == 0)
        return QString::number(ms / 1000) + QStringLiteral(" s");
    return QString::number(ms / 1000.0, 'g', 3) + QStringLiteral(" s");
}

QString byteSize(qint64 bytes)
{
    constexpr qint64 KiB = 1024;
    constexpr qint64 MiB = 1024 * KiB;
    if (bytes >= MiB && bytes % MiB == 0)
        return QString::number(bytes / MiB) + QStringLiteral(" MiB");
    if (bytes >= KiB && bytes % KiB == 0)
        return QString::number(bytes / KiB) + QStringLiteral(" KiB");
    return QString::number(bytes) + QStringLiteral(" bytes");
}

tl::unexpected<CheckError> failure(CheckStatus status, QString message)
{
    return tl::unexpected<CheckError>(CheckError{status, std::move(message), std::nullopt});
}

// Overwrites a header value that may be the plaintext secret and drops it. A value shared with
// the adapter is only dropped here (the adapter wipes its own buffer); a value moved in here is
// not shared and is wiped in place.
void wipe(QByteArray &value)
{
    secureWipe(value);
    value.clear();
}

// A base URL is echoed in the error only when it looks like a URL: a user who pasted the key
// into the base URL field must not find it in the check history.
CheckError invalidBaseUrl(const QString &baseUrl, const QUrl &url)
{
    QString message;
    if (baseUrl.trimmed().isEmpty()) {
        message = QStringLiteral(
            "the base URL is empty; it must be an http(s) address such as https://api.example.com");
    } else if (url.isValid() && !url.scheme().isEmpty() && !url.host().isEmpty()) {
        const QString shown = url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemovePath |
                                                  QUrl::RemoveQuery | QUrl::RemoveFragment);
        message = QStringLiteral("the base URL “") + shown +
                  QStringLiteral("” is not an http(s) address; it must start with https:// or http://");
    } else {
        message = QStringLiteral(
            "the base URL is not an http(s) address; it must look like https://api.example.com");
    }
    return CheckError{CheckStatus::NetworkError, message, std::nullopt};
}

int defaultPort(const QString &scheme)
{
    return scheme.compare(QLatin1String("https"), Qt::CaseInsensitive) == 0 ? 443 : 80;
}

QString hostKey(const QUrl &url)
{
    return url.host().toLower() + QLatin1Char(':') + QString::number(url.port(defaultPort(url.scheme())));
}

bool hasHeader(const HttpHeaders &headers, QByteArrayView name)
{
    return std::any_of(headers.cbegin(), headers.cend(), [name](const auto &header) {
        return QByteArrayView(header.first).compare(name, Qt::CaseInsensitive) == 0;
    });
}

// QNetworkReply sets an error for every 4xx/5xx status; those are answers for the adapter to
// classify, not transport failures.
bool isHttpStatusError(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ContentAccessDenied:
    case QNetworkReply::ContentOperationNotPermittedError:
    case QNetworkReply::ContentNotFoundError:
    case QNetworkReply::AuthenticationRequiredError:
    case QNetworkReply::ContentReSendError:
    case QNetworkReply::ContentConflictError:
    case QNetworkReply::ContentGoneError:
    case QNetworkReply::UnknownContentError:
    case QNetworkReply::ProtocolInvalidOperationError:
    case QNetworkReply::InternalServerError:
    case QNetworkReply::OperationNotImplementedError:
    case QNetworkReply::ServiceUnavailableError:
    case QNetworkReply::UnknownServerError:
        return true;
    default:
        return false;
    }
}

tl::unexpected<CheckError> tooLarge(const QString &host, qint64 cap, bool decompressed)
{
    return failure(CheckStatus::ProviderError,
                   QStringLiteral("the answer from ") + host + QStringLiteral(" is larger than ") +
                       byteSize(cap) + (decompressed ? QStringLiteral(" once decompressed") : QString()) +
                       QStringLiteral("; this is not a balance response"));
}

tl::unexpected<CheckError> notInflated(const QString &host, const QString &encoding)
{
    return failure(CheckStatus::ProviderError, QStringLiteral("the answer from ") + host +
                                                   QStringLiteral(" could not be decompressed (") + encoding +
                                                   QStringLiteral("): the data is damaged or cut short"));
}

// Qt's error strings may quote the whole URL; keep only scheme, host and path, since the query
// is the adapter's business and ends up in logs and the check history.
QString withoutQueries(QString text, const QList<QUrl> &urls)
{
    for (const QUrl &url : urls) {
        if (!url.hasQuery() && url.userInfo().isEmpty())
            continue;
        const QString safe =
            url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
        text.replace(url.toString(), safe);
        text.replace(QString::fromLatin1(url.toEncoded()), safe);
        text.replace(url.toDisplayString(), safe);
    }
    return text;
}

// Why the key does not follow a redirect from `from` to `to` (keepsOrigin() said no), in words
// that name where the provider pointed without its path or query.
QString redirectRefusal(const QUrl &from, const QUrl &to)
{
    static const QString notSent =
        QStringLiteral("; the key is not sent there — set the base URL to the right address");
    const QString fromScheme = from.scheme().toLower();
    const QString toScheme = to.scheme().toLower();
    if (to.host().compare(from.host(), Qt::CaseInsensitive) != 0 || to.host().isEmpty())
        return QStringLiteral("the provider redirected to another host (") + to.host() + QLatin1Char(')') +
               notSent;
    if (fromScheme != toScheme &&
        !(fromScheme == QLatin1String("http") && toScheme == QLatin1String("https")))
        return QStringLiteral("the provider redirected from ") + fromScheme + QStringLiteral(" to ") +
               toScheme + QStringLiteral(" on ") + from.host() + notSent;
    const QString fromPort = QString::number(from.port(defaultPort(fromScheme)));
    const QString toPort = QString::number(to.port(defaultPort(toScheme)));
    if (fromScheme != toScheme)
        return QStringLiteral("the provider redirected from http on port ") + fromPort +
               QStringLiteral(" to https on port ") + toPort + QStringLiteral(" of ") + from.host() +
               QStringLiteral("; the key follows an upgrade to https only from port 80 to 443 — set the "
                              "base URL to the https address");
    return QStringLiteral("the provider redirected to another port on ") + from.host() +
           QStringLiteral(" (from ") + fromPort + QStringLiteral(" to ") + toPort + QLatin1Char(')') +
           notSent;
}

// Qt 6.4's fixed number of HTTP/1.1 connections per host and QNetworkAccessManager.
constexpr int kConnectionsPerManager = 6;

} // namespace

// A request waiting for a slot. The QNetworkRequest already holds its own copy of the headers,
// so the caller's spec could be wiped at once.
struct HttpClient::Pending
{
    quint64 id = 0;
    QString hostKey;
    QUrl url;
    QNetworkRequest request;
    QByteArray method;
    QByteArray body;
    HttpCallback done;
};

struct HttpClient::Transfer
{
    std::unique_ptr<Pending> pending;
    QNetworkReply *reply = nullptr; // child of its lane's manager; released with deleteLater
    int lane = 0;                   // which connection lane (manager) carries it
    std::multimap<qint64, quint64>::iterator deadline; // its entry in m_deadlines
    qint64 maxResponseBytes = 0;
    int timeoutMs = 0;
    int redirects = 0;
    QByteArray received;                // the answer's body, inflated when it came compressed
    qint64 wireBytes = 0;               // of the body as it came, compressed or not
    std::unique_ptr<Inflater> inflater; // for a gzip or deflate answer
    QString encoding;                   // its Content-Encoding, for messages
    bool requestSent = false;           // of the current hop
    bool gotMetaData = false;           // of the current hop

    [[nodiscard]] QString host() const { return pending->url.host(); }
};

HttpClient::HttpClient(HttpClientLimits limits, QObject *parent)
    : QObject(parent)
    , m_limits(limits)
    , m_deadlineTimer(new QTimer(this))
{
    m_clock.start();
    m_deadlineTimer->setSingleShot(true);
    connect(m_deadlineTimer, &QTimer::timeout, this, &HttpClient::onDeadlines);
}

QNetworkAccessManager *HttpClient::lane(int index)
{
    while (int(m_lanes.size()) <= index) {
        auto *manager = new QNetworkAccessManager(this);
        manager->setProxyFactory(new SystemProxyFactory); // the manager owns it
        // Replies are released by complete(), when no QNetworkReply code is on the stack.
        manager->setAutoDeleteReplies(false);
        m_lanes.push_back(manager);
    }
    return m_lanes[std::size_t(index)];
}

HttpClient::~HttpClient()
{
    // Disconnect before aborting: abort() emits finished() synchronously, and nothing may reach
    // a callback once the owner decided to destroy us. Replies die with their managers.
    for (auto &[id, transfer] : m_transfers) {
        QObject::disconnect(transfer->reply, nullptr, this, nullptr);
        transfer->reply->abort();
    }
    m_transfers.clear();
    m_hosts.clear();
}

void HttpClient::setLimits(const HttpClientLimits &limits)
{
    m_limits = limits;
    startQueued(); // higher caps may let waiting requests start now
}

int HttpClient::queued() const
{
    int count = 0;
    for (const auto &[key, host] : m_hosts)
        count += static_cast<int>(host.queue.size());
    return count;
}

QByteArray HttpClient::userAgent()
{
    return QByteArrayLiteral("QuotaWatch/" QW_VERSION " (+https://github.com/quotawatch)");
}

bool HttpClient::keepsOrigin(const QUrl &from, const QUrl &to)
{
    if (to.host().isEmpty() || to.host().compare(from.host(), Qt::CaseInsensitive) != 0)
        return false;
    const QString fromScheme = from.scheme().toLower();
    const QString toScheme = to.scheme().toLower();
    if (fromScheme != QLatin1String("http") && fromScheme != QLatin1String("https"))
        return false;
    const int fromPort = from.port(defaultPort(fromScheme));
    const int toPort = to.port(defaultPort(toScheme));
    if (fromScheme == toScheme)
        return fromPort == toPort;
    return fromScheme == QLatin1String("http") && toScheme == QLatin1String("https") && fromPort == 80 &&
           toPort == 443;
}

QString HttpClient::joinedUrl(const QString &base, const QString &path, bool pathFromApiRoot)
{
    // People paste OpenAI-style addresses (https://host/v1, https://openrouter.ai/api/v1) while
    // the adapters' paths already carry the version. When the base ends in segments ending in
    // /v1 that the path starts with, they are said once; any other base is joined as it is (a
    // relay mounted under its own prefix keeps it).
    const QUrl parsed(base);
    const QString basePath = parsed.path();
    if (!basePath.endsWith(QLatin1String("/v1")) || parsed.hasQuery() || parsed.hasFragment())
        return base + path;
    // The longest such tail first: "/api/v1" before "/v1".
    for (qsizetype start = basePath.indexOf(QLatin1Char('/')); start >= 0;
         start = basePath.indexOf(QLatin1Char('/'), start + 1)) {
        const QStringView tail = QStringView(basePath).mid(start);
        const bool sharesTail =
            path == tail || (path.startsWith(tail) && path.at(tail.size()) == QLatin1Char('/'));
        if (sharesTail && base.endsWith(tail))
            return base.left(base.size() - tail.size()) + path;
    }
    // The /v1 named the OpenAI-compatible routes; this path lives beside them, at the root.
    if (pathFromApiRoot && base.endsWith(QLatin1String("/v1")))
        return base.left(base.size() - 3) + path;
    return base + path;
}

void HttpClient::send(const QString &baseUrl, HttpRequestSpec request, HttpCallback done)
{
    QString base = baseUrl.trimmed();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    QString path = request.path;
    if (!path.isEmpty() && !path.startsWith(QLatin1Char('/')))
        path.prepend(QLatin1Char('/'));
    QUrl url(joinedUrl(base, path, request.pathFromApiRoot));
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty() ||
        (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
        for (auto &header : request.headers)
            wipe(header.second);
        deliverLater(std::move(done), tl::unexpected<CheckError>(invalidBaseUrl(baseUrl, QUrl(base))));
        return;
    }
    if (!request.query.isEmpty()) {
        if (url.hasQuery()) // a relay's base URL may carry its own parameters; keep them first
            url.setQuery(url.query(QUrl::FullyEncoded) + QLatin1Char('&') +
                         request.query.query(QUrl::FullyEncoded));
        else
            url.setQuery(request.query);
    }

    QNetworkRequest networkRequest(url);
    for (auto &[name, value] : request.headers) {
        // A deep copy: wiping the spec below must not blank the header we are about to send.
        networkRequest.setRawHeader(name, QByteArray(value.constData(), value.size()));
        wipe(value);
    }
    // Said explicitly, so QNetworkAccessManager leaves compressed answers to onReadyRead(): it
    // would inflate them on its own, as a whole, before the size cap could count a byte.
    if (!hasHeader(request.headers, "Accept-Encoding"))
        networkRequest.setRawHeader(QByteArrayLiteral("Accept-Encoding"), QByteArrayLiteral("gzip, deflate"));
    if (!hasHeader(request.headers, "User-Agent"))
        networkRequest.setRawHeader(QByteArrayLiteral("User-Agent"), userAgent());
    if (!request.body.isEmpty() && !hasHeader(request.headers, "Content-Type"))
        networkRequest.setRawHeader(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json"));
    // Redirects are followed by followRedirect(), not by QNetworkAccessManager: Qt 6.4's own
    // following (UserVerifiedRedirectPolicy and NoLessSafeRedirectPolicy alike) re-sends
    // requests on fresh connections when a keep-alive server answers the 3xx at once, and ends
    // some chains with the 3xx (or status 100) and no error. Manual keeps one request per hop and
    // lets us refuse another host before anything, the key included, is sent there.
    networkRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                                QNetworkRequest::ManualRedirectPolicy);
    // Keys are independent: no cookie, cached login or cached answer may pass from one to another.
    networkRequest.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    networkRequest.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    networkRequest.setAttribute(QNetworkRequest::AuthenticationReuseAttribute, QNetworkRequest::Manual);
    networkRequest.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    networkRequest.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);

    auto pending = std::make_unique<Pending>();
    pending->id = m_nextId++;
    pending->hostKey = hostKey(url);
    pending->url = url;
    pending->request = std::move(networkRequest);
    pending->method = request.method.isEmpty() ? QByteArrayLiteral("GET") : request.method.toUpper();
    pending->body = std::move(request.body);
    pending->done = std::move(done);
    m_hosts[pending->hostKey].queue.push_back(std::move(pending));
    startQueued();
}

void HttpClient::startQueued()
{
    const int maxConcurrent = std::max(1, m_limits.maxConcurrent);
    const int maxPerHost = std::max(1, m_limits.maxPerHost);
    while (m_inFlightTotal < maxConcurrent) {
        // The oldest request among hosts with a free slot: FIFO overall, but a host at its cap
        // never holds up the others.
        Host *next = nullptr;
        for (auto &[key, host] : m_hosts) {
            if (host.queue.empty() || host.inFlight >= maxPerHost)
                continue;
            if (!next || host.queue.front()->id < next->queue.front()->id)
                next = &host;
        }
        if (!next)
            return;
        std::unique_ptr<Pending> pending = std::move(next->queue.front());
        next->queue.pop_front();
        ++next->inFlight;
        ++m_inFlightTotal;
        start(std::move(pending));
    }
}

void HttpClient::start(std::unique_ptr<Pending> pending)
{
    const quint64 id = pending->id;
    auto transfer = std::make_unique<Transfer>();
    transfer->pending = std::move(pending);
    transfer->maxResponseBytes = std::max<qint64>(1, m_limits.maxResponseBytes);
    transfer->timeoutMs = std::max(1, m_limits.timeoutMs);
    // QNetworkAccessManager's own inactivity timeout; the deadline below also bounds a server
    // that keeps trickling bytes, and redirects.
    transfer->pending->request.setTransferTimeout(transfer->timeoutMs);
    transfer->deadline = m_deadlines.emplace(m_clock.elapsed() + transfer->timeoutMs, id);
    armDeadline();
    // The least busy lane for this host, among as many as the per-host cap needs.
    Host &host = m_hosts[transfer->pending->hostKey];
    const int lanes =
        std::max(1, (std::max(1, m_limits.maxPerHost) + kConnectionsPerManager - 1) / kConnectionsPerManager);
    if (int(host.laneLoad.size()) < lanes)
        host.laneLoad.resize(std::size_t(lanes), 0);
    const auto quietest = std::min_element(host.laneLoad.begin(), host.laneLoad.begin() + lanes);
    ++*quietest;
    transfer->lane = int(quietest - host.laneLoad.begin());
    Transfer &ref = *transfer;
    m_transfers.emplace(id, std::move(transfer));
    dispatch(id, ref);
}

void HttpClient::dispatch(quint64 id, Transfer &transfer)
{
    const Pending &pending = *transfer.pending;
    QNetworkReply *reply = nullptr;
    QNetworkAccessManager *manager = lane(transfer.lane);
    if (pending.method == "GET" && pending.body.isEmpty())
        reply = manager->get(pending.request);
    else if (pending.method == "HEAD")
        reply = manager->head(pending.request);
    else
        reply = manager->sendCustomRequest(pending.request, pending.method, pending.body);
    transfer.reply = reply;
    transfer.received.clear();
    transfer.wireBytes = 0;
    transfer.inflater.reset();
    transfer.encoding.clear();
    transfer.requestSent = false;
    transfer.gotMetaData = false;

    connect(reply, &QNetworkReply::readyRead, this, [this, id] { onReadyRead(id); });
    connect(reply, &QNetworkReply::metaDataChanged, this, [this, id] { onMetaDataChanged(id); });
    connect(reply, &QNetworkReply::finished, this, [this, id] { onFinished(id); });
    connect(reply, &QNetworkReply::requestSent, this, [this, id] {
        if (const auto it = m_transfers.find(id); it != m_transfers.end())
            it->second->requestSent = true;
    });
}

void HttpClient::releaseReply(Transfer &transfer)
{
    QNetworkReply *reply = std::exchange(transfer.reply, nullptr);
    if (!reply)
        return;
    // Disconnect first: abort() emits finished() synchronously.
    QObject::disconnect(reply, nullptr, this, nullptr);
    if (reply->isRunning())
        reply->abort();
    // Not delete: this may run inside one of the reply's own signals.
    reply->deleteLater();
}

void HttpClient::onReadyRead(quint64 id)
{
    const auto it = m_transfers.find(id);
    if (it == m_transfers.end())
        return;
    Transfer &transfer = *it->second;
    QNetworkReply *reply = transfer.reply;
    const qint64 cap = transfer.maxResponseBytes;
    while (reply->bytesAvailable() > 0) {
        // Checked before reading, so at most the cap is ever copied out of the reply.
        if (transfer.wireBytes + reply->bytesAvailable() > cap) {
            complete(id, tooLarge(transfer.host(), cap, false));
            return;
        }
        const QByteArray chunk = reply->read(reply->bytesAvailable());
        transfer.wireBytes += chunk.size();
        if (!transfer.inflater) {
            transfer.received += chunk;
            continue;
        }
        // A few KiB of gzip may inflate to gigabytes: the inflater stops at the cap.
        switch (transfer.inflater->inflate(chunk, transfer.received, cap)) {
        case Inflater::Outcome::Ok:
            break;
        case Inflater::Outcome::TooLarge:
            complete(id, tooLarge(transfer.host(), cap, true));
            return;
        case Inflater::Outcome::Corrupt:
            complete(id, notInflated(transfer.host(), transfer.encoding));
            return;
        }
    }
}

void HttpClient::onMetaDataChanged(quint64 id)
{
    const auto it = m_transfers.find(id);
    if (it == m_transfers.end())
        return;
    Transfer &transfer = *it->second;
    transfer.gotMetaData = true;
    const int status = transfer.reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if ((status >= 300 && status < 400) || transfer.pending->method == "HEAD")
        return; // a redirect's body is never used; a HEAD answer announces a body it does not send
    const QByteArray encoding = transfer.reply->rawHeader(QByteArrayLiteral("Content-Encoding")).trimmed();
    if (!encoding.isEmpty() && encoding.compare("identity", Qt::CaseInsensitive) != 0) {
        transfer.encoding = QString::fromLatin1(encoding);
        if (!Inflater::supports(encoding)) {
            complete(id, failure(CheckStatus::ProviderError,
                                 QStringLiteral("the answer from ") + transfer.host() +
                                     QStringLiteral(" is compressed as “") + transfer.encoding +
                                     QStringLiteral("”, which QuotaWatch did not ask for and cannot read")));
            return;
        }
        transfer.inflater = std::make_unique<Inflater>();
    }
    bool known = false;
    const qint64 length = transfer.reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(&known);
    if (known && length > transfer.maxResponseBytes)
        complete(id, tooLarge(transfer.host(), transfer.maxResponseBytes, false));
}

void HttpClient::followRedirect(quint64 id, Transfer &transfer, int status, const QUrl &location)
{
    const QUrl from = transfer.reply->url();
    QUrl target = from.resolved(location);
    target.setUserInfo(QString()); // credentials in a Location would replace the key's header
    // The next request carries every header, the key included, so only the origin the user
    // configured may receive it. Each hop is checked against the one before, so after an
    // upgrade to https a later hop cannot fall back to http.
    if (!keepsOrigin(from, target)) {
        complete(id, failure(CheckStatus::ProviderError, redirectRefusal(from, target)));
        return;
    }
    if (transfer.redirects >= MaxRedirects) {
        complete(id, failure(CheckStatus::ProviderError,
                             transfer.pending->url.host() + QStringLiteral(" redirected more than ") +
                                 QString::number(MaxRedirects) +
                                 QStringLiteral(" times; set the base URL to the final address")));
        return;
    }
    ++transfer.redirects;
    releaseReply(transfer);
    Pending &pending = *transfer.pending;
    // As browsers and curl do: 303 always (but HEAD), and 301/302 after a POST, go on with a GET.
    if (status == 303 || ((status == 301 || status == 302) && pending.method == "POST")) {
        if (pending.method != "HEAD")
            pending.method = QByteArrayLiteral("GET");
        pending.body.clear();
        pending.request.setRawHeader(QByteArrayLiteral("Content-Type"), QByteArray()); // removes it
    }
    pending.request.setUrl(target);
    dispatch(id, transfer);
}

void HttpClient::onFinished(quint64 id)
{
    const auto it = m_transfers.find(id);
    if (it == m_transfers.end())
        return;
    Transfer &transfer = *it->second;
    QNetworkReply *reply = transfer.reply;
    if (reply->bytesAvailable() > 0) {
        onReadyRead(id); // may complete with the size error
        if (!m_transfers.contains(id))
            return;
    }
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const QNetworkReply::NetworkError error = reply->error();
    // All of it arrived, but a compressed stream that stops before its end is not an answer.
    if (transfer.inflater && transfer.wireBytes > 0 && !transfer.inflater->atEnd() &&
        (error == QNetworkReply::NoError || isHttpStatusError(error))) {
        complete(id, notInflated(transfer.host(), transfer.encoding));
        return;
    }
    const QVariant location = reply->attribute(QNetworkRequest::RedirectionTargetAttribute);
    if (status.isValid() && error == QNetworkReply::NoError && location.isValid()) {
        const int code = status.toInt();
        if (code == 301 || code == 302 || code == 303 || code == 307 || code == 308) {
            followRedirect(id, transfer, code, location.toUrl());
            return;
        }
    }
    // A 401 ends with AuthenticationRequiredError, a 404 with ContentNotFoundError, and so on;
    // with a status line they are still the provider's answer. The same codes after a 2xx or
    // 3xx status line (UnknownContentError when an answer does not inflate) are not: the body
    // is then cut short, never something to parse.
    if (status.isValid() &&
        (error == QNetworkReply::NoError || (status.toInt() >= 400 && isHttpStatusError(error)))) {
        HttpReply answer;
        answer.status = status.toInt();
        answer.headers = reply->rawHeaderPairs();
        answer.body = std::move(transfer.received);
        complete(id, std::move(answer));
        return;
    }
    complete(id, tl::unexpected<CheckError>(transportError(transfer)));
}

void HttpClient::onDeadline(quint64 id)
{
    const auto it = m_transfers.find(id);
    if (it == m_transfers.end())
        return;
    const Transfer &transfer = *it->second;
    QString message;
    if (!transfer.requestSent)
        message = QStringLiteral("cannot connect to ") + transfer.host() + QStringLiteral(" within ");
    else if (!transfer.gotMetaData)
        message = QStringLiteral("no answer from ") + transfer.host() + QStringLiteral(" within ");
    else
        message =
            QStringLiteral("the answer from ") + transfer.host() + QStringLiteral(" did not finish within ");
    complete(id, failure(CheckStatus::NetworkError, message + seconds(transfer.timeoutMs)));
}

void HttpClient::onDeadlines()
{
    // The ids first: ending a transfer erases its entry.
    const qint64 now = m_clock.elapsed();
    std::vector<quint64> expired;
    for (auto it = m_deadlines.begin(); it != m_deadlines.end() && it->first <= now; ++it)
        expired.push_back(it->second);
    for (const quint64 id : expired)
        onDeadline(id); // completes it; callbacks are queued, so this object lives on
    armDeadline();
}

void HttpClient::armDeadline()
{
    if (m_deadlines.empty())
        return;
    const qint64 due = m_deadlines.begin()->first;
    if (m_deadlineTimer->isActive() && m_armedFor <= due)
        return; // fires first; onDeadlines() arms it again for what is left
    m_armedFor = due;
    m_deadlineTimer->start(
        int(std::clamp<qint64>(due - m_clock.elapsed(), 0, std::numeric_limits<int>::max())));
}

CheckError HttpClient::transportError(const Transfer &transfer) const
{
    const QString host = transfer.host();
    const QNetworkReply *reply = transfer.reply;
    const QString detail = withoutQueries(reply->errorString(), {reply->url(), transfer.pending->url});
    auto network = [](QString message) {
        return CheckError{CheckStatus::NetworkError, std::move(message), {}};
    };

    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        return network(QStringLiteral("cannot connect to ") + host + QStringLiteral(": connection refused"));
    case QNetworkReply::HostNotFoundError:
        return network(QStringLiteral("cannot resolve ") + host +
                       QStringLiteral(" (no such host, or no DNS; check the base URL and the network)"));
    case QNetworkReply::RemoteHostClosedError:
        if (transfer.gotMetaData)
            return network(QStringLiteral("the connection to ") + host +
                           QStringLiteral(" closed before the answer was complete"));
        return network(host + QStringLiteral(" closed the connection without answering"));
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError: // QNetworkAccessManager's transfer timeout
        return network(QStringLiteral("no answer from ") + host + QStringLiteral(" within ") +
                       seconds(transfer.timeoutMs));
    case QNetworkReply::SslHandshakeFailedError:
        return network(QStringLiteral("TLS handshake with ") + host + QStringLiteral(" failed: ") + detail);
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::BackgroundRequestNotAllowedError:
        return network(QStringLiteral("the network is not available: ") + detail);
    case QNetworkReply::ProxyConnectionRefusedError:
        return network(QStringLiteral("cannot connect to the proxy: connection refused"));
    case QNetworkReply::ProxyConnectionClosedError:
        return network(QStringLiteral("the proxy closed the connection to ") + host);
    case QNetworkReply::ProxyNotFoundError:
        return network(QStringLiteral("cannot resolve the proxy host (check the system proxy settings)"));
    case QNetworkReply::ProxyTimeoutError:
        return network(QStringLiteral("the proxy did not answer in time"));
    case QNetworkReply::ProxyAuthenticationRequiredError:
        return network(QStringLiteral("the proxy asks for a login (check the system proxy settings)"));
    case QNetworkReply::ProtocolFailure:
    case QNetworkReply::ProtocolUnknownError:
        return network(QStringLiteral("the answer from ") + host + QStringLiteral(" is not valid HTTP: ") +
                       detail);
    default:
        return network(QStringLiteral("network error talking to ") + host + QStringLiteral(": ") + detail);
    }
}

void HttpClient::complete(quint64 id, HttpResult result)
{
    auto node = m_transfers.extract(id);
    if (node.empty())
        return;
    std::unique_ptr<Transfer> transfer = std::move(node.mapped());
    releaseReply(*transfer);
    m_deadlines.erase(transfer->deadline); // the timer may stay armed for it: a wake-up for nothing

    --m_inFlightTotal;
    if (const auto host = m_hosts.find(transfer->pending->hostKey); host != m_hosts.end()) {
        --host->second.inFlight;
        if (std::size_t(transfer->lane) < host->second.laneLoad.size())
            --host->second.laneLoad[std::size_t(transfer->lane)];
        if (host->second.inFlight <= 0 && host->second.queue.empty())
            m_hosts.erase(host);
    }
    deliverLater(std::move(transfer->pending->done), std::move(result));
    startQueued();
}

void HttpClient::deliverLater(HttpCallback done, HttpResult result)
{
    if (!done)
        return;
    // Queued on this object: never inside send() or a QNetworkReply signal (a callback may
    // destroy the client), and dropped by Qt if the client is destroyed first.
    QMetaObject::invokeMethod(
        this, [done = std::move(done), result = std::move(result)]() mutable { done(std::move(result)); },
        Qt::QueuedConnection);
}

void HttpClient::abortAll()
{
    struct Cancelled
    {
        quint64 id;
        QString host;
        HttpCallback done;
    };
    std::vector<Cancelled> cancelled;
    for (auto &[id, transfer] : m_transfers) {
        releaseReply(*transfer);
        cancelled.push_back({id, transfer->host(), std::move(transfer->pending->done)});
    }
    for (auto &[key, host] : m_hosts) {
        for (auto &pending : host.queue)
            cancelled.push_back({pending->id, pending->url.host(), std::move(pending->done)});
    }
    m_transfers.clear();
    m_hosts.clear();
    m_deadlines.clear();
    m_inFlightTotal = 0;
    std::sort(cancelled.begin(), cancelled.end(), [](const auto &a, const auto &b) { return a.id < b.id; });

    // A callback may destroy the client; the rest are then dropped like any other pending call.
    const QPointer<HttpClient> self(this);
    for (auto &entry : cancelled) {
        if (entry.done)
            entry.done(failure(CheckStatus::NetworkError, QStringLiteral("the request to ") + entry.host +
                                                              QStringLiteral(" was cancelled")));
        if (!self)
            return;
    }
}

} // namespace qw
