#include "core/poll/httpclient.h"

#include "core/crypto/securewipe.h"
#include "core/poll/curlmulti.h"
#include "core/poll/inflater.h"

#include <QElapsedTimer>
#include <QHash>
#include <QNetworkProxyFactory>
#include <QPointer>
#include <QTimer>
#include <QUrl>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <curl/curl.h>
#include <limits>
#include <openssl/crypto.h>
#include <optional>
#include <utility>
#include <vector>

namespace qw {

namespace {

// The system's proxy for a URL, as Qt reads it (environment variables, desktop settings, PAC
// through libproxy), in the form curl takes. The answer is kept per scheme, host and port for a
// short while: asking the system for every request was about a seventh of the CPU of checking
// 10,000 keys, nearly all on the same few hosts. A PAC script that routes by path is not followed
// path by path; a changed proxy setting applies within kKeepMs.
class SystemProxies final
{
public:
    static constexpr qint64 kKeepMs = 30'000;

    struct Proxy
    {
        QByteArray url; // empty: connect directly
        QByteArray user;
        QByteArray password;
    };

    const Proxy &forUrl(const QUrl &url)
    {
        const QString key = url.scheme().toLower() + QStringLiteral("://") + url.host().toLower() +
                            QLatin1Char(':') + QString::number(url.port(-1));
        if (!m_clock.isValid())
            m_clock.start();
        const qint64 now = m_clock.elapsed();
        if (const auto it = m_answers.constFind(key); it != m_answers.cend() && now - it->askedAtMs < kKeepMs)
            return it->proxy;
        if (m_answers.size() > 256)
            m_answers.clear(); // many hosts: a bound, not an eviction policy
        Answer answer{ask(url), now};
        return m_answers.insert(key, answer)->proxy;
    }

private:
    struct Answer
    {
        Proxy proxy;
        qint64 askedAtMs = 0;
    };

    static Proxy ask(const QUrl &url)
    {
        const QList<QNetworkProxy> proxies =
            QNetworkProxyFactory::systemProxyForQuery(QNetworkProxyQuery(url));
        if (proxies.isEmpty())
            return {};
        const QNetworkProxy &first = proxies.front();
        QByteArray scheme;
        switch (first.type()) {
        case QNetworkProxy::HttpProxy:
        case QNetworkProxy::HttpCachingProxy:
            scheme = QByteArrayLiteral("http://");
            break;
        case QNetworkProxy::Socks5Proxy:
            scheme = QByteArrayLiteral("socks5h://"); // names resolved by the proxy, as Qt does
            break;
        default:
            return {};
        }
        const QString host = first.hostName();
        const QByteArray shownHost =
            host.contains(QLatin1Char(':')) ? '[' + host.toLatin1() + ']' : QUrl::toAce(host);
        return Proxy{scheme + shownHost + ':' + QByteArray::number(first.port()), first.user().toUtf8(),
                     first.password().toUtf8()};
    }

    QElapsedTimer m_clock;
    QHash<QString, Answer> m_answers;
};

SystemProxies &systemProxies()
{
    // Per thread, like the clients that use it: no lock on the path of every request.
    thread_local SystemProxies proxies;
    return proxies;
}

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

// "Name: value" lines for curl, which keeps its own copies: the secret among them is wiped when
// the list is freed. An empty value makes curl drop a header it would add itself, as Qt's
// setRawHeader with an empty value did.
class HeaderLines final
{
public:
    HeaderLines() = default;
    ~HeaderLines() { clear(); }
    HeaderLines(const HeaderLines &) = delete;
    HeaderLines &operator=(const HeaderLines &) = delete;

    void append(QByteArrayView name, QByteArrayView value)
    {
        QByteArray line;
        line.reserve(name.size() + value.size() + 2);
        line.append(name).append(": ").append(value);
        if (value.isEmpty())
            line.chop(1); // "Name:" removes, "Name: " would send an empty value
        if (curl_slist *longer = curl_slist_append(m_list, line.constData()))
            m_list = longer;
        secureWipe(line);
    }

    // Drops every line for `name` (case-insensitive), wiping it.
    void remove(QByteArrayView name)
    {
        curl_slist *kept = nullptr;
        for (curl_slist *item = m_list; item; item = item->next) {
            const QByteArrayView line(item->data);
            const bool named = line.size() > name.size() && line.at(name.size()) == ':' &&
                               line.first(name.size()).compare(name, Qt::CaseInsensitive) == 0;
            if (!named)
                kept = curl_slist_append(kept, item->data);
        }
        clear();
        m_list = kept;
    }

    [[nodiscard]] curl_slist *list() const { return m_list; }

private:
    void clear()
    {
        for (curl_slist *item = m_list; item; item = item->next)
            OPENSSL_cleanse(item->data, std::strlen(item->data));
        curl_slist_free_all(m_list);
        m_list = nullptr;
    }

    curl_slist *m_list = nullptr;
};

bool isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

} // namespace

// A request waiting for a slot. Its header lines hold their own copy of the secret, so the
// caller's spec could be wiped at once.
struct HttpClient::Pending
{
    quint64 id = 0;
    QString hostKey;
    QUrl url;
    QByteArray method;
    QByteArray body;
    HeaderLines headers;
    HttpCallback done;
};

struct HttpClient::Transfer
{
    quint64 id = 0;
    std::unique_ptr<Pending> pending;
    CURL *easy = nullptr;                              // from the pool, while the transfer lives
    std::multimap<qint64, quint64>::iterator deadline; // its entry in m_deadlines
    qint64 maxResponseBytes = 0;
    int timeoutMs = 0;
    int redirects = 0;
    QUrl hopUrl; // where the current hop goes: the request's URL, then each redirect's target
    bool viaProxy = false;
    // The current hop's answer.
    int status = 0;
    HttpHeaders headers;
    bool gotHeaders = false;            // its header block ended (not a 1xx one)
    QByteArray received;                // its body, inflated when it came compressed
    qint64 wireBytes = 0;               // of the body as it came, compressed or not
    std::unique_ptr<Inflater> inflater; // for a gzip or deflate answer
    QString encoding;                   // its Content-Encoding, for messages
    std::optional<CheckError> failure;  // why a callback stopped the hop
    char errorText[CURL_ERROR_SIZE] = {};

    [[nodiscard]] QString host() const { return pending->url.host(); }

    void startHop()
    {
        status = 0;
        headers.clear();
        gotHeaders = false;
        received.clear();
        wireBytes = 0;
        inflater.reset();
        encoding.clear();
        failure.reset();
        errorText[0] = '\0';
    }
};

HttpClient::HttpClient(HttpClientLimits limits, QObject *parent)
    : QObject(parent)
    , m_limits(limits)
    , m_caFile(qgetenv("SSL_CERT_FILE"))
    , m_deadlineTimer(new QTimer(this))
    , m_multi(std::make_unique<CurlMulti>([this](CURL *easy, CURLcode code) { onHopEnded(easy, code); }))
{
    m_clock.start();
    m_deadlineTimer->setSingleShot(true);
    connect(m_deadlineTimer, &QTimer::timeout, this, &HttpClient::onDeadlines);
}

HttpClient::~HttpClient()
{
    // Nothing reaches a callback once the owner decided to destroy us: the transfers end here
    // without a word, then the handles, then the multi handle with its connections.
    for (auto &[id, transfer] : m_transfers) {
        m_multi->remove(transfer->easy);
        curl_easy_cleanup(transfer->easy);
    }
    m_transfers.clear();
    m_hosts.clear();
    for (void *easy : m_idleHandles)
        curl_easy_cleanup(easy);
    m_idleHandles.clear();
    m_multi.reset();
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

    auto pending = std::make_unique<Pending>();
    for (auto &[name, value] : request.headers) {
        pending->headers.append(name, value);
        wipe(value);
    }
    // Said explicitly, so that compressed answers reach acceptBody() as they came: the size cap
    // then counts what they inflate to, a block at a time.
    if (!hasHeader(request.headers, "Accept-Encoding"))
        pending->headers.append("Accept-Encoding", "gzip, deflate");
    if (!hasHeader(request.headers, "User-Agent"))
        pending->headers.append("User-Agent", userAgent());
    if (!request.body.isEmpty() && !hasHeader(request.headers, "Content-Type"))
        pending->headers.append("Content-Type", "application/json");
    // A body goes at once, not after a 100 Continue that many servers never send.
    pending->headers.append("Expect", {});
    pending->id = m_nextId++;
    pending->hostKey = hostKey(url);
    pending->url = url;
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
    transfer->id = id;
    transfer->pending = std::move(pending);
    transfer->hopUrl = transfer->pending->url;
    transfer->maxResponseBytes = std::max<qint64>(1, m_limits.maxResponseBytes);
    transfer->timeoutMs = std::max(1, m_limits.timeoutMs);
    transfer->deadline = m_deadlines.emplace(m_clock.elapsed() + transfer->timeoutMs, id);
    armDeadline();
    transfer->easy = takeHandle();
    Transfer &ref = *transfer;
    m_transfers.emplace(id, std::move(transfer));
    if (!ref.easy) {
        complete(id, failure(CheckStatus::NetworkError,
                             QStringLiteral("cannot start a request to ") + ref.host() +
                                 QStringLiteral(": the HTTP library is out of memory or not set up")));
        return;
    }
    dispatch(ref);
}

void *HttpClient::takeHandle()
{
    if (!m_multi->isValid())
        return nullptr;
    if (m_idleHandles.empty())
        return curl_easy_init();
    void *easy = m_idleHandles.back();
    m_idleHandles.pop_back();
    return easy;
}

void HttpClient::returnHandle(void *easy)
{
    if (!easy)
        return;
    m_multi->remove(easy);
    // A handle keeps no connection of its own (they are the multi handle's), only its buffers:
    // a few per concurrent transfer are worth keeping.
    constexpr std::size_t kKeep = 256;
    if (m_idleHandles.size() >= kKeep) {
        curl_easy_cleanup(easy);
        return;
    }
    curl_easy_reset(easy);
    m_idleHandles.push_back(easy);
}

void HttpClient::dispatch(Transfer &transfer)
{
    CURL *easy = transfer.easy;
    Pending &pending = *transfer.pending;
    transfer.startHop();
    const QByteArray url = transfer.hopUrl.toEncoded();
    const SystemProxies::Proxy &proxy = systemProxies().forUrl(transfer.hopUrl);
    transfer.viaProxy = !proxy.url.isEmpty();

    bool ok = curl_easy_setopt(easy, CURLOPT_URL, url.constData()) == CURLE_OK;
#if LIBCURL_VERSION_NUM >= 0x075500
    ok = ok && curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https") == CURLE_OK;
#else
    ok = ok && curl_easy_setopt(easy, CURLOPT_PROTOCOLS, long(CURLPROTO_HTTP | CURLPROTO_HTTPS)) == CURLE_OK;
#endif
#if LIBCURL_VERSION_NUM >= 0x075700
    // Dropping a transfer that is still looking its host up must not wait for the lookup: that
    // would freeze this thread for as long as a dead DNS server takes.
    ok = ok && curl_easy_setopt(easy, CURLOPT_QUICK_EXIT, 1L) == CURLE_OK;
#endif
    ok = ok && curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L) == CURLE_OK;
    ok = ok && curl_easy_setopt(easy, CURLOPT_PRIVATE, &transfer) == CURLE_OK;
    ok = ok && curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, transfer.errorText) == CURLE_OK;
    ok = ok && curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &HttpClient::onHeaderLine) == CURLE_OK;
    ok = ok && curl_easy_setopt(easy, CURLOPT_HEADERDATA, &transfer) == CURLE_OK;
    ok = ok && curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &HttpClient::onBody) == CURLE_OK;
    ok = ok && curl_easy_setopt(easy, CURLOPT_WRITEDATA, &transfer) == CURLE_OK;
    ok = ok && curl_easy_setopt(easy, CURLOPT_HTTPHEADER, pending.headers.list()) == CURLE_OK;
    ok = ok && curl_easy_setopt(easy, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L) == CURLE_OK;
    ok = ok && curl_easy_setopt(easy, CURLOPT_PROXY, proxy.url.constData()) == CURLE_OK;
    if (transfer.viaProxy && !proxy.user.isEmpty()) {
        ok = ok && curl_easy_setopt(easy, CURLOPT_PROXYUSERNAME, proxy.user.constData()) == CURLE_OK;
        ok = ok && curl_easy_setopt(easy, CURLOPT_PROXYPASSWORD, proxy.password.constData()) == CURLE_OK;
    }
    if (!m_caFile.isEmpty())
        ok = ok && curl_easy_setopt(easy, CURLOPT_CAINFO, m_caFile.constData()) == CURLE_OK;
    if (pending.method == "HEAD") {
        ok = ok && curl_easy_setopt(easy, CURLOPT_NOBODY, 1L) == CURLE_OK;
    } else if (pending.method == "GET" && pending.body.isEmpty()) {
        ok = ok && curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L) == CURLE_OK;
    } else {
        if (pending.method != "POST" || pending.body.isEmpty())
            ok = ok && curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, pending.method.constData()) == CURLE_OK;
        if (!pending.body.isEmpty()) {
            // Not copied by curl: the body lives in `pending` until the transfer ends.
            ok = ok && curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(pending.body.size())) ==
                           CURLE_OK;
            ok = ok && curl_easy_setopt(easy, CURLOPT_POSTFIELDS, pending.body.constData()) == CURLE_OK;
        }
    }
    if (!ok || !m_multi->add(easy)) {
        complete(transfer.id, failure(CheckStatus::NetworkError,
                                      QStringLiteral("cannot start a request to ") + transfer.host() +
                                          QStringLiteral(": the HTTP library refused it")));
    }
}

size_t HttpClient::onHeaderLine(char *data, size_t size, size_t count, void *userdata)
{
    auto &transfer = *static_cast<Transfer *>(userdata);
    const size_t length = size * count;
    const QByteArrayView line = QByteArrayView(data, qsizetype(length)).trimmed();
    if (line.startsWith("HTTP/")) {
        // A new answer: after a 1xx one, or the first.
        transfer.headers.clear();
        transfer.gotHeaders = false;
        const qsizetype space = line.indexOf(' ');
        transfer.status =
            space < 0 ? 0
                      : line.sliced(space + 1).first(std::min<qsizetype>(3, line.size() - space - 1)).toInt();
        return length;
    }
    if (line.isEmpty()) {
        if (transfer.status >= 100 && transfer.status < 200)
            return length; // the real answer follows
        transfer.gotHeaders = true;
        return acceptHeaders(transfer) ? length : 0;
    }
    if ((data[0] == ' ' || data[0] == '\t') && !transfer.headers.isEmpty()) {
        transfer.headers.back().second += ' ' + line.toByteArray(); // an obsolete folded line
        return length;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon > 0)
        transfer.headers.emplaceBack(line.first(colon).trimmed().toByteArray(),
                                     line.sliced(colon + 1).trimmed().toByteArray());
    return length;
}

bool HttpClient::acceptHeaders(Transfer &transfer)
{
    if (isRedirect(transfer.status) || transfer.pending->method == "HEAD")
        return true; // a redirect's body is never used; a HEAD answer announces a body it does not send
    const QByteArray encoding = headerValue(transfer.headers, "Content-Encoding").trimmed();
    if (!encoding.isEmpty() && encoding.compare("identity", Qt::CaseInsensitive) != 0) {
        transfer.encoding = QString::fromLatin1(encoding);
        if (!Inflater::supports(encoding)) {
            transfer.failure =
                failure(CheckStatus::ProviderError,
                        QStringLiteral("the answer from ") + transfer.host() +
                            QStringLiteral(" is compressed as “") + transfer.encoding +
                            QStringLiteral("”, which QuotaWatch did not ask for and cannot read"))
                    .value();
            return false;
        }
        transfer.inflater = std::make_unique<Inflater>();
    }
    bool known = false;
    const qint64 length = headerValue(transfer.headers, "Content-Length").trimmed().toLongLong(&known);
    if (known && length > transfer.maxResponseBytes) {
        transfer.failure = tooLarge(transfer.host(), transfer.maxResponseBytes, false).value();
        return false;
    }
    return true;
}

size_t HttpClient::onBody(char *data, size_t size, size_t count, void *userdata)
{
    auto &transfer = *static_cast<Transfer *>(userdata);
    const size_t length = size * count;
    if (isRedirect(transfer.status))
        return length; // read and dropped, so the connection can carry the next hop
    return acceptBody(transfer, QByteArrayView(data, qsizetype(length))) ? length : 0;
}

bool HttpClient::acceptBody(Transfer &transfer, QByteArrayView chunk)
{
    const qint64 cap = transfer.maxResponseBytes;
    // Checked before keeping anything, so at most the cap is ever held.
    if (transfer.wireBytes + chunk.size() > cap) {
        transfer.failure = tooLarge(transfer.host(), cap, false).value();
        return false;
    }
    transfer.wireBytes += chunk.size();
    if (!transfer.inflater) {
        transfer.received += chunk;
        return true;
    }
    // A few KiB of gzip may inflate to gigabytes: the inflater stops at the cap.
    switch (transfer.inflater->inflate(chunk, transfer.received, cap)) {
    case Inflater::Outcome::Ok:
        return true;
    case Inflater::Outcome::TooLarge:
        transfer.failure = tooLarge(transfer.host(), cap, true).value();
        return false;
    case Inflater::Outcome::Corrupt:
        transfer.failure = notInflated(transfer.host(), transfer.encoding).value();
        return false;
    }
    return false;
}

void HttpClient::onHopEnded(void *easy, int code)
{
    Transfer *found = nullptr;
    curl_easy_getinfo(easy, CURLINFO_PRIVATE, reinterpret_cast<char **>(&found));
    if (!found || !m_transfers.contains(found->id))
        return;
    Transfer &transfer = *found;
    const quint64 id = transfer.id;
    if (transfer.failure) {
        complete(id, tl::unexpected<CheckError>(*transfer.failure));
        return;
    }
    if (code != CURLE_OK) {
        complete(id, tl::unexpected<CheckError>(transportError(transfer, code)));
        return;
    }
    // All of it arrived, but a compressed stream that stops before its end is not an answer.
    if (transfer.inflater && transfer.wireBytes > 0 && !transfer.inflater->atEnd()) {
        complete(id, notInflated(transfer.host(), transfer.encoding));
        return;
    }
    HttpReply answer;
    answer.status = transfer.status;
    answer.headers = std::move(transfer.headers);
    if (isRedirect(answer.status)) {
        const QByteArray location = answer.header("Location").trimmed();
        if (!location.isEmpty()) {
            followRedirect(transfer, QUrl::fromEncoded(location));
            return;
        }
    }
    answer.body = std::move(transfer.received);
    complete(id, std::move(answer));
}

void HttpClient::followRedirect(Transfer &transfer, const QUrl &location)
{
    const QUrl from = transfer.hopUrl;
    QUrl target = from.resolved(location);
    target.setUserInfo(QString()); // credentials in a Location would replace the key's header
    // The next request carries every header, the key included, so only the origin the user
    // configured may receive it. Each hop is checked against the one before, so after an
    // upgrade to https a later hop cannot fall back to http.
    if (!keepsOrigin(from, target)) {
        complete(transfer.id, failure(CheckStatus::ProviderError, redirectRefusal(from, target)));
        return;
    }
    if (transfer.redirects >= MaxRedirects) {
        complete(transfer.id, failure(CheckStatus::ProviderError,
                                      transfer.host() + QStringLiteral(" redirected more than ") +
                                          QString::number(MaxRedirects) +
                                          QStringLiteral(" times; set the base URL to the final address")));
        return;
    }
    ++transfer.redirects;
    Pending &pending = *transfer.pending;
    // As browsers and curl do: 303 always (but HEAD), and 301/302 after a POST, go on with a GET.
    const int status = transfer.status;
    if (status == 303 || ((status == 301 || status == 302) && pending.method == "POST")) {
        if (pending.method != "HEAD")
            pending.method = QByteArrayLiteral("GET");
        pending.body.clear();
        pending.headers.remove("Content-Type");
    }
    transfer.hopUrl = target;
    m_multi->remove(transfer.easy);
    curl_easy_reset(transfer.easy);
    dispatch(transfer);
}

void HttpClient::onDeadline(quint64 id)
{
    const auto it = m_transfers.find(id);
    if (it == m_transfers.end())
        return;
    const Transfer &transfer = *it->second;
    // The request leaves as soon as the connection (and TLS) is up.
    curl_off_t connectedAfterUs = 0;
    curl_easy_getinfo(transfer.easy, CURLINFO_PRETRANSFER_TIME_T, &connectedAfterUs);
    QString message;
    if (connectedAfterUs <= 0)
        message = QStringLiteral("cannot connect to ") + transfer.host() + QStringLiteral(" within ");
    else if (!transfer.gotHeaders)
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

CheckError HttpClient::transportError(const Transfer &transfer, int code) const
{
    const QString host = transfer.host();
    QString detail = QString::fromUtf8(transfer.errorText).trimmed();
    if (detail.isEmpty())
        detail = QString::fromUtf8(curl_easy_strerror(CURLcode(code)));
    // curl's messages name hosts and ports, not URLs, but a query must never reach a log.
    detail = withoutQueries(detail, {transfer.hopUrl, transfer.pending->url});
    auto network = [](QString message) {
        return CheckError{CheckStatus::NetworkError, std::move(message), {}};
    };
    long osError = 0;
    curl_easy_getinfo(transfer.easy, CURLINFO_OS_ERRNO, &osError);
    long proxyStatus = 0;
    curl_easy_getinfo(transfer.easy, CURLINFO_HTTP_CONNECTCODE, &proxyStatus);
    if (proxyStatus == 407)
        return network(QStringLiteral("the proxy asks for a login (check the system proxy settings)"));
    if (proxyStatus >= 300)
        return network(QStringLiteral("the proxy refused to connect to ") + host + QStringLiteral(" (HTTP ") +
                       QString::number(proxyStatus) + QLatin1Char(')'));

    switch (CURLcode(code)) {
    case CURLE_COULDNT_CONNECT:
        if (transfer.viaProxy)
            return network(osError == ECONNREFUSED
                               ? QStringLiteral("cannot connect to the proxy: connection refused")
                               : QStringLiteral("cannot connect to the proxy: ") + detail);
        if (osError == ECONNREFUSED)
            return network(QStringLiteral("cannot connect to ") + host +
                           QStringLiteral(": connection refused"));
        return network(QStringLiteral("cannot connect to ") + host + QStringLiteral(": ") + detail);
    case CURLE_COULDNT_RESOLVE_HOST:
        return network(QStringLiteral("cannot resolve ") + host +
                       QStringLiteral(" (no such host, or no DNS; check the base URL and the network)"));
    case CURLE_COULDNT_RESOLVE_PROXY:
        return network(QStringLiteral("cannot resolve the proxy host (check the system proxy settings)"));
    case CURLE_GOT_NOTHING:
        return network(host + QStringLiteral(" closed the connection without answering"));
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
        if (transfer.gotHeaders)
            return network(QStringLiteral("the connection to ") + host +
                           QStringLiteral(" closed before the answer was complete"));
        return network(host + QStringLiteral(" closed the connection without answering"));
    case CURLE_OPERATION_TIMEDOUT:
        return network(QStringLiteral("no answer from ") + host + QStringLiteral(" within ") +
                       seconds(transfer.timeoutMs));
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CRL_BADFILE:
        return network(QStringLiteral("TLS handshake with ") + host + QStringLiteral(" failed: ") + detail);
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_BAD_CONTENT_ENCODING:
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
    returnHandle(std::exchange(transfer->easy, nullptr));
    m_deadlines.erase(transfer->deadline); // the timer may stay armed for it: a wake-up for nothing

    --m_inFlightTotal;
    if (const auto host = m_hosts.find(transfer->pending->hostKey); host != m_hosts.end()) {
        --host->second.inFlight;
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
    // Queued on this object: never inside send() or a curl callback (a callback may destroy the
    // client), and dropped by Qt if the client is destroyed first.
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
        returnHandle(std::exchange(transfer->easy, nullptr));
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
