// A real HTTP/1.1 server on 127.0.0.1 playing a provider in tests and benchmarks. It runs on its
// own thread, so delays and hung connections never block the client under test, and a
// benchmark measures the client's CPU apart from the server's.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>
#include <QString>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QObject;
class QThread;

namespace qw::test {

struct TestResponse
{
    enum class Mode
    {
        Normal,
        Hang,               // accept the request and never answer (the connection stays open)
        CloseWithoutAnswer, // close the connection instead of answering
        TruncateBody,       // announce the full Content-Length, send half the body, close
        Stream,             // no Content-Length: the body in chunks, then close (a download)
    };

    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    int delayMs = 0; // before answering; a timer on the server thread, never a sleep
    Mode mode = Mode::Normal;
    QByteArray redirectTo; // when set: Location, and status 302 unless status is already 3xx
    // Mode::Stream: the next chunk goes out once the previous one left the socket and this
    // interval passed, so a client that stops reading stops the server too.
    int streamChunkBytes = 16 * 1024;
    int streamIntervalMs = 5;

    static TestResponse json(QByteArray body, int status = 200);
};

struct RecordedRequest
{
    using Clock = std::chrono::steady_clock;

    QByteArray method;
    QByteArray path;  // as sent, without the query
    QByteArray query; // as sent (percent-encoded), without '?'
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    Clock::time_point receivedAt;                // when the request was complete
    std::optional<Clock::time_point> answeredAt; // when the answer (or close) went out; never for Hang

    // The first header with this name (case-insensitive), or empty.
    [[nodiscard]] QByteArray header(QByteArrayView name) const;
};

// The most requests that were being handled at one moment across `requests` (from one server or
// several), from their receivedAt / answeredAt; unanswered ones count as open to the end.
[[nodiscard]] int maxOverlap(const std::vector<RecordedRequest> &requests);

class TestHttpServer final
{
public:
    using Handler = std::function<TestResponse(const RecordedRequest &)>;

    // Listens on 127.0.0.1 with a free port (or `port`, to play a server that comes back), on a
    // thread of its own. port() is 0 when the port could not be taken.
    explicit TestHttpServer(quint16 port = 0);
    // Closes every connection, stops the thread and waits for it.
    ~TestHttpServer();
    TestHttpServer(const TestHttpServer &) = delete;
    TestHttpServer &operator=(const TestHttpServer &) = delete;

    [[nodiscard]] quint16 port() const { return m_port; }
    // "http://127.0.0.1:PORT"; with a host name ("localhost") the same server under another name,
    // which an HTTP client treats as another host.
    [[nodiscard]] QString baseUrl() const;
    [[nodiscard]] QString baseUrl(const QString &host) const;

    // Routes match on method ("*" for any) and the exact path without the query, or on a path
    // prefix when the route ends with "*". The newest matching route wins, exact before prefix.
    // The handler runs on the server thread. Unrouted requests get 404 {"error":"no route"}.
    void route(const QByteArray &method, const QByteArray &path, Handler handler);
    void route(const QByteArray &method, const QByteArray &path, TestResponse fixed);

    // Thread-safe copies, in arrival order.
    [[nodiscard]] std::vector<RecordedRequest> requests() const;
    [[nodiscard]] int requestCount() const;
    // Also resets maxConcurrentConnections() and bytesSent().
    void clearRequests();

    // The most requests being handled (received, not yet answered) at one moment.
    [[nodiscard]] int maxConcurrentConnections() const;
    // Requests being handled now.
    [[nodiscard]] int activeRequests() const;
    // TCP connections accepted so far (keep-alive makes this smaller than requestCount()).
    [[nodiscard]] int connectionCount() const;
    // Bytes the operating system accepted from the server (all answers, headers included).
    [[nodiscard]] qint64 bytesSent() const;

    struct State; // shared with the server thread

private:
    std::shared_ptr<State> m_state;
    std::unique_ptr<QThread> m_thread;
    QObject *m_worker = nullptr; // lives on m_thread, deleted there when it finishes
    quint16 m_port = 0;
};

} // namespace qw::test
