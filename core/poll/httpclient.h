// The one HTTP client every provider check and webhook goes through: libcurl's multi interface on
// this thread's event loop, with a deadline, a response-size cap (on the decompressed answer),
// same-origin-only redirects and per-host / total concurrency caps, turning transport failures
// into CheckErrors a user can act on and every HTTP status into an HttpReply.
//
// Why libcurl and not QNetworkAccessManager: checking 10,000 keys, QNetworkAccessManager's
// thread hand-offs, per-request objects and signal hops were well over half the CPU of a check.
// A curl transfer is a reused handle and a few callbacks on this thread.
#pragma once

#include "adapters/balancereading.h"
#include "adapters/httpexchange.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <tl/expected.hpp>
#include <unordered_map>
#include <vector>

class QTimer;
class QUrl;

namespace qw {

class CurlMulti;

struct HttpClientLimits
{
    // From the moment a request is handed to the network until its last byte: covers a connect
    // that hangs, a server that accepts and never answers, and one that trickles forever.
    int timeoutMs = 20000;
    // A balance answer is a few KiB; anything much larger is a wrong URL (a web page, a file).
    qint64 maxResponseBytes = 1024 * 1024;
    // Many keys polled at once must not exhaust a provider's (or a relay's) connection pool.
    int maxConcurrent = 8;
    int maxPerHost = 4; // per host:port
};

using HttpResult = tl::expected<HttpReply, CheckError>;
using HttpCallback = std::function<void(HttpResult)>;

// Asynchronous and single-threaded: use it from the thread that created it (curl's sockets are
// non-blocking and its name lookups run on curl's own threads, so checks need no worker threads).
//
// Proxies are the system's, as Qt reads them (environment variables, desktop settings, PAC).
// Certificates are checked against the system's CA bundle, or against the PEM file named by
// SSL_CERT_FILE when it is set (a company proxy's or a self-hosted relay's own CA).
class HttpClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpClient)

public:
    explicit HttpClient(HttpClientLimits limits = {}, QObject *parent = nullptr);
    // Aborts what is queued or in flight without calling their callbacks.
    ~HttpClient() override;

    // Applies to requests that start (leave the queue) afterwards.
    void setLimits(const HttpClientLimits &limits);
    [[nodiscard]] HttpClientLimits limits() const { return m_limits; }

    // Sends `request` to baseUrl + request.path (+ request.query). Any HTTP status, 4xx and 5xx
    // included, is an HttpReply for the adapter to classify; a CheckError means no complete
    // answer arrived. `done` is called exactly once, later (never inside send) from this object's
    // event loop, unless the client is destroyed first. The header values of `request` (which
    // may hold the secret) are wiped as soon as the request is built. Adds User-Agent,
    // Accept-Encoding: gzip, deflate (inflated here, within the size cap), and Content-Type:
    // application/json for a body, unless the request sets them. Redirects are
    // followed (at most 5) only within the origin of the base URL (see keepsOrigin()); any other
    // ends the request with a ProviderError before anything is sent there.
    void send(const QString &baseUrl, HttpRequestSpec request, HttpCallback done);

    // Completes every queued and in-flight request with a NetworkError "cancelled", before it
    // returns (callbacks run inside this call).
    void abortAll();

    [[nodiscard]] int inFlight() const { return m_inFlightTotal; }
    [[nodiscard]] int queued() const;

    // "QuotaWatch/<version> (+https://github.com/quotawatch)", sent unless a request sets one.
    [[nodiscard]] static QByteArray userAgent();
    // base + path, except that a base ending in segments that end in /v1 ("https://host/v1",
    // "https://openrouter.ai/api/v1") which the path starts with says them once: the address
    // people paste works with the adapters' versioned paths instead of giving /v1/v1/…. A path
    // from the API's root (HttpRequestSpec::pathFromApiRoot) that does not start with /v1 drops
    // the base's trailing /v1 ("https://api.deepseek.com/v1" + "/user/balance").
    [[nodiscard]] static QString joinedUrl(const QString &base, const QString &path, bool pathFromApiRoot);

    // Whether a redirect from `from` to `to` may carry the request on, the key included: the
    // same scheme, host and port, or the one upgrade a server may ask for, from http on port 80
    // to https on port 443 of the same host. Another port on the same host may be another
    // program (or another user's), and https -> http would send the key in clear.
    [[nodiscard]] static bool keepsOrigin(const QUrl &from, const QUrl &to);

private:
    struct Pending;
    struct Transfer;
    struct Host
    {
        int inFlight = 0;
        std::deque<std::unique_ptr<Pending>> queue;
    };

    void startQueued();
    void start(std::unique_ptr<Pending> pending);
    // Sets the transfer's handle up for its current hop and hands it to curl (again, after a
    // redirect).
    void dispatch(Transfer &transfer);
    // curl's callbacks for the answer's header lines and body; false stops the transfer with
    // Transfer::failure set.
    static size_t onHeaderLine(char *data, size_t size, size_t count, void *transfer);
    static size_t onBody(char *data, size_t size, size_t count, void *transfer);
    [[nodiscard]] static bool acceptHeaders(Transfer &transfer);
    [[nodiscard]] static bool acceptBody(Transfer &transfer, QByteArrayView chunk);
    // CurlMulti's report that a transfer's current hop ended.
    void onHopEnded(void *easy, int code); // a CURL * and its CURLcode
    // Follows a 3xx answer's Location when keepsOrigin() allows it; otherwise completes the
    // transfer with an error that says where the provider pointed.
    void followRedirect(Transfer &transfer, const QUrl &location);
    void onDeadline(quint64 id);
    // Ends every transfer whose deadline has passed, then arms the timer for the next one.
    void onDeadlines();
    // Arms m_deadlineTimer for the earliest deadline unless it is armed for that or sooner.
    void armDeadline();
    // Ends a transfer: stops it, returns its handle to the pool, frees its slots, starts what
    // waits, and queues the callback.
    void complete(quint64 id, HttpResult result);
    void deliverLater(HttpCallback done, HttpResult result);
    [[nodiscard]] CheckError transportError(const Transfer &transfer, int code) const; // a CURLcode
    // A handle from the pool (connections live in the multi handle, not in these).
    [[nodiscard]] void *takeHandle(); // a CURL *, or null when curl cannot make one
    void returnHandle(void *easy);

    HttpClientLimits m_limits;
    QByteArray m_caFile; // SSL_CERT_FILE, read once
    quint64 m_nextId = 1;
    int m_inFlightTotal = 0;
    std::map<QString, Host> m_hosts; // host:port -> waiting requests and slots in use
    std::unordered_map<quint64, std::unique_ptr<Transfer>> m_transfers;
    // Every transfer's deadline (ms on m_clock -> transfer id) under one timer.
    using Deadlines = std::multimap<qint64, quint64>;
    Deadlines m_deadlines;
    QElapsedTimer m_clock;
    QTimer *m_deadlineTimer = nullptr;  // child of this
    qint64 m_armedFor = 0;              // the m_clock time m_deadlineTimer fires at, while active
    std::vector<void *> m_idleHandles;  // CURL *
    std::unique_ptr<CurlMulti> m_multi; // last: its callbacks reach the members above
};

} // namespace qw
