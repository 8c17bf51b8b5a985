// The test HTTP server itself, spoken to over raw TCP: routing, what it records, keep-alive and
// its special answers. Blocking socket calls are fine here: the server runs on its own thread.
#include "tests/support/testhttpserver.h"

#include <QElapsedTimer>
#include <QTcpSocket>
#include <QThread>
#include <gtest/gtest.h>

namespace qw::test {
namespace {

struct RawAnswer
{
    int status = 0;
    QByteArray head;
    QByteArray body;
    bool closed = false;
};

// A raw client connection that keeps what it read beyond one answer (keep-alive, pipelining).
class RawConnection
{
public:
    explicit RawConnection(quint16 port) { m_socket.connectToHost(QHostAddress::LocalHost, port); }

    bool waitForConnected() { return m_socket.waitForConnected(2000); }
    void write(const QByteArray &bytes)
    {
        m_socket.write(bytes);
        m_socket.waitForBytesWritten(2000);
    }
    QTcpSocket &socket() { return m_socket; }

    // One answer: status line, headers and a Content-Length body, or everything up to the close.
    RawAnswer read(int timeoutMs = 5000)
    {
        RawAnswer answer;
        QElapsedTimer timer;
        timer.start();
        while (true) {
            const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
            if (headEnd >= 0) {
                answer.head = m_buffer.left(headEnd);
                answer.status = answer.head.mid(9, 3).toInt();
                qsizetype length = -1;
                for (const QByteArray &line : answer.head.split('\n')) {
                    if (line.toLower().startsWith("content-length:"))
                        length = line.mid(15).trimmed().toLongLong();
                }
                if (length >= 0 && m_buffer.size() >= headEnd + 4 + length) {
                    answer.body = m_buffer.mid(headEnd + 4, length);
                    m_buffer.remove(0, headEnd + 4 + length);
                    return answer;
                }
            }
            const bool open = m_socket.state() == QAbstractSocket::ConnectedState;
            if (!open || timer.elapsed() > timeoutMs) {
                m_buffer += m_socket.readAll();
                answer.closed = !open;
                const qsizetype end = m_buffer.indexOf("\r\n\r\n");
                if (end >= 0)
                    answer.body = m_buffer.mid(end + 4);
                m_buffer.clear();
                return answer;
            }
            m_socket.waitForReadyRead(50);
            m_buffer += m_socket.readAll();
        }
    }

private:
    QTcpSocket m_socket;
    QByteArray m_buffer;
};

RawAnswer exchange(const TestHttpServer &server, const QByteArray &request)
{
    RawConnection connection(server.port());
    EXPECT_TRUE(connection.waitForConnected());
    connection.write(request);
    return connection.read();
}

QByteArray simpleGet(const QByteArray &target)
{
    return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
}

TEST(TestHttpServer, RoutesExactPathsPrefixesAndMethods)
{
    TestHttpServer server;
    server.route("GET", "/v1/key", TestResponse::json(R"({"route":"exact"})"));
    server.route("GET", "/v1/*", TestResponse::json(R"({"route":"prefix"})"));
    server.route("POST", "/v1/key", TestResponse::json(R"({"route":"post"})", 201));
    server.route("*", "/any", TestResponse::json(R"({"route":"any"})"));

    EXPECT_EQ(exchange(server, simpleGet("/v1/key?x=1")).body, R"({"route":"exact"})");
    EXPECT_EQ(exchange(server, simpleGet("/v1/other/deeper")).body, R"({"route":"prefix"})");
    const RawAnswer posted = exchange(server, "POST /v1/key HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n"
                                              "Connection: close\r\n\r\n");
    EXPECT_EQ(posted.status, 201);
    EXPECT_EQ(posted.body, R"({"route":"post"})");
    EXPECT_EQ(exchange(server, "DELETE /any HTTP/1.1\r\nConnection: close\r\n\r\n").body,
              R"({"route":"any"})");

    const RawAnswer missing = exchange(server, simpleGet("/nowhere"));
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(missing.body, R"({"error":"no route"})");

    // The newest route wins, so a test can change an answer midway.
    server.route("GET", "/v1/key", TestResponse::json(R"({"route":"newer"})"));
    EXPECT_EQ(exchange(server, simpleGet("/v1/key")).body, R"({"route":"newer"})");
}

TEST(TestHttpServer, HandlerSeesTheRequestAndEverythingIsRecorded)
{
    TestHttpServer server;
    server.route("PUT", "/echo", [](const RecordedRequest &request) {
        return TestResponse::json(request.body + "|" + request.header("x-key") + "|" + request.query);
    });
    RawConnection connection(server.port());
    ASSERT_TRUE(connection.waitForConnected());
    // Head and body in pieces, as a slow client would send them.
    connection.write("PUT /echo?a=1&b=%20 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Key: sec");
    QThread::msleep(30);
    connection.write("ret\r\nContent-Length: 12\r\n\r\n{\"amo");
    QThread::msleep(30);
    connection.write("unt\":1}");
    const RawAnswer answer = connection.read();
    EXPECT_EQ(answer.status, 200);
    EXPECT_EQ(answer.body, R"({"amount":1}|secret|a=1&b=%20)");

    ASSERT_EQ(server.requestCount(), 1);
    const RecordedRequest seen = server.requests().front();
    EXPECT_EQ(seen.method, "PUT");
    EXPECT_EQ(seen.path, "/echo");
    EXPECT_EQ(seen.query, "a=1&b=%20");
    EXPECT_EQ(seen.header("X-KEY"), "secret");
    EXPECT_EQ(seen.body, R"({"amount":1})");
    EXPECT_TRUE(seen.answeredAt.has_value());

    server.clearRequests();
    EXPECT_EQ(server.requestCount(), 0);
    EXPECT_EQ(server.maxConcurrentConnections(), 0);
}

TEST(TestHttpServer, KeepAliveServesSeveralRequestsOnOneConnection)
{
    TestHttpServer server;
    server.route("GET", "/n", TestResponse::json("1"));
    RawConnection connection(server.port());
    ASSERT_TRUE(connection.waitForConnected());
    for (int i = 0; i < 3; ++i) {
        connection.write("GET /n HTTP/1.1\r\nHost: x\r\n\r\n");
        const RawAnswer answer = connection.read();
        EXPECT_EQ(answer.status, 200);
        EXPECT_EQ(answer.body, "1");
        EXPECT_FALSE(answer.closed);
    }
    // Two requests in one write (pipelined) are answered in order.
    connection.write("GET /n HTTP/1.1\r\nHost: x\r\n\r\nGET /missing HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(connection.read().status, 200);
    EXPECT_EQ(connection.read().status, 404);
    EXPECT_EQ(server.requestCount(), 5);
    EXPECT_EQ(server.connectionCount(), 1);
}

TEST(TestHttpServer, HangNeverAnswers)
{
    TestHttpServer server;
    TestResponse hang;
    hang.mode = TestResponse::Mode::Hang;
    server.route("GET", "/hang", hang);
    RawConnection connection(server.port());
    ASSERT_TRUE(connection.waitForConnected());
    connection.write(simpleGet("/hang"));
    EXPECT_FALSE(connection.socket().waitForReadyRead(1000));
    EXPECT_EQ(connection.socket().state(), QAbstractSocket::ConnectedState);
    EXPECT_EQ(server.activeRequests(), 1);
    connection.socket().abort();
    QElapsedTimer timer;
    timer.start();
    while (server.activeRequests() != 0 && timer.elapsed() < 2000)
        QThread::msleep(5);
    EXPECT_EQ(server.activeRequests(), 0);
    EXPECT_FALSE(server.requests().front().answeredAt.has_value());
}

TEST(TestHttpServer, DelayedAnswersOverlapAndAreCounted)
{
    TestHttpServer server;
    TestResponse slow = TestResponse::json("{}");
    slow.delayMs = 300;
    server.route("GET", "/slow", slow);
    std::vector<std::unique_ptr<RawConnection>> connections;
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < 3; ++i) {
        connections.push_back(std::make_unique<RawConnection>(server.port()));
        ASSERT_TRUE(connections.back()->waitForConnected());
        connections.back()->write(simpleGet("/slow"));
    }
    for (auto &connection : connections)
        EXPECT_EQ(connection->read().status, 200);
    const qint64 elapsed = timer.elapsed();
    EXPECT_GE(elapsed, 290);
    EXPECT_LT(elapsed, 800); // answered side by side, not one after another
    EXPECT_EQ(server.maxConcurrentConnections(), 3);
    EXPECT_EQ(maxOverlap(server.requests()), 3);
}

TEST(TestHttpServer, SpecialModes)
{
    TestHttpServer server;
    TestResponse close;
    close.mode = TestResponse::Mode::CloseWithoutAnswer;
    server.route("GET", "/close", close);
    TestResponse truncated = TestResponse::json(QByteArray(1000, 'a'));
    truncated.mode = TestResponse::Mode::TruncateBody;
    server.route("GET", "/truncated", truncated);
    TestResponse redirect;
    redirect.redirectTo = "/elsewhere";
    server.route("GET", "/moved", redirect);
    TestResponse stream;
    stream.body = QByteArray(50000, 's');
    stream.mode = TestResponse::Mode::Stream;
    stream.streamChunkBytes = 10000;
    server.route("GET", "/stream", stream);

    const RawAnswer closed = exchange(server, simpleGet("/close"));
    EXPECT_TRUE(closed.closed);
    EXPECT_TRUE(closed.head.isEmpty());

    const RawAnswer cut = exchange(server, simpleGet("/truncated"));
    EXPECT_EQ(cut.status, 200);
    EXPECT_TRUE(cut.closed);
    EXPECT_TRUE(cut.head.contains("Content-Length: 1000"));
    EXPECT_EQ(cut.body.size(), 500);

    const RawAnswer moved = exchange(server, simpleGet("/moved"));
    EXPECT_EQ(moved.status, 302);
    EXPECT_TRUE(moved.head.contains("Location: /elsewhere"));

    const RawAnswer streamed = exchange(server, simpleGet("/stream"));
    EXPECT_EQ(streamed.status, 200);
    EXPECT_TRUE(streamed.closed);
    EXPECT_FALSE(streamed.head.contains("Content-Length"));
    EXPECT_EQ(streamed.body, QByteArray(50000, 's'));
}

TEST(TestHttpServer, ManyConcurrentConnections)
{
    TestHttpServer server;
    server.route("GET", "/x", TestResponse::json("{}"));
    constexpr int Connections = 32;
    std::vector<std::unique_ptr<RawConnection>> connections;
    for (int i = 0; i < Connections; ++i)
        connections.push_back(std::make_unique<RawConnection>(server.port()));
    for (auto &connection : connections) {
        ASSERT_TRUE(connection->waitForConnected());
        for (int i = 0; i < 5; ++i)
            connection->write("GET /x HTTP/1.1\r\nHost: x\r\n\r\n");
    }
    for (auto &connection : connections) {
        for (int i = 0; i < 5; ++i)
            EXPECT_EQ(connection->read().status, 200);
    }
    EXPECT_EQ(server.requestCount(), Connections * 5);
    EXPECT_EQ(server.connectionCount(), Connections);
}

} // namespace
} // namespace qw::test
