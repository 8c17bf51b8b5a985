#include "tests/support/testhttpserver.h"

#include <QHostAddress>
#include <QMutex>
#include <QMutexLocker>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <algorithm>

namespace qw::test {

namespace {

constexpr qsizetype MaxHeadBytes = 64 * 1024;

bool sameName(QByteArrayView a, QByteArrayView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

QByteArray headerIn(const QList<QPair<QByteArray, QByteArray>> &headers, QByteArrayView name)
{
    for (const auto &[key, value] : headers) {
        if (sameName(key, name))
            return value;
    }
    return {};
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return QByteArrayLiteral("OK");
    case 201:
        return QByteArrayLiteral("Created");
    case 204:
        return QByteArrayLiteral("No Content");
    case 301:
        return QByteArrayLiteral("Moved Permanently");
    case 302:
        return QByteArrayLiteral("Found");
    case 303:
        return QByteArrayLiteral("See Other");
    case 307:
        return QByteArrayLiteral("Temporary Redirect");
    case 308:
        return QByteArrayLiteral("Permanent Redirect");
    case 400:
        return QByteArrayLiteral("Bad Request");
    case 401:
        return QByteArrayLiteral("Unauthorized");
    case 403:
        return QByteArrayLiteral("Forbidden");
    case 404:
        return QByteArrayLiteral("Not Found");
    case 429:
        return QByteArrayLiteral("Too Many Requests");
    case 431:
        return QByteArrayLiteral("Request Header Fields Too Large");
    case 500:
        return QByteArrayLiteral("Internal Server Error");
    case 501:
        return QByteArrayLiteral("Not Implemented");
    case 502:
        return QByteArrayLiteral("Bad Gateway");
    case 503:
        return QByteArrayLiteral("Service Unavailable");
    default:
        return QByteArrayLiteral("Status");
    }
}

} // namespace

TestResponse TestResponse::json(QByteArray body, int status)
{
    TestResponse response;
    response.status = status;
    response.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    response.body = std::move(body);
    return response;
}

QByteArray RecordedRequest::header(QByteArrayView name) const
{
    return headerIn(headers, name);
}

int maxOverlap(const std::vector<RecordedRequest> &requests)
{
    // +1 at arrival, -1 at answer; at equal times the answer first, since a client that waits
    // for one answer before sending the next request can produce exactly that.
    std::vector<std::pair<RecordedRequest::Clock::time_point, int>> events;
    for (const auto &request : requests) {
        events.emplace_back(request.receivedAt, +1);
        events.emplace_back(request.answeredAt.value_or(RecordedRequest::Clock::time_point::max()), -1);
    }
    std::sort(events.begin(), events.end());
    int open = 0;
    int most = 0;
    for (const auto &[time, delta] : events) {
        open += delta;
        most = std::max(most, open);
    }
    return most;
}

struct TestHttpServer::State
{
    struct Route
    {
        QByteArray method;
        QByteArray path; // without the trailing "*" for prefixes
        bool prefix = false;
        Handler handler;
    };

    mutable QMutex mutex;
    std::vector<Route> routes;
    std::vector<RecordedRequest> requests;
    quint64 firstSerial = 0; // serial of requests[0]; clearRequests() moves it on
    int active = 0;
    int maxActive = 0;
    int connections = 0;
    qint64 bytesSent = 0;

    Handler handlerFor(const QByteArray &method, const QByteArray &path) const
    {
        QMutexLocker lock(&mutex);
        auto methodMatches = [&method](const Route &route) {
            return route.method == "*" || route.method == method;
        };
        for (auto it = routes.rbegin(); it != routes.rend(); ++it) {
            if (!it->prefix && methodMatches(*it) && it->path == path)
                return it->handler;
        }
        for (auto it = routes.rbegin(); it != routes.rend(); ++it) {
            if (it->prefix && methodMatches(*it) && path.startsWith(it->path))
                return it->handler;
        }
        return {};
    }

    quint64 record(RecordedRequest request)
    {
        QMutexLocker lock(&mutex);
        requests.push_back(std::move(request));
        ++active;
        maxActive = std::max(maxActive, active);
        return firstSerial + requests.size() - 1;
    }

    void answered(quint64 serial, bool sentSomething)
    {
        QMutexLocker lock(&mutex);
        --active;
        if (sentSomething && serial >= firstSerial && serial - firstSerial < requests.size())
            requests[serial - firstSerial].answeredAt = RecordedRequest::Clock::now();
    }
};

namespace {

// One accepted TCP connection: parses requests one after another (keep-alive), asks the route
// for the answer and sends it, honouring the answer's mode.
class Connection final : public QObject
{
public:
    Connection(QTcpSocket *socket, std::shared_ptr<TestHttpServer::State> state, QObject *parent)
        : QObject(parent)
        , m_socket(socket)
        , m_state(std::move(state))
    {
        m_socket->setParent(this);
        connect(m_socket, &QTcpSocket::readyRead, this, &Connection::onReadyRead);
        connect(m_socket, &QTcpSocket::bytesWritten, this, [this](qint64 bytes) {
            QMutexLocker lock(&m_state->mutex);
            m_state->bytesSent += bytes;
        });
        connect(m_socket, &QTcpSocket::disconnected, this, &Connection::onDisconnected);
        connect(m_socket, &QTcpSocket::errorOccurred, this, [this] {
            // A reset or broken pipe: nothing more can be sent; disconnected() follows abort().
            if (m_socket->state() != QAbstractSocket::UnconnectedState)
                m_socket->abort();
            else
                onDisconnected();
        });
    }

    void abort() { m_socket->abort(); }

private:
    void onReadyRead()
    {
        m_buffer += m_socket->readAll();
        processBuffer();
    }

    void onDisconnected()
    {
        if (m_gone)
            return;
        m_gone = true;
        if (m_stream)
            m_stream->stop();
        if (m_busy && !m_answered)
            m_state->answered(m_serial, false);
        m_busy = false;
        deleteLater();
    }

    void processBuffer()
    {
        while (!m_busy && !m_closing && !m_gone) {
            while (m_buffer.startsWith("\r\n"))
                m_buffer.remove(0, 2);
            if (!m_buffer.isEmpty() && (m_buffer[0] < 'A' || m_buffer[0] > 'Z')) {
                refuse(400); // not HTTP, e.g. a TLS hello sent to this plain-text server
                return;
            }
            const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
            if (headEnd < 0) {
                if (m_buffer.size() > MaxHeadBytes)
                    refuse(431);
                return;
            }
            RecordedRequest request;
            const QList<QByteArray> lines = m_buffer.left(headEnd).split('\n');
            const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
            if (requestLine.size() != 3) {
                refuse(400);
                return;
            }
            request.method = requestLine[0];
            const QByteArray target = requestLine[1];
            const QByteArray version = requestLine[2];
            const qsizetype question = target.indexOf('?');
            request.path = question < 0 ? target : target.left(question);
            request.query = question < 0 ? QByteArray() : target.mid(question + 1);
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const QByteArray line = lines[i].trimmed();
                const qsizetype colon = line.indexOf(':');
                if (colon <= 0)
                    continue;
                request.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
            }
            if (!request.header("Transfer-Encoding").isEmpty()) {
                refuse(501); // clients under test send bodies with a Content-Length
                return;
            }
            bool ok = true;
            const QByteArray lengthText = request.header("Content-Length");
            const qsizetype length = lengthText.isEmpty() ? 0 : lengthText.toLongLong(&ok);
            if (!ok || length < 0) {
                refuse(400);
                return;
            }
            if (m_buffer.size() < headEnd + 4 + length)
                return; // the rest of the body is still on its way
            request.body = m_buffer.mid(headEnd + 4, length);
            m_buffer.remove(0, headEnd + 4 + length);

            const QByteArray connection = request.header("Connection").toLower();
            m_keepAlive =
                version == "HTTP/1.1" ? !connection.contains("close") : connection.contains("keep-alive");
            m_headRequest = request.method == "HEAD";
            request.receivedAt = RecordedRequest::Clock::now();
            const TestHttpServer::Handler handler = m_state->handlerFor(request.method, request.path);
            m_busy = true;
            m_answered = false;
            m_serial = m_state->record(request);

            TestResponse response;
            if (handler)
                response = handler(request);
            else
                response = TestResponse::json(QByteArrayLiteral(R"({"error":"no route"})"), 404);
            if (response.delayMs > 0) {
                QTimer::singleShot(response.delayMs, this, [this, response] {
                    answer(response);
                    processBuffer();
                });
                return;
            }
            answer(response);
        }
    }

    QByteArray head(const TestResponse &response, int status, std::optional<qsizetype> contentLength) const
    {
        QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
        for (const auto &[name, value] : response.headers)
            out += name + ": " + value + "\r\n";
        if (!response.redirectTo.isEmpty() && headerIn(response.headers, "Location").isEmpty())
            out += "Location: " + response.redirectTo + "\r\n";
        if (contentLength && headerIn(response.headers, "Content-Length").isEmpty())
            out += "Content-Length: " + QByteArray::number(*contentLength) + "\r\n";
        if (!m_keepAlive || response.mode != TestResponse::Mode::Normal)
            out += "Connection: close\r\n";
        return out + "\r\n";
    }

    void markAnswered()
    {
        if (m_answered)
            return;
        m_answered = true;
        m_state->answered(m_serial, true);
    }

    void close()
    {
        m_closing = true;
        m_socket->disconnectFromHost(); // after what is still buffered has been sent
    }

    void answer(const TestResponse &response)
    {
        if (m_gone)
            return;
        int status = response.status;
        if (!response.redirectTo.isEmpty() && (status < 300 || status >= 400))
            status = 302;
        switch (response.mode) {
        case TestResponse::Mode::Hang:
            return; // stays busy (and counted) until the client goes away
        case TestResponse::Mode::CloseWithoutAnswer:
            markAnswered();
            close();
            return;
        case TestResponse::Mode::TruncateBody:
            m_socket->write(head(response, status, response.body.size()));
            m_socket->write(response.body.left(response.body.size() / 2));
            markAnswered();
            close();
            return;
        case TestResponse::Mode::Stream:
            m_socket->write(head(response, status, std::nullopt));
            markAnswered();
            startStream(response);
            return;
        case TestResponse::Mode::Normal:
            break;
        }
        QByteArray out = head(response, status, response.body.size());
        if (!m_headRequest)
            out += response.body;
        m_socket->write(out);
        markAnswered();
        if (m_keepAlive)
            m_busy = false;
        else
            close();
    }

    void startStream(const TestResponse &response)
    {
        m_streamBody = response.body;
        m_streamOffset = 0;
        m_streamChunk = std::max(1, response.streamChunkBytes);
        m_stream = new QTimer(this);
        connect(m_stream, &QTimer::timeout, this, [this] {
            if (m_socket->bytesToWrite() > 0)
                return; // the client has not taken the last chunk yet
            if (m_streamOffset >= m_streamBody.size()) {
                m_stream->stop();
                close();
                return;
            }
            m_socket->write(m_streamBody.mid(m_streamOffset, m_streamChunk));
            m_streamOffset += m_streamChunk;
        });
        m_stream->start(std::max(0, response.streamIntervalMs));
    }

    void refuse(int status)
    {
        m_keepAlive = false;
        m_socket->write(head(TestResponse{}, status, 0));
        close();
    }

    QTcpSocket *m_socket;
    std::shared_ptr<TestHttpServer::State> m_state;
    QByteArray m_buffer;
    quint64 m_serial = 0;
    bool m_busy = false;     // a request was received and is not answered (or is hung)
    bool m_answered = false; // for the current request
    bool m_keepAlive = true;
    bool m_headRequest = false;
    bool m_closing = false;
    bool m_gone = false;
    QTimer *m_stream = nullptr;
    QByteArray m_streamBody;
    qsizetype m_streamOffset = 0;
    qsizetype m_streamChunk = 0;
};

// Lives on the server thread; owns the listening socket and, through it, every connection.
class ServerWorker final : public QObject
{
public:
    explicit ServerWorker(std::shared_ptr<TestHttpServer::State> state)
        : m_state(std::move(state))
    {}

    quint16 listen(quint16 port)
    {
        m_server = new QTcpServer(this);
        // Many clients connect at once in the concurrency tests and benchmarks.
        m_server->setListenBacklogSize(256);
        m_server->setMaxPendingConnections(256);
        connect(m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server->nextPendingConnection()) {
                {
                    QMutexLocker lock(&m_state->mutex);
                    ++m_state->connections;
                }
                m_connections.removeAll(QPointer<Connection>());
                m_connections.append(new Connection(socket, m_state, this));
            }
        });
        if (!m_server->listen(QHostAddress::LocalHost, port))
            return 0;
        return m_server->serverPort();
    }

    void stop()
    {
        if (m_server)
            m_server->close();
        for (const QPointer<Connection> &connection : std::as_const(m_connections)) {
            if (connection)
                connection->abort();
        }
        m_connections.clear();
    }

private:
    std::shared_ptr<TestHttpServer::State> m_state;
    QTcpServer *m_server = nullptr;
    QList<QPointer<Connection>> m_connections;
};

} // namespace

TestHttpServer::TestHttpServer(quint16 port)
    : m_state(std::make_shared<State>())
    , m_thread(std::make_unique<QThread>())
{
    auto *worker = new ServerWorker(m_state);
    m_worker = worker;
    worker->moveToThread(m_thread.get());
    QObject::connect(m_thread.get(), &QThread::finished, worker, &QObject::deleteLater);
    m_thread->setObjectName(QStringLiteral("TestHttpServer"));
    m_thread->start();
    quint16 bound = 0;
    QMetaObject::invokeMethod(
        worker, [worker, &bound, port] { bound = worker->listen(port); }, Qt::BlockingQueuedConnection);
    m_port = bound;
}

TestHttpServer::~TestHttpServer()
{
    auto *worker = static_cast<ServerWorker *>(m_worker);
    QMetaObject::invokeMethod(
        worker, [worker] { worker->stop(); }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
}

QString TestHttpServer::baseUrl() const
{
    return baseUrl(QStringLiteral("127.0.0.1"));
}

QString TestHttpServer::baseUrl(const QString &host) const
{
    return QStringLiteral("http://") + host + QLatin1Char(':') + QString::number(m_port);
}

void TestHttpServer::route(const QByteArray &method, const QByteArray &path, Handler handler)
{
    State::Route route;
    route.method = method;
    route.prefix = path.endsWith('*');
    route.path = route.prefix ? path.chopped(1) : path;
    route.handler = std::move(handler);
    QMutexLocker lock(&m_state->mutex);
    m_state->routes.push_back(std::move(route));
}

void TestHttpServer::route(const QByteArray &method, const QByteArray &path, TestResponse fixed)
{
    route(method, path, [fixed = std::move(fixed)](const RecordedRequest &) { return fixed; });
}

std::vector<RecordedRequest> TestHttpServer::requests() const
{
    QMutexLocker lock(&m_state->mutex);
    return m_state->requests;
}

int TestHttpServer::requestCount() const
{
    QMutexLocker lock(&m_state->mutex);
    return static_cast<int>(m_state->requests.size());
}

void TestHttpServer::clearRequests()
{
    QMutexLocker lock(&m_state->mutex);
    m_state->firstSerial += m_state->requests.size();
    m_state->requests.clear();
    m_state->maxActive = m_state->active;
    m_state->bytesSent = 0;
}

int TestHttpServer::maxConcurrentConnections() const
{
    QMutexLocker lock(&m_state->mutex);
    return m_state->maxActive;
}

int TestHttpServer::activeRequests() const
{
    QMutexLocker lock(&m_state->mutex);
    return m_state->active;
}

int TestHttpServer::connectionCount() const
{
    QMutexLocker lock(&m_state->mutex);
    return m_state->connections;
}

qint64 TestHttpServer::bytesSent() const
{
    QMutexLocker lock(&m_state->mutex);
    return m_state->bytesSent;
}

} // namespace qw::test
